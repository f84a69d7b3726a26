import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { AlarmState, AssetKind, Severity } from '@convergent/platform-data-access-db';
import { PageArgs } from '../graphql/connection';

@InputType()
export class AlarmFilterInput {
  @Field(() => [Severity], { nullable: true }) severities?: Severity[] | null;
  @Field(() => [AlarmState], { nullable: true }) states?: AlarmState[] | null;
  @Field(() => ID, { nullable: true }) siteId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The asset and everything below it.' }) assetId?:
    string | null;
  @Field(() => Date, { nullable: true, description: 'Raised at or after.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Raised before.' }) to?: Date | null;
}

@ArgsType()
export class AlarmsArgs {
  @Field(() => AlarmFilterInput, { nullable: true }) filter?: AlarmFilterInput | null;
  @Field(() => Int, { defaultValue: 50, description: '1 to 200.' }) first!: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@InputType()
export class AlarmRuleInput {
  @Field() name!: string;
  @Field(() => ID, { nullable: true, description: 'The rule covers this asset and its subtree.' })
  assetId?: string | null;
  @Field(() => AssetKind, { nullable: true, description: 'The rule covers assets of this kind.' })
  assetKind?: AssetKind | null;
  @Field({ description: 'The rule definition as JSON (format: docs/alarms.md).' }) definition!: string;
  @Field({ defaultValue: true }) enabled!: boolean;
}

@InputType()
export class AlarmRulePatch {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) definition?: string | null;
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
}

@InputType()
export class NotificationChannelInput {
  @Field({ description: 'webhook or email.' }) kind!: string;
  @Field() name!: string;
  @Field({ description: 'The webhook URL or the e-mail address.' }) target!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Webhooks: HMAC-SHA256 signing secret, 16+ characters.',
  })
  secret?: string | null;
}

@InputType()
export class NotificationSubscriptionInput {
  @Field(() => ID) channelId!: string;
  @Field(() => ID, { nullable: true, description: 'Null: every site.' }) siteId?: string | null;
  @Field(() => Boolean, {
    defaultValue: true,
    description: 'For yourself; admins may set false for a site-wide one.',
  })
  forMe!: boolean;
  @Field(() => Severity, { defaultValue: Severity.warning }) minSeverity!: Severity;
  @Field(() => Int, { nullable: true, description: 'Reminders while active, every 1 to 1440 minutes.' })
  repeatEveryMinutes?: number | null;
}

@ArgsType()
export class AlarmHistoryArgs extends PageArgs {
  @Field(() => ID) alarmId!: string;
}

@ArgsType()
export class AlarmRulesArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true }) enabled?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  nameContains?: string | null;
}

@ArgsType()
export class MaintenanceWarningsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) siteId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The asset and everything below it.' })
  assetId?: string | null;
  @Field({ defaultValue: true, description: 'false: resolved warnings too.' }) openOnly!: boolean;
}

@ArgsType()
export class NotificationChannelsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'webhook or email.' }) kind?: string | null;
}

@ArgsType()
export class NotificationSubscriptionsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) channelId?: string | null;
}

@ArgsType()
export class NotificationDeliveriesArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) alarmId?: string | null;
  @Field(() => String, { nullable: true, description: 'pending, delivered or failed.' })
  status?: string | null;
}
