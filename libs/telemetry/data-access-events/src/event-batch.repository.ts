import type { Database, SqlTransaction } from '@convergent/platform-data-access-db';
import { touchedHours, type BatchWriteResult, type DirtyHour, type EventBatch } from './event-batch';

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
        inserted.states += await this.insertStates(sql, states.get(tenantId) ?? []);
        inserted.counts += await this.insertCounts(sql, counts.get(tenantId) ?? []);
        inserted.telemetry += await this.insertTelemetry(sql, telemetry.get(tenantId) ?? []);
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

  private async insertStates(sql: SqlTransaction, rows: EventBatch['states']): Promise<number> {
    if (rows.length === 0) return 0;
    return sql.execute(
      `INSERT INTO machine_state_events (tenant_id, machine_id, gateway_id, seq, idx, ts, state, reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::int[], $6::timestamptz[], $7::text[], $8::text[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map((r) => r.tenantId),
        rows.map((r) => r.machineId),
        rows.map((r) => r.gatewayId),
        rows.map((r) => r.seq),
        rows.map((r) => r.idx),
        rows.map((r) => r.ts),
        rows.map((r) => r.state),
        rows.map((r) => r.reason),
      ],
    );
  }

  private async insertCounts(sql: SqlTransaction, rows: EventBatch['counts']): Promise<number> {
    if (rows.length === 0) return 0;
    return sql.execute(
      `INSERT INTO production_count_events (tenant_id, machine_id, gateway_id, seq, idx, ts, counter, increment, cumulative)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::int[], $6::timestamptz[], $7::text[], $8::bigint[], $9::bigint[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map((r) => r.tenantId),
        rows.map((r) => r.machineId),
        rows.map((r) => r.gatewayId),
        rows.map((r) => r.seq),
        rows.map((r) => r.idx),
        rows.map((r) => r.ts),
        rows.map((r) => r.counter),
        rows.map((r) => r.increment),
        rows.map((r) => r.cumulative),
      ],
    );
  }

  private async insertTelemetry(sql: SqlTransaction, rows: EventBatch['telemetry']): Promise<number> {
    if (rows.length === 0) return 0;
    return sql.execute(
      `INSERT INTO telemetry_points (tenant_id, machine_id, gateway_id, seq, idx, ts, metric, value)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[], $5::int[], $6::timestamptz[], $7::text[], $8::float8[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map((r) => r.tenantId),
        rows.map((r) => r.machineId),
        rows.map((r) => r.gatewayId),
        rows.map((r) => r.seq),
        rows.map((r) => r.idx),
        rows.map((r) => r.ts),
        rows.map((r) => r.metric),
        rows.map((r) => r.value),
      ],
    );
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
