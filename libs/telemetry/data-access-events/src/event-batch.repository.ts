import type { Database, SqlTransaction } from '@convergent/platform-data-access-db';
import {
  touchedHours,
  type BatchWriteResult,
  type CountEventRow,
  type DirtyHour,
  type EventBatch,
  type EventKey,
  type StateEventRow,
  type TelemetryRow,
} from './event-batch';

// One event table: its name and, per column, the PostgreSQL array type and how a row fills it.
// Names and types are constants of this file, never input, so building the SQL from them is safe.
interface EventTable<R> {
  name: string;
  columns: Array<[column: string, arrayType: string, value: (row: R) => unknown]>;
}

const KEY_COLUMNS: EventTable<EventKey>['columns'] = [
  ['tenant_id', 'uuid[]', (r) => r.tenantId],
  ['machine_id', 'uuid[]', (r) => r.machineId],
  ['gateway_id', 'uuid[]', (r) => r.gatewayId],
  ['seq', 'bigint[]', (r) => r.seq],
  ['idx', 'int[]', (r) => r.idx],
  ['ts', 'timestamptz[]', (r) => r.ts],
];

const STATE_TABLE: EventTable<StateEventRow> = {
  name: 'machine_state_events',
  columns: [...KEY_COLUMNS, ['state', 'text[]', (r) => r.state], ['reason', 'text[]', (r) => r.reason]],
};

const COUNT_TABLE: EventTable<CountEventRow> = {
  name: 'production_count_events',
  columns: [
    ...KEY_COLUMNS,
    ['counter', 'text[]', (r) => r.counter],
    ['increment', 'bigint[]', (r) => r.increment],
    ['cumulative', 'bigint[]', (r) => r.cumulative],
  ],
};

const TELEMETRY_TABLE: EventTable<TelemetryRow> = {
  name: 'telemetry_points',
  columns: [...KEY_COLUMNS, ['metric', 'text[]', (r) => r.metric], ['value', 'float8[]', (r) => r.value]],
};

// One multi-row INSERT from column arrays; duplicates (same gateway, seq, idx, ts) are skipped.
async function insertEvents<R>(sql: SqlTransaction, table: EventTable<R>, rows: R[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = table.columns.map(([column]) => column).join(', ');
  const arrays = table.columns.map(([, type], i) => `$${i + 1}::${type}`).join(', ');
  return sql.execute(
    `INSERT INTO ${table.name} (${columns}) SELECT * FROM unnest(${arrays}) ON CONFLICT DO NOTHING`,
    table.columns.map(([, , value]) => rows.map(value)),
  );
}

function groupByTenant<T extends { tenantId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.tenantId);
    if (group) group.push(row);
    else groups.set(row.tenantId, [row]);
  }
  return groups;
}

// Writes a batch of events in one transaction with one multi-row INSERT per table and tenant
// (unnest of column arrays). Duplicates (same gateway, seq, idx, ts) are skipped, so replays and
// redeliveries are harmless; the KPI hours the batch touched are marked dirty in the same
// transaction, so a crash can never persist events without their recompute mark.
export class EventBatchRepository {
  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async write(batch: EventBatch): Promise<BatchWriteResult> {
    const tenants = new Set([
      ...batch.states.map((r) => r.tenantId),
      ...batch.counts.map((r) => r.tenantId),
      ...batch.telemetry.map((r) => r.tenantId),
      ...batch.gatewaysSeen.map((r) => r.tenantId),
    ]);
    const states = groupByTenant(batch.states);
    const counts = groupByTenant(batch.counts);
    const telemetry = groupByTenant(batch.telemetry);
    const seen = groupByTenant(batch.gatewaysSeen);
    const dirty = groupByTenant(touchedHours(batch, this.clock()));
    const inserted = { states: 0, counts: 0, telemetry: 0 };

    await this.db.withSqlTransaction(async (sql) => {
      for (const tenantId of tenants) {
        await sql.setTenant(tenantId);
        inserted.states += await insertEvents(sql, STATE_TABLE, states.get(tenantId) ?? []);
        inserted.counts += await insertEvents(sql, COUNT_TABLE, counts.get(tenantId) ?? []);
        inserted.telemetry += await insertEvents(sql, TELEMETRY_TABLE, telemetry.get(tenantId) ?? []);
        await this.markDirty(sql, dirty.get(tenantId) ?? []);
        await this.touchGateways(sql, seen.get(tenantId) ?? []);
      }
    });
    const total = batch.states.length + batch.counts.length + batch.telemetry.length;
    return {
      inserted,
      duplicates: total - inserted.states - inserted.counts - inserted.telemetry,
      dirtyHours: [...dirty.values()].flat(),
    };
  }

  private async markDirty(sql: SqlTransaction, hours: DirtyHour[]): Promise<void> {
    if (hours.length === 0) return;
    await sql.execute(
      `INSERT INTO kpi_dirty_hours (tenant_id, machine_id, hour_start, marked_at)
       SELECT t, m, h, clock_timestamp() FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS d(t, m, h)
       ON CONFLICT (machine_id, hour_start) DO UPDATE SET marked_at = clock_timestamp()`,
      [hours.map((h) => h.tenantId), hours.map((h) => h.machineId), hours.map((h) => h.hourStart)],
    );
  }

  private async touchGateways(sql: SqlTransaction, seen: EventBatch['gatewaysSeen']): Promise<void> {
    const latest = new Map<string, EventBatch['gatewaysSeen'][number]>();
    for (const s of seen) {
      const prev = latest.get(s.gatewayId);
      if (!prev || prev.at <= s.at) latest.set(s.gatewayId, s);
    }
    if (latest.size === 0) return;
    const last = [...latest.values()];
    await sql.execute(
      `UPDATE gateways g SET last_seen_at = GREATEST(g.last_seen_at, s.at), online = s.online
       FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[]) AS s(id, at, online) WHERE g.id = s.id`,
      [last.map((s) => s.gatewayId), last.map((s) => s.at), last.map((s) => s.online)],
    );
  }
}
