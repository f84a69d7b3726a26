import { createHmac } from 'node:crypto';
import type { AlarmRow } from './alarm-row';

export type NotificationEvent =
  | 'alarm.raised'
  | 'alarm.escalated'
  | 'alarm.repeated'
  | 'alarm.cleared'
  | 'alarm.reminder'
  | 'maintenance.warning';

// The documented webhook body (docs/alarms.md), without deliveryId, which is added at send time.
export interface NotificationPayload {
  event: NotificationEvent;
  occurredAt: string;
  tenantId: string;
  alarm?: {
    id: string;
    ruleId: string | null;
    ruleName: string | null;
    assetId: string;
    assetName: string | null;
    siteId: string | null;
    severity: string;
    state: string;
    message: string;
    value: number | null;
    occurrences: number;
    raisedAt: string;
  };
  warning?: {
    id: string;
    assetId: string;
    assetName: string | null;
    siteId: string | null;
    kind: 'anomaly' | 'trend';
    metric: string;
    severity: string;
    message: string;
    predictedAt: string | null;
    evidence: unknown;
  };
}

export function alarmPayload(
  event: NotificationEvent,
  occurredAt: number,
  alarm: AlarmRow,
  names: { ruleName: string | null; assetName: string | null },
): NotificationPayload {
  return {
    event,
    occurredAt: new Date(occurredAt).toISOString(),
    tenantId: alarm.tenant_id,
    alarm: {
      id: alarm.id,
      ruleId: alarm.rule_id,
      ruleName: names.ruleName,
      assetId: alarm.asset_id,
      assetName: names.assetName,
      siteId: alarm.site_id,
      severity: alarm.severity,
      state: alarm.state,
      message: alarm.message,
      value: alarm.last_value,
      occurrences: alarm.occurrences,
      raisedAt: alarm.raised_at.toISOString(),
    },
  };
}

export const SIGNATURE_HEADER = 'x-convergent-signature';
export const TIMESTAMP_HEADER = 'x-convergent-timestamp';
export const DELIVERY_HEADER = 'x-convergent-delivery';

// HMAC-SHA256 over "<timestamp>.<body>": the timestamp is signed too, so a receiver can refuse
// replays older than its tolerance.
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function emailOf(payload: NotificationPayload & { deliveryId: string }): {
  subject: string;
  text: string;
} {
  if (payload.warning) {
    const w = payload.warning;
    return {
      subject: `[maintenance] ${w.assetName ?? w.assetId}: ${w.message}`,
      text: [
        `Maintenance warning (${w.kind}, ${w.severity}) on ${w.assetName ?? w.assetId}`,
        w.message,
        `Metric: ${w.metric}`,
        w.predictedAt ? `Predicted: ${w.predictedAt}` : null,
        `Delivery: ${payload.deliveryId}`,
      ]
        .filter((line) => line !== null)
        .join('\n'),
    };
  }
  const a = payload.alarm;
  if (!a) throw new Error(`notification ${payload.deliveryId} has neither an alarm nor a warning`);
  const verb = payload.event.replace('alarm.', '');
  return {
    subject: `[${a.severity}] ${verb}: ${a.ruleName ?? 'alarm'} on ${a.assetName ?? a.assetId}`,
    text: [
      `Alarm ${verb} at ${payload.occurredAt}`,
      `Asset: ${a.assetName ?? a.assetId}`,
      `Rule: ${a.ruleName ?? '-'}`,
      `Severity: ${a.severity}, state: ${a.state}, occurrences: ${a.occurrences}`,
      a.message,
      `Delivery: ${payload.deliveryId}`,
    ].join('\n'),
  };
}
