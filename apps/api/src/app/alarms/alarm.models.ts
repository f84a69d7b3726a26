import { Field, ID, Int, ObjectType, registerEnumType, Float } from '@nestjs/graphql';
import { AlarmState, AssetKind, Severity } from '@convergent/platform-data-access-db';
import { ConnectionType } from '../graphql/connection';

registerEnumType(Severity, { name: 'Severity', description: 'Alarm severity, most severe first.' });
registerEnumType(AlarmState, {
  name: 'AlarmState',
  description: 'ISA-18.2 lifecycle state; cleared_acknowledged is closed (history).',
});

@ObjectType({ description: 'An ISA-18.2 alarm: one open alarm per rule and asset, repeats counted.' })
export class Alarm {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) ruleId!: string | null;
  @Field(() => String, { nullable: true }) ruleName!: string | null;
  @Field(() => ID) assetId!: string;
  @Field() assetName!: string;
  @Field(() => ID, { nullable: true }) siteId!: string | null;
  @Field(() => AlarmState) state!: AlarmState;
  @Field(() => Severity) severity!: Severity;
  @Field() message!: string;
  @Field(() => Int, { description: 'How often the condition was raised while this alarm was open.' })
  occurrences!: number;
  @Field(() => Float, { nullable: true }) lastValue!: number | null;
  @Field() raisedAt!: Date;
  @Field(() => Date, { nullable: true }) acknowledgedAt!: Date | null;
  @Field(() => ID, { nullable: true }) acknowledgedById!: string | null;
  @Field(() => Date, { nullable: true }) clearedAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'Null when the condition itself cleared.' })
  clearedById!: string | null;
  @Field(() => Date, { nullable: true, description: 'Notifications are suppressed until then.' })
  shelvedUntil!: Date | null;
  @Field() updatedAt!: Date;
}

@ObjectType()
export class AlarmPage {
  @Field(() => [Alarm]) nodes!: Alarm[];
  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}

@ObjectType({ description: 'One step of an alarm lifecycle: who, when, from which state to which, and why.' })
export class AlarmHistoryEntry {
  @Field(() => ID) id!: string;
  @Field() at!: Date;
  @Field({ description: 'raise, escalate, acknowledge, clear, shelve or unshelve.' }) action!: string;
  @Field(() => AlarmState, { nullable: true }) fromState!: AlarmState | null;
  @Field(() => AlarmState) toState!: AlarmState;
  @Field(() => Severity) severity!: Severity;
  @Field(() => ID, { nullable: true, description: 'Null for the rule engine.' }) userId!: string | null;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
}

@ObjectType({ description: 'An alarm rule on an asset subtree and/or an asset kind.' })
export class AlarmRule {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => ID, { nullable: true }) assetId!: string | null;
  @Field(() => AssetKind, { nullable: true }) assetKind!: AssetKind | null;
  @Field(() => Severity) severity!: Severity;
  @Field({ description: 'The rule definition as JSON (format: docs/alarms.md).' }) definition!: string;
  @Field() enabled!: boolean;
  @Field(() => Int, { description: 'Moves on every edit of the definition.' }) version!: number;
  @Field() updatedAt!: Date;
}

@ObjectType({
  description: 'Predictive maintenance: an anomaly or a forecast limit crossing, with evidence.',
})
export class MaintenanceWarning {
  @Field(() => ID) id!: string;
  @Field(() => ID) assetId!: string;
  @Field() assetName!: string;
  @Field(() => ID, { nullable: true }) siteId!: string | null;
  @Field({ description: 'anomaly or trend.' }) kind!: string;
  @Field() metric!: string;
  @Field(() => Severity) severity!: Severity;
  @Field() message!: string;
  @Field({ description: 'JSON: window, expected range, observed (anomaly) or fit and band (trend).' })
  evidence!: string;
  @Field(() => Int) occurrences!: number;
  @Field() firstSeenAt!: Date;
  @Field() lastSeenAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Trend: when the limit is most likely reached.' })
  predictedAt!: Date | null;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
}

@ObjectType({ description: 'Where notifications go. A webhook secret is write-only.' })
export class NotificationChannel {
  @Field(() => ID) id!: string;
  @Field({ description: 'webhook or email.' }) kind!: string;
  @Field() name!: string;
  @Field({ description: 'The webhook URL or the e-mail address.' }) target!: string;
  @Field() enabled!: boolean;
}

@ObjectType({ description: "A user's or a site's notification preference." })
export class NotificationSubscription {
  @Field(() => ID) id!: string;
  @Field(() => ID) channelId!: string;
  @Field(() => ID, { nullable: true }) userId!: string | null;
  @Field(() => ID, { nullable: true, description: 'Null: every site.' }) siteId!: string | null;
  @Field(() => Severity, { description: 'Alarms at least this severe are sent.' }) minSeverity!: Severity;
  @Field(() => Int, { nullable: true, description: 'Reminders while active, every this many minutes.' })
  repeatEveryMinutes!: number | null;
  @Field() enabled!: boolean;
}

@ObjectType({ description: 'One notification to one channel, with its attempts.' })
export class NotificationDelivery {
  @Field(() => ID, { description: 'The delivery id receivers de-duplicate by.' }) id!: string;
  @Field(() => ID) channelId!: string;
  @Field() channelName!: string;
  @Field(() => ID, { nullable: true }) alarmId!: string | null;
  @Field(() => ID, { nullable: true }) warningId!: string | null;
  @Field() event!: string;
  @Field({ description: 'pending, delivered or failed.' }) status!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true }) lastAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field() createdAt!: Date;
}

export const AlarmHistoryEntryConnection = ConnectionType(
  AlarmHistoryEntry,
  "A page of an alarm's lifecycle steps, oldest first.",
);
export const AlarmRuleConnection = ConnectionType(AlarmRule, 'A page of alarm rules, by name.');
export const MaintenanceWarningConnection = ConnectionType(
  MaintenanceWarning,
  'A page of maintenance warnings, most recently seen first.',
);
export const NotificationChannelConnection = ConnectionType(
  NotificationChannel,
  'A page of notification channels, by name.',
);
export const NotificationSubscriptionConnection = ConnectionType(
  NotificationSubscription,
  'A page of notification subscriptions, oldest first.',
);
export const NotificationDeliveryConnection = ConnectionType(
  NotificationDelivery,
  'A page of notification deliveries, newest first.',
);
