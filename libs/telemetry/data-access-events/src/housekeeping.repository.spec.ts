import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { HousekeepingRepository } from './housekeeping.repository';

const DAY = 86_400_000;

describe('HousekeepingRepository on PostgreSQL', () => {
  let testDb: TestDatabase;
  let db: Database;
  let owner: Client;
  let shortLived: TenantFixture;
  let longLived: TenantFixture;
  let housekeeping: HousekeepingRepository;
  let seq = 0;

  // A message of one point, with its de-duplication key, as ingest writes it.
  const point = (f: TenantFixture, ts: Date, metric: string, value: number) =>
    owner.query(
      `WITH message AS (INSERT INTO telemetry_messages (tenant_id, gateway_id, seq, ts) VALUES ($1, $3, $4, $5))
       INSERT INTO telemetry_points (tenant_id, machine_id, gateway_id, seq, idx, ts, metric, value)
       VALUES ($1, $2, $3, $4, 0, $5, $6, $7)`,
      [f.tenantId, f.machineId, f.gatewayId, ++seq, ts, metric, value],
    );
  const rollups = async (f: TenantFixture, resolution: '1m' | '1h') =>
    (
      await owner.query<{ bucket: Date; count: string; min: number; max: number; avg: number }>(
        `SELECT bucket_start AS bucket, count, min, max, sum / count AS avg FROM telemetry_rollups
         WHERE machine_id = $1 AND resolution = $2 ORDER BY bucket_start`,
        [f.machineId, resolution],
      )
    ).rows.map((r) => ({ ...r, count: Number(r.count) }));

  beforeAll(async () => {
    testDb = await createTestDatabase();
    shortLived = await createTenantFixture(testDb.ownerUrl);
    longLived = await createTenantFixture(testDb.ownerUrl);
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    await owner.query(
      `UPDATE tenants SET retention_days = 10, rollup_minute_retention_days = 20 WHERE id = $1`,
      [shortLived.tenantId],
    );
    await owner.query(`UPDATE tenants SET retention_days = 45 WHERE id = $1`, [longLived.tenantId]);
    // Partitions from 80 days back, as an installation that has run for a while has them.
    await owner.query(`SELECT ensure_event_partitions(current_date - 80, current_date + 1)`);
    db = new Database({ url: testDb.appUrl, poolSize: 2 });
    housekeeping = new HousekeepingRepository(db);
  });

  afterAll(async () => {
    await owner.end();
    await db.close();
    await testDb.drop();
  });

  it('rolls telemetry up into 1-minute and 1-hour min/max/avg/count, again and again to the same rows', async () => {
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000);
    const at = (minute: number, second: number) => new Date(hour.getTime() + minute * 60_000 + second * 1000);
    await point(longLived, at(0, 5), 'spindle.temp', 40);
    await point(longLived, at(0, 35), 'spindle.temp', 44);
    await point(longLived, at(1, 0), 'spindle.temp', 50);
    await point(longLived, at(0, 10), 'feed.rate', 7);
    const window = [hour, new Date(hour.getTime() + 3_600_000)] as const;

    expect(await housekeeping.rollupTelemetry(...window)).toBe(3);
    expect(await housekeeping.rollupTelemetry(...window)).toBe(3);
    const minutes = await rollups(longLived, '1m');
    expect(minutes).toEqual(
      expect.arrayContaining([
        { bucket: at(0, 0), count: 2, min: 40, max: 44, avg: 42 },
        { bucket: at(1, 0), count: 1, min: 50, max: 50, avg: 50 },
      ]),
    );
    expect(minutes).toHaveLength(3);
    expect(
      (await rollups(longLived, '1h')).map(({ count, min, max, avg }) => ({ count, min, max, avg })),
    ).toEqual(expect.arrayContaining([{ count: 3, min: 40, max: 50, avg: (40 + 44 + 50) / 3 }]));

    // A late point lands in an already rolled-up minute: the next pass over it corrects both levels.
    await point(longLived, at(0, 50), 'spindle.temp', 30);
    await housekeeping.rollupTelemetry(...window);
    expect(await rollups(longLived, '1m')).toContainEqual({
      bucket: at(0, 0),
      count: 3,
      min: 30,
      max: 44,
      avg: 38,
    });
    expect(await rollups(longLived, '1h')).toEqual(
      expect.arrayContaining([expect.objectContaining({ count: 4, min: 30, max: 50 })]),
    );
  });

  it('refuses a reversed or oversized rollup window', async () => {
    const now = new Date();
    await expect(housekeeping.rollupTelemetry(now, new Date(now.getTime() - 60_000))).rejects.toThrow(
      /must be ordered and at most 7 days/,
    );
    await expect(housekeeping.rollupTelemetry(new Date(now.getTime() - 8 * DAY), now)).rejects.toThrow(
      /at most 7 days/,
    );
  });

  it("keeps each tenant's raw events for its own retention, drops partitions nobody needs, expires dead letters", async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
    for (const f of [shortLived, longLived]) {
      await point(f, daysAgo(15), 'spindle.temp', 1);
      await point(f, daysAgo(2), 'spindle.temp', 2);
    }
    await owner.query(
      `INSERT INTO telemetry_rollups (tenant_id, machine_id, metric, resolution, bucket_start, count, min, max, sum)
       VALUES ($1, $2, 'm', '1m', $3, 1, 1, 1, 1), ($1, $2, 'm', '1m', $4, 1, 1, 1, 1), ($1, $2, 'm', '1h', $3, 1, 1, 1, 1)`,
      [shortLived.tenantId, shortLived.machineId, daysAgo(25), daysAgo(5)],
    );
    await owner.query(
      `INSERT INTO dead_letters (id, topic, reason, payload, received_at)
       VALUES (gen_random_uuid(), 'cvg/x/state', 'old', '{}', $1), (gen_random_uuid(), 'cvg/x/state', 'new', '{}', $2)`,
      [daysAgo(20), daysAgo(1)],
    );
    const partition = (days: number, table = 'telemetry_points') =>
      `${table}_${new Date(now.getTime() - days * DAY).toISOString().slice(0, 10).replaceAll('-', '')}`;
    const exists = async (name: string) =>
      (await owner.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [name])).rows[0]?.r !==
      null;
    expect(await exists(partition(70))).toBe(true);

    const result = await housekeeping.applyRetention(now);

    // The longest retention is 45 days: older partitions (all four event tables) are dropped.
    expect(await exists(partition(70))).toBe(false);
    expect(await exists(partition(70, 'telemetry_messages'))).toBe(false);
    expect(await exists(partition(40))).toBe(true);
    expect(await exists(partition(40, 'telemetry_messages'))).toBe(true);
    expect(result.partitionsDropped).toBeGreaterThanOrEqual(4 * 30);
    const remaining = await owner.query<{ tenant_id: string; value: number }>(
      `SELECT tenant_id, value FROM telemetry_points WHERE metric = 'spindle.temp' AND value IN (1, 2) ORDER BY tenant_id, value`,
    );
    expect(remaining.rows).toEqual(
      expect.arrayContaining([
        { tenant_id: shortLived.tenantId, value: 2 },
        { tenant_id: longLived.tenantId, value: 1 },
        { tenant_id: longLived.tenantId, value: 2 },
      ]),
    );
    expect(remaining.rows).toHaveLength(3);
    expect(result.eventsDeleted).toBe(1);
    // The message keys go with their points: a replay that old is stored again, as before.
    const keys = await owner.query(`SELECT tenant_id FROM telemetry_messages WHERE ts < $1`, [daysAgo(10)]);
    expect(keys.rows).toEqual([{ tenant_id: longLived.tenantId }]);
    // Minute rollups outlive raw data (20 > 10 days) but not forever; hour rollups outlive both.
    expect((await rollups(shortLived, '1m')).map((r) => r.bucket)).toEqual([daysAgo(5)]);
    expect(await rollups(shortLived, '1h')).toHaveLength(1);
    expect(result.rollupsDeleted).toBe(1);
    const letters = await owner.query<{ reason: string }>(`SELECT reason FROM dead_letters ORDER BY reason`);
    expect(letters.rows).toEqual([{ reason: 'new' }]);
    expect(result.deadLettersDeleted).toBe(1);

    // Nothing left to do on a second run.
    expect(await housekeeping.applyRetention(now)).toEqual({
      partitionsDropped: 0,
      eventsDeleted: 0,
      rollupsDeleted: 0,
      deadLettersDeleted: 0,
    });
  });

  it('never drops the partitions the worker keeps creating behind today', async () => {
    await owner.query(`UPDATE tenants SET retention_days = 1`);
    await housekeeping.applyRetention(new Date());
    const { rows } = await owner.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
       WHERE p.relname = 'telemetry_points'`,
    );
    // 35 days kept back plus today and tomorrow.
    expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(36);
  });
});
