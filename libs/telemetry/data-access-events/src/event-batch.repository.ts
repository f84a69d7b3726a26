import {
  writeNewFirst,
  type ConflictMode,
  numberArrayLiteral,
  textArrayLiteral,
  type Database,
  type SqlTransaction,
} from '@convergent/platform-data-access-db';
import {
  touchedHours,
  type BatchWriteResult,
  type CountEventRow,
  type DirtyHour,
  type EventBatch,
  type EventKey,
  type StateEventRow,
  type TelemetryMessageRows,
  telemetryPointCount,
} from './event-batch';
import { telemetryColumns } from './telemetry-columns';

// One event table: its name and, per column after tenant_id, the PostgreSQL type and how a row
// fills it. Names and types are constants of this file, never input, so building the SQL from
// them is safe.
type ColumnType = 'uuid' | 'bigint' | 'int' | 'float8' | 'text' | 'timestamptz';
interface EventTable<R> {
  name: string;
  columns: Array<[column: string, type: ColumnType, value: (row: R) => string | number | Date | null]>;
}

const KEY_COLUMNS: EventTable<EventKey>['columns'] = [
  ['machine_id', 'uuid', (r) => r.machineId],
  ['gateway_id', 'uuid', (r) => r.gatewayId],
  ['seq', 'bigint', (r) => r.seq],
  ['idx', 'int', (r) => r.idx],
  ['ts', 'timestamptz', (r) => r.ts],
];

const STATE_TABLE: EventTable<StateEventRow> = {
  name: 'machine_state_events',
  columns: [...KEY_COLUMNS, ['state', 'text', (r) => r.state], ['reason', 'text', (r) => r.reason]],
};

const COUNT_TABLE: EventTable<CountEventRow> = {
  name: 'production_count_events',
  columns: [
    ...KEY_COLUMNS,
    ['counter', 'text', (r) => r.counter],
    ['increment', 'bigint', (r) => r.increment],
    ['cumulative', 'bigint', (r) => r.cumulative],
  ],
};

// Timestamps travel as epoch milliseconds (a number is far cheaper to write and to parse than a
// date text) and become timestamptz again in SQL: to_timestamp rounds to the microsecond, well
// inside the millisecond the column keeps, so the stored instant is exact.
function columnLiteral<R>(type: ColumnType, value: (row: R) => unknown, rows: R[]): string {
  switch (type) {
    case 'uuid':
    case 'text':
      return textArrayLiteral(rows.map(value as (row: R) => string | null));
    case 'timestamptz':
      return numberArrayLiteral(rows.map((row) => (value(row) as Date).getTime()));
    case 'bigint':
    case 'int':
    case 'float8':
      return numberArrayLiteral(rows.map(value as (row: R) => number | null));
  }
}

// The unique keys here are the de-duplication keys (a state or count event's (gateway, seq, idx,
// ts), a telemetry message's (gateway, seq, first ts)); 'stored' skips an item already stored.

// One multi-row INSERT of one tenant's rows from column arrays.
async function insertEvents<R>(
  sql: SqlTransaction,
  table: EventTable<R>,
  tenantId: string,
  rows: R[],
  onDuplicate: ConflictMode,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = table.columns.map(([column]) => column).join(', ');
  const arrays = table.columns
    .map(([, type], i) => `$${i + 2}::${type === 'timestamptz' ? 'float8' : type}[]`)
    .join(', ');
  const selected = table.columns
    .map(([column, type]) => (type === 'timestamptz' ? `to_timestamp(u.${column} / 1000)` : `u.${column}`))
    .join(', ');
  return sql.execute(
    `INSERT INTO ${table.name} (tenant_id, ${columns})
     SELECT $1::uuid, ${selected} FROM unnest(${arrays}) AS u(${columns})
     ${onDuplicate === 'stored' ? 'ON CONFLICT DO NOTHING' : ''}`,
    [tenantId, ...table.columns.map(([, type, value]) => columnLiteral(type, value, rows))],
  );
}

