import type { Database } from '@convergent/platform-data-access-db';
import type { AlarmRow } from './alarm-row';
import { enqueueDeliveries, type DeliveryRef } from './notification-outbox';
import { alarmPayload } from './notification-payload';

// The periodic, cross-tenant side of alarms: which tenants have work, subscription reminders while
// an alarm stays active, and deliveries whose job was lost between commit and enqueue.
export class AlarmHousekeeping {
  constructor(private readonly db: Database) {}

  async tenants(): Promise<string[]> {
    const { rows } = await this.db.pool.query<{ tenant_id: string }>(
      'SELECT tenant_id FROM alarms_tenants_with_rules()',
    );
    return rows.map((r) => r.tenant_id);
  }

  // One reminder per subscription period while the alarm is active and not shelved; the period
  // number is in the de-duplication key, so a second tick in the same period sends nothing.
  async reminders(tenantId: string, now: number): Promise<DeliveryRef[]> {
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      const due = await sql.query<
        AlarmRow & { repeat_every_ms: number; rule_name: string | null; asset_name: string }
      >(
        `SELECT DISTINCT ON (a.id, s.repeat_every_ms) a.*, s.repeat_every_ms, r.name AS rule_name, x.name AS asset_name
         FROM alarms a
         JOIN assets x ON x.id = a.asset_id
         LEFT JOIN alarm_rules r ON r.id = a.rule_id
         JOIN notification_subscriptions s ON s.enabled AND s.repeat_every_ms IS NOT NULL
           AND (s.site_id IS NULL OR s.site_id = a.site_id) AND s.min_severity >= a.severity
         WHERE a.state IN ('active_unacknowledged', 'active_acknowledged')
           AND (a.shelved_until IS NULL OR a.shelved_until <= $1)
           AND a.raised_at <= $1::timestamptz - make_interval(secs => s.repeat_every_ms / 1000.0)`,
        [new Date(now)],
      );
      const refs: DeliveryRef[] = [];
      for (const alarm of due) {
        const period = Math.floor((now - alarm.raised_at.getTime()) / alarm.repeat_every_ms);
        refs.push(
          ...(await enqueueDeliveries(sql, {
            tenantId,
            siteId: alarm.site_id,
            severity: alarm.severity,
            alarmId: alarm.id,
            dedupKey: `${alarm.id}:reminder:${alarm.repeat_every_ms}:${period}`,
            payload: alarmPayload('alarm.reminder', now, alarm, {
              ruleName: alarm.rule_name,
              assetName: alarm.asset_name,
            }),
          })),
        );
      }
      return refs;
    });
  }

  // Pending deliveries nobody has attempted for a while: their job was lost after commit, or an
  // admin asked for a redelivery. Deliveries between retries are left to their delayed job. The
  // job id names the state it was found in, so ticks do not pile up jobs, and a finished job kept
  // in the failed set does not swallow the new one.
  async pendingDeliveries(tenantId: string, olderThanMs: number): Promise<DeliveryRef[]> {
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      const rows = await sql.query<{ id: string; since: Date }>(
        `SELECT id, coalesce(last_attempt_at, created_at) AS since FROM notification_deliveries
         WHERE status = 'pending' AND attempts = 0
           AND coalesce(last_attempt_at, created_at) < clock_timestamp() - make_interval(secs => $1 / 1000.0)
         ORDER BY created_at LIMIT 1000`,
        [olderThanMs],
      );
      return rows.map((r) => ({ tenantId, deliveryId: r.id, jobId: `${r.id}.${r.since.getTime()}` }));
    });
  }
}
