import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { emptyBatch, type EventBatch } from './event-batch';
import { EventBatchRepository } from './event-batch.repository';

describe('EventBatchRepository', () => {
  let testDb: TestDatabase;
  let db: Database;
  let a: TenantFixture;
  let b: TenantFixture;
  let owner: Client;
  const ts = new Date(Date.now() - 90 * 60_000);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = await createTenantFixture(testDb.ownerUrl);
    b = await createTenantFixture(testDb.ownerUrl);
    db = new Database({ url: testDb.appUrl, poolSize: 2 });
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner.end();
    await db.close();
    await testDb.drop();
  });

  const batchFor = (f: TenantFixture, seq: number): EventBatch => ({
    ...emptyBatch(),
    states: [
      {
        tenantId: f.tenantId,
        machineId: f.machineId,
        gatewayId: f.gatewayId,
        seq,
        idx: 0,
        ts,
        state: 'down',
        reason: 'JAM',
      },
    ],
    counts: [
      {
        tenantId: f.tenantId,
        machineId: f.machineId,
        gatewayId: f.gatewayId,
        seq,
        idx: 1,
        ts,
        counter: 'produced',
        increment: 5,
        cumulative: null,
      },
    ],
    telemetry: [
      {
        tenantId: f.tenantId,
        machineId: f.machineId,
        gatewayId: f.gatewayId,
        seq,
        points: [{ ts: ts.getTime(), metric: 'temp', value: 71.5 }],
      },
    ],
    gatewaysSeen: [{ tenantId: f.tenantId, gatewayId: f.gatewayId, at: ts, online: true }],
  });

  it('writes events of several tenants in one batch, each under its own tenant', async () => {
    const merged = batchFor(a, 1);
    const other = batchFor(b, 1);
    merged.states.push(...other.states);
    merged.counts.push(...other.counts);
    merged.telemetry.push(...other.telemetry);
    merged.gatewaysSeen.push(...other.gatewaysSeen);
    const result = await new EventBatchRepository(db).write(merged);
    expect(result.inserted).toEqual({ states: 2, counts: 2, telemetry: 2 });
    const rows = await owner.query(
      `SELECT tenant_id, state, reason FROM machine_state_events ORDER BY tenant_id`,
    );
    expect(rows.rows).toHaveLength(2);
  });

  it('skips a replayed message instead of counting it twice', async () => {
    const result = await new EventBatchRepository(db).write(batchFor(a, 1));
    expect(result.inserted).toEqual({ states: 0, counts: 0, telemetry: 0 });
    expect(result.duplicates).toBe(3);
    const sum = await owner.query<{ total: number }>(
      `SELECT sum(increment)::int AS total FROM production_count_events WHERE tenant_id = $1`,
      [a.tenantId],
    );
    expect(sum.rows[0]?.total).toBe(5);
  });

  it('writes the new rows of a batch that also replays stored ones, each once', async () => {
    const batch = batchFor(a, 1);
    const fresh = batchFor(a, 3);
    batch.states.push(...fresh.states);
    batch.counts.push(...fresh.counts);
    batch.telemetry.push(...fresh.telemetry);
    const result = await new EventBatchRepository(db).write(batch);
    expect(result.inserted).toEqual({ states: 1, counts: 1, telemetry: 1 });
    expect(result.duplicates).toBe(3);
    const stored = await owner.query<{ seq: string; n: number }>(
      `SELECT seq, count(*)::int AS n FROM telemetry_points WHERE tenant_id = $1 GROUP BY seq ORDER BY seq`,
      [a.tenantId],
    );
    expect(stored.rows).toEqual([
      { seq: '1', n: 1 },
      { seq: '3', n: 1 },
    ]);
  });

  it('stores text and instants exactly as sent, whatever characters the text holds', async () => {
    const batch = batchFor(a, 2);
    const odd = 'line "7", c:\\plc {x} NULL';
    batch.telemetry = [{ ...batch.telemetry[0]!, points: [{ ts: ts.getTime(), metric: odd, value: 1 }] }];
    batch.states = [
      { ...batch.states[0]!, reason: odd },
      { ...batch.states[0]!, idx: 3, reason: null },
    ];
    const result = await new EventBatchRepository(db).write(batch);
    expect(result.inserted).toEqual({ states: 2, counts: 1, telemetry: 1 });
    const telemetry = await owner.query(
      `SELECT metric, ts FROM telemetry_points WHERE seq = 2 AND tenant_id = $1`,
      [a.tenantId],
    );
    expect(telemetry.rows).toEqual([{ metric: odd, ts }]);
    const states = await owner.query(
      `SELECT reason, ts FROM machine_state_events WHERE seq = 2 AND tenant_id = $1 ORDER BY idx`,
      [a.tenantId],
    );
    expect(states.rows).toEqual([
      { reason: odd, ts },
      { reason: null, ts },
    ]);
  });

  const telemetryOf = (
    f: TenantFixture,
    seq: number,
    points: number,
    firstTs = ts.getTime(),
  ): EventBatch => ({
    ...emptyBatch(),
    telemetry: [
      {
        tenantId: f.tenantId,
        machineId: f.machineId,
        gatewayId: f.gatewayId,
        seq,
        points: Array.from({ length: points }, (_, i) => ({
          ts: firstTs + i * 10,
          metric: ['spindle.temp', 'spindle.load'][i % 2]!,
          value: i / 4,
        })),
      },
    ],
  });

  const storedPoints = async (f: TenantFixture, seq: number) =>
    (
      await owner.query<{ idx: number; ts: Date; metric: string; value: number; machine_id: string }>(
        `SELECT idx, ts, metric, value, machine_id FROM telemetry_points
         WHERE tenant_id = $1 AND seq = $2 ORDER BY ts, idx`,
        [f.tenantId, seq],
      )
    ).rows;

  it('stores every point of a telemetry message in order, with its machine, metric and instant', async () => {
    const result = await new EventBatchRepository(db).write(telemetryOf(b, 10, 5));
    expect(result.inserted.telemetry).toBe(5);
    expect(await storedPoints(b, 10)).toEqual(
      [0, 1, 2, 3, 4].map((i) => ({
        idx: i,
        ts: new Date(ts.getTime() + i * 10),
        metric: ['spindle.temp', 'spindle.load'][i % 2],
        value: i / 4,
        machine_id: b.machineId,
      })),
    );
  });

  it('stores a message that arrives twice in one batch once', async () => {
    const batch = telemetryOf(b, 11, 3);
    batch.telemetry.push(...telemetryOf(b, 11, 3).telemetry);
    const result = await new EventBatchRepository(db).write(batch);
    expect(result).toMatchObject({ inserted: { telemetry: 3 }, duplicates: 3 });
    expect(await storedPoints(b, 11)).toHaveLength(3);
  });

  it('stores a message written by two transactions at once exactly once', async () => {
    const repository = new EventBatchRepository(db);
    const results = await Promise.all([
      repository.write(telemetryOf(b, 12, 4)),
      repository.write(telemetryOf(b, 12, 4)),
    ]);
    expect(results.map((r) => r.inserted.telemetry).sort()).toEqual([0, 4]);
    expect(await storedPoints(b, 12)).toHaveLength(4);
  });

  it('tells a reused sequence number apart by its timestamps, as a gateway that lost its counter sends it', async () => {
    await new EventBatchRepository(db).write(telemetryOf(b, 13, 2));
    const later = ts.getTime() + 60_000;
    const result = await new EventBatchRepository(db).write(telemetryOf(b, 13, 2, later));
    expect(result.inserted.telemetry).toBe(2);
    expect(await storedPoints(b, 13)).toHaveLength(4);
  });

  it("keeps each tenant's message keys from the others under row-level security", async () => {
    const visible = await db.withSqlTransaction(async (sql) => {
      await sql.setTenant(a.tenantId);
      return sql.query<{ gateway_id: string }>(`SELECT DISTINCT gateway_id FROM telemetry_messages`);
    });
    expect(visible).toEqual([{ gateway_id: a.gatewayId }]);
  });

  it('marks the touched hours for recompute, and records when the gateway was last heard after it', async () => {
    const hour = new Date(Math.floor(ts.getTime() / 3_600_000) * 3_600_000);
    const marks = await owner.query(
      `SELECT hour_start FROM kpi_dirty_hours WHERE machine_id = $1 ORDER BY hour_start`,
      [a.machineId],
    );
    expect(marks.rows.map((r: { hour_start: Date }) => r.hour_start.getTime())).toEqual([
      hour.getTime(),
      hour.getTime() + 3_600_000,
    ]);
    const presence = () =>
      owner.query<{ last_seen_at: Date | null; online: boolean }>(
        `SELECT last_seen_at, online FROM gateways WHERE id = $1`,
        [a.gatewayId],
      );
    // The batch's own transaction leaves the gateway's row alone (concurrent batches would wait on it).
    expect((await presence()).rows[0]?.last_seen_at?.getTime()).not.toBe(ts.getTime());
    await new EventBatchRepository(db).recordPresence([
      { tenantId: a.tenantId, gatewayId: a.gatewayId, at: ts, online: true },
    ]);
    expect((await presence()).rows[0]).toEqual({ last_seen_at: ts, online: true });
  });
});
