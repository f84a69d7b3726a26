import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { MaintenanceScan } from './maintenance-scan';

const MIN = 60_000;
const HOUR = 60 * MIN;

// Two days of a machine's telemetry in the real tables: a bearing warming 0.25 °C/h toward its
// 90 °C alarm limit, and a steady vibration with one fresh spike.
describe('MaintenanceScan', () => {
  let testDb: TestDatabase;
  let owner: Client;
  let db: Database;
  let f: TenantFixture;
  const now = Math.floor(Date.now() / (10 * MIN)) * 10 * MIN;
  const start = now - 48 * HOUR;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTenantFixture(testDb.ownerUrl);
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    db = new Database({ url: testDb.appUrl, poolSize: 2 });
    const rows: Array<[number, string, number]> = [];
    let seed = 7;
    const noise = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647 - 0.5;
    };
    for (let ts = start + MIN; ts < now; ts += 10 * MIN) {
      rows.push([ts, 'bearing_temp', 70 + (0.25 * (ts - start)) / HOUR + 0.6 * noise()]);
      rows.push([ts, 'vibration', ts > now - 10 * MIN ? 3.5 : 2 + 0.1 * noise()]);
    }
    await owner.query(
      `INSERT INTO telemetry_points (tenant_id, machine_id, gateway_id, seq, idx, ts, metric, value)
       SELECT $1, $2, $3, s, 0, to_timestamp(t / 1000.0), m, v FROM unnest($4::bigint[], $5::float8[], $6::text[], $7::float8[]) AS u(s, t, m, v)`,
      [
        f.tenantId,
        f.machineId,
        f.gatewayId,
        rows.map((_, i) => i),
        rows.map((r) => r[0]),
        rows.map((r) => r[1]),
        rows.map((r) => r[2]),
      ],
    );
    await owner.query(
      `INSERT INTO alarm_rules (id, tenant_id, asset_kind, name, severity, condition) VALUES ($1, $2, 'machine', 'Bearing hot', 'major', $3)`,
      [
        randomUUID(),
        f.tenantId,
        {
          v: 1,
          severity: 'major',
          condition: { kind: 'threshold', metric: 'bearing_temp', op: '>', value: 90 },
        },
      ],
    );
    const channel = randomUUID();
    await owner.query(
      `INSERT INTO notification_channels (id, tenant_id, kind, name, target) VALUES ($1, $2, 'email', 'Planner', 'planner@plant.test')`,
      [channel, f.tenantId],
    );
    await owner.query(
      `INSERT INTO notification_subscriptions (id, tenant_id, channel_id, min_severity) VALUES (gen_random_uuid(), $1, $2, 'warning')`,
      [f.tenantId, channel],
    );
  });

  afterAll(async () => {
    await db?.close();
    await owner?.end();
    await testDb?.drop();
  });

  it('raises an anomaly with its evidence and forecasts the limit crossing, notifying once per warning', async () => {
    const scan = new MaintenanceScan(db, {
      windowMs: 48 * HOUR,
      bucketMs: 10 * MIN,
      scanEveryMs: 10 * MIN,
      horizonMs: 7 * 24 * HOUR,
      quietAfterMs: 24 * HOUR,
    });
    const first = await scan.scan(f.tenantId, now);
    expect(first).toMatchObject({ series: 2, anomalies: 1, forecasts: 1 });
    expect(first.deliveries).toHaveLength(2);

    const warnings = await owner.query<{
      kind: string;
      metric: string;
      message: string;
      evidence: {
        expectedRange: { low: number; high: number };
        peak: { observed: number };
        window: { samples: number };
      };
      predicted_at: Date | null;
    }>(`SELECT kind, metric, message, evidence, predicted_at FROM maintenance_warnings ORDER BY kind`);
    const [anomaly, trend] = warnings.rows;
    expect(anomaly).toMatchObject({ kind: 'anomaly', metric: 'vibration' });
    expect(anomaly!.evidence.peak.observed).toBeCloseTo(3.5, 6);
    expect(anomaly!.evidence.expectedRange.high).toBeLessThan(3);
    expect(anomaly!.evidence.window.samples).toBeGreaterThan(250);
    // 70 + 0.25 °C/h reaches 90 at 80 h; the data ends at 48 h: 32 h ahead, within 15 %.
    expect(trend).toMatchObject({ kind: 'trend', metric: 'bearing_temp' });
    const hoursAhead = (trend!.predicted_at!.getTime() - now) / HOUR;
    expect(Math.abs(hoursAhead - 32)).toBeLessThan(0.15 * 32);
    expect(trend!.message).toMatch(/^bearing_temp reaches 90 in about 3\d h \(between \d+ h and \d+ h\)$/);

    // The next scan refreshes the warnings without notifying again.
    const second = await scan.scan(f.tenantId, now);
    expect(second.deliveries).toEqual([]);
    const counts = await owner.query<{ occurrences: number }>(
      `SELECT occurrences FROM maintenance_warnings WHERE kind = 'trend'`,
    );
    expect(counts.rows).toEqual([{ occurrences: 2 }]);
  });
});
