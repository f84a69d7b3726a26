import type { Severity } from '@convergent/alarms-util-rules';
import type { SqlTransaction } from '@convergent/platform-data-access-db';
import type { NotificationPayload } from './notification-payload';

export interface DeliveryRef {
  tenantId: string;
  deliveryId: string;
  // The queue job's id when it is not the delivery id (a re-enqueue while an old job is kept).
  jobId?: string;
}

export interface OutboxItem {
  tenantId: string;
  siteId: string | null;
  severity: Severity;
  alarmId?: string;
  warningId?: string;
  // Same key, same channel: one delivery, however often the job that found it is retried.
  dedupKey: string;
  payload: NotificationPayload;
}

// Writes one delivery per subscribed channel in the transaction that made the change (an outbox):
// a notification exists exactly when the change does. The caller enqueues the returned ids after
// commit; the tick re-enqueues any that were lost in between.
export async function enqueueDeliveries(sql: SqlTransaction, item: OutboxItem): Promise<DeliveryRef[]> {
  // Severity is an enum ordered most severe first: a subscription at "minor" hears minor and worse.
  const rows = await sql.query<{ id: string }>(
    `INSERT INTO notification_deliveries (id, tenant_id, channel_id, alarm_id, warning_id, dedup_key, event, payload)
     SELECT gen_random_uuid(), $1, channels.channel_id, $2, $3, $4, $5, $6
     FROM (
       SELECT DISTINCT s.channel_id FROM notification_subscriptions s
       JOIN notification_channels c ON c.id = s.channel_id AND c.enabled
       WHERE s.enabled AND (s.site_id IS NULL OR s.site_id = $7) AND s.min_severity >= $8::severity
     ) channels
     ON CONFLICT (channel_id, dedup_key) DO NOTHING
     RETURNING id`,
    [
      item.tenantId,
      item.alarmId ?? null,
      item.warningId ?? null,
      item.dedupKey,
      item.payload.event,
      JSON.stringify(item.payload),
      item.siteId,
      item.severity,
    ],
  );
  return rows.map((r) => ({ tenantId: item.tenantId, deliveryId: r.id }));
}
