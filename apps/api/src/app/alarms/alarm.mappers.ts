import { DomainError } from '@convergent/shared-util-contracts';
import type { Severity } from '@convergent/platform-data-access-db';
import type {
  AlarmListItem,
  DeliveryRow,
  HistoryRow,
  RuleRecord,
  WarningRow,
} from '@convergent/alarms-data-access-alarms';
import type {
  Alarm,
  AlarmHistoryEntry,
  AlarmRule,
  MaintenanceWarning,
  NotificationDelivery,
  NotificationSubscription,
} from './alarm.models';

export const toAlarm = (r: AlarmListItem): Alarm => ({
  id: r.id,
  ruleId: r.rule_id,
  ruleName: r.rule_name,
  assetId: r.asset_id,
  assetName: r.asset_name,
  siteId: r.site_id,
  state: r.state,
  severity: r.severity,
  message: r.message,
  occurrences: r.occurrences,
  lastValue: r.last_value,
  raisedAt: r.raised_at,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedById: r.acknowledged_by_id,
  clearedAt: r.cleared_at,
  clearedById: r.cleared_by_id,
  shelvedUntil: r.shelved_until,
  updatedAt: r.updated_at,
});

export const toHistory = (h: HistoryRow): AlarmHistoryEntry => ({
  id: h.id,
  at: h.at,
  action: h.action,
  fromState: h.from_state,
  toState: h.to_state,
  severity: h.severity,
  userId: h.user_id,
  comment: h.comment,
  message: h.message,
});

export const toRule = (r: RuleRecord): AlarmRule => ({
  id: r.id,
  name: r.name,
  assetId: r.assetId,
  assetKind: r.assetKind,
  severity: r.severity,
  definition: JSON.stringify(r.definition),
  enabled: r.enabled,
  version: r.version,
  updatedAt: r.updatedAt,
});

export const toWarning = (w: WarningRow): MaintenanceWarning => ({
  id: w.id,
  assetId: w.asset_id,
  assetName: w.asset_name,
  siteId: w.site_id,
  kind: w.kind,
  metric: w.metric,
  severity: w.severity,
  message: w.message,
  evidence: JSON.stringify(w.evidence),
  occurrences: w.occurrences,
  firstSeenAt: w.first_seen_at,
  lastSeenAt: w.last_seen_at,
  predictedAt: w.predicted_at,
  resolvedAt: w.resolved_at,
});

export const toDelivery = (d: DeliveryRow): NotificationDelivery => ({
  id: d.id,
  channelId: d.channel_id,
  channelName: d.channel_name,
  alarmId: d.alarm_id,
  warningId: d.warning_id,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  lastError: d.last_error,
  lastAttemptAt: d.last_attempt_at,
  deliveredAt: d.delivered_at,
  createdAt: d.created_at,
});

export const toSubscription = (s: {
  id: string;
  channelId: string;
  userId: string | null;
  siteId: string | null;
  minSeverity: Severity;
  repeatEveryMs: number | null;
  enabled: boolean;
}): NotificationSubscription => ({
  id: s.id,
  channelId: s.channelId,
  userId: s.userId,
  siteId: s.siteId,
  minSeverity: s.minSeverity,
  repeatEveryMinutes: s.repeatEveryMs === null ? null : Math.round(s.repeatEveryMs / 60_000),
  enabled: s.enabled,
});

// A JSON argument, parsed with an error that names the argument.
export function parseJsonArgument(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
