import type { AlarmHistoryEntry, AlarmRecord, AlarmState, Severity } from '@convergent/alarms-util-rules';
import type { SqlTransaction } from '@convergent/platform-data-access-db';

// An alarms row as pg returns it.
export interface AlarmRow {
  id: string;
  tenant_id: string;
  rule_id: string | null;
  asset_id: string;
  site_id: string | null;
  state: AlarmState;
  severity: Severity;
  message: string;
  occurrences: number;
  last_value: number | null;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by_id: string | null;
  cleared_at: Date | null;
  cleared_by_id: string | null;
  shelved_until: Date | null;
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());
const date = (t: number | null): Date | null => (t === null ? null : new Date(t));

export function toRecord(row: AlarmRow): AlarmRecord {
  return {
    state: row.state,
    severity: row.severity,
    message: row.message,
    occurrences: row.occurrences,
    lastValue: row.last_value,
    raisedAt: row.raised_at.getTime(),
    acknowledgedAt: ms(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by_id,
    clearedAt: ms(row.cleared_at),
    clearedBy: row.cleared_by_id,
    shelvedUntil: ms(row.shelved_until),
  };
}

export interface AlarmIdentity {
  tenantId: string;
  ruleId: string | null;
  assetId: string;
  siteId: string | null;
}

// Inserts the alarm when it is new, updates it otherwise, and appends the history entry: the one
// write path for evaluator events and user actions alike.
export async function saveAlarm(
  sql: SqlTransaction,
  existingId: string | null,
  identity: AlarmIdentity,
  alarm: AlarmRecord,
  entry: AlarmHistoryEntry | null,
): Promise<AlarmRow> {
  const values = [
    alarm.state,
    alarm.severity,
    alarm.message,
    alarm.occurrences,
    alarm.lastValue,
    date(alarm.raisedAt),
    date(alarm.acknowledgedAt),
    alarm.acknowledgedBy,
    date(alarm.clearedAt),
    alarm.clearedBy,
    date(alarm.shelvedUntil),
  ];
  const [row] =
    existingId === null
      ? await sql.query<AlarmRow>(
          `INSERT INTO alarms (id, state, severity, message, occurrences, last_value, raised_at, acknowledged_at,
             acknowledged_by_id, cleared_at, cleared_by_id, shelved_until, tenant_id, rule_id, asset_id, site_id)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           RETURNING *`,
          [...values, identity.tenantId, identity.ruleId, identity.assetId, identity.siteId],
        )
      : await sql.query<AlarmRow>(
          `UPDATE alarms SET state = $1, severity = $2, message = $3, occurrences = $4, last_value = $5,
             raised_at = $6, acknowledged_at = $7, acknowledged_by_id = $8, cleared_at = $9, cleared_by_id = $10,
             shelved_until = $11, updated_at = clock_timestamp()
           WHERE id = $12 RETURNING *`,
          [...values, existingId],
        );
  if (row === undefined) throw new Error(`alarm ${existingId ?? '(new)'} could not be written`);
  if (entry !== null) {
    await sql.execute(
      `INSERT INTO alarm_history (id, tenant_id, alarm_id, at, action, from_state, to_state, severity, user_id, comment, message)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        identity.tenantId,
        row.id,
        new Date(entry.ts),
        entry.action,
        entry.from,
        entry.to,
        entry.severity,
        entry.userId,
        entry.comment,
        alarm.message,
      ],
    );
  }
  return row;
}