// One tenant's telemetry messages: each message's key into telemetry_messages and its points into
// telemetry_points, in one statement. Skipping, only the points of messages whose key was not
// stored yet are inserted (RETURNING names exactly those). Returns the points inserted.
async function insertTelemetry(
  sql: SqlTransaction,
  tenantId: string,
  messages: TelemetryMessageRows[],
  onDuplicate: ConflictMode,
): Promise<number> {
  if (messages.length === 0) return 0;
  const c = telemetryColumns(messages);
  const skip = onDuplicate === 'stored';
  return sql.execute(
    `WITH message AS (
       INSERT INTO telemetry_messages (tenant_id, gateway_id, seq, ts)
       SELECT $1::uuid, m.gateway_id, m.seq, to_timestamp(m.ts / 1000)
       FROM unnest($2::uuid[], $4::bigint[], $5::float8[]) AS m(gateway_id, seq, ts)
       ${skip ? 'ON CONFLICT DO NOTHING RETURNING gateway_id, seq, ts' : ''}
     )
     INSERT INTO telemetry_points (tenant_id, machine_id, gateway_id, seq, idx, ts, metric, value)
     SELECT $1::uuid, ($3::uuid[])[u.message], ($2::uuid[])[u.message], ($4::bigint[])[u.message], u.idx,
            to_timestamp((($5::float8[])[u.message] + u.ts_offset) / 1000), ($6::text[])[u.metric], u.value
     FROM unnest($7::int[], $8::int[], $9::float8[], $10::int[], $11::float8[]) AS u(message, idx, ts_offset, metric, value)
     ${
       skip
         ? `WHERE (($2::uuid[])[u.message], ($4::bigint[])[u.message], to_timestamp(($5::float8[])[u.message] / 1000)::timestamptz(3))
              IN (SELECT gateway_id, seq, ts FROM message)`
         : ''
     }`,
    [
      tenantId,
      c.messages.gatewayIds,
      c.messages.machineIds,
      c.messages.seqs,
      c.messages.firstTs,
      c.metricNames,
      c.points.message,
      c.points.idx,
      c.points.tsOffset,
      c.points.metric,
      c.points.value,
    ],
  );
}

// A message twice in one batch (a redelivery that arrived before the first copy was written) is
// one message: its first copy is written, the others count as duplicates.
function distinctMessages(messages: TelemetryMessageRows[]): TelemetryMessageRows[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = `${m.gatewayId}|${m.seq}|${m.points[0]?.ts ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
// (unnest of column arrays). Duplicates (a state or count event with the same gateway, seq, idx and
// ts; a telemetry message with the same gateway, seq and first ts) are skipped, so replays and
// redeliveries are harmless; the KPI hours the batch touched are marked dirty in the same
// transaction, so a crash can never persist events without their recompute mark. Gateway presence
// is recorded after the commit (recordPresence).
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
    ]);
    const states = groupByTenant(batch.states);
    const counts = groupByTenant(batch.counts);
    const telemetry = groupByTenant(distinctMessages(batch.telemetry));
    const dirty = groupByTenant(touchedHours(batch, this.clock()));
    const write = async (onDuplicate: ConflictMode) => {
      const inserted = { states: 0, counts: 0, telemetry: 0 };
      await this.db.withSqlTransaction(async (sql) => {
        for (const tenantId of tenants) {
          const rows = {
            states: states.get(tenantId),
            counts: counts.get(tenantId),
            telemetry: telemetry.get(tenantId),
          };
          await sql.setTenant(tenantId);
          inserted.states += await insertEvents(sql, STATE_TABLE, tenantId, rows.states ?? [], onDuplicate);
          inserted.counts += await insertEvents(sql, COUNT_TABLE, tenantId, rows.counts ?? [], onDuplicate);
          inserted.telemetry += await insertTelemetry(sql, tenantId, rows.telemetry ?? [], onDuplicate);
          await this.markDirty(sql, dirty.get(tenantId) ?? []);
        }
      });
      return inserted;
    };
    // A replay (redelivery after a crash or a lost acknowledgement) is what stores a key twice.
    const inserted = await writeNewFirst(write);
    const total = batch.states.length + batch.counts.length + telemetryPointCount(batch.telemetry);
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

  // When each gateway was last heard and whether it is online, in a transaction of its own after the
  // batch's: concurrent batches carry messages of the same gateways, and updating their rows inside
  // the batch's transaction made each batch wait for the other's commit (bench/ingest: ~140k points/s
  // with the update inside, ~225k after). Its own transaction per tenant (row-level security).
  async recordPresence(seen: EventBatch['gatewaysSeen']): Promise<void> {
    const byTenant = groupByTenant(seen);
    if (byTenant.size === 0) return;
    await this.db.withSqlTransaction(async (sql) => {
      for (const [tenantId, rows] of byTenant) {
        await sql.setTenant(tenantId);
        await this.touchGateways(sql, rows);
      }
    });
  }

  private async touchGateways(sql: SqlTransaction, seen: EventBatch['gatewaysSeen']): Promise<void> {
    const latest = new Map<string, EventBatch['gatewaysSeen'][number]>();
    for (const s of seen) {
      const prev = latest.get(s.gatewayId);
      if (!prev || prev.at <= s.at) latest.set(s.gatewayId, s);
    }
    const last = [...latest.values()];
    await sql.execute(
      `UPDATE gateways g SET last_seen_at = GREATEST(g.last_seen_at, s.at), online = s.online
       FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[]) AS s(id, at, online) WHERE g.id = s.id`,
      [last.map((s) => s.gatewayId), last.map((s) => s.at), last.map((s) => s.online)],
    );
  }
}
