import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { bucketsOverlapping } from './kpi-buckets';
import { MachineBucketKpiService } from './machine-bucket-kpi.service';
import { MachineHourKpiService } from './machine-hour-kpi.service';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ELEMENTS = ['pot_ms', 'pdt_ms', 'apt_ms', 'asut_ms', 'adet_ms', 'unknown_ms', 'down_ms'] as const;

type Row = Record<(typeof ELEMENTS)[number], number> & { bucket_start: Date; bucket_end: Date };

describe('stored hour buckets follow the site clock', () => {
  it('start at :30 UTC for a site in Asia/Kolkata (+05:30)', () => {
    const utcDay = { start: new Date('2026-11-20T00:00Z'), end: new Date('2026-11-21T00:00Z') };
    const hours = bucketsOverlapping('hour', utcDay, 'Asia/Kolkata', null);
    // Whole local hours: the first began at 23:30 UTC the day before, the last ends at 00:30.
    expect(hours).toHaveLength(25);
    expect(hours[0]).toMatchObject({
      start: new Date('2026-11-19T23:30Z'),
      end: new Date('2026-11-20T00:30Z'),
    });
    expect(
      hours.every((h) => h.start.getUTCMinutes() === 30 && h.end.getTime() - h.start.getTime() === HOUR),
    ).toBe(true);
  });
});

describe('local hour results (real PostgreSQL)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let owner: Client;

  // A state every 5 minutes over [from, to): running, idle, down, setup and planned stop in turn
  // (a 25-minute cycle, so hours differ), with a silent half hour from 12:00 UTC on each day.
  async function cycleStates(f: TenantFixture, from: Date, to: Date) {
    await owner.query(
      `INSERT INTO machine_state_events (tenant_id, machine_id, gateway_id, seq, idx, ts, state)
       SELECT $1, $2, $3, row_number() OVER (), 0, ts,
              (ARRAY['running', 'idle', 'down', 'setup', 'planned_stop'])[extract(epoch FROM ts)::bigint / 300 % 5 + 1]
       FROM generate_series($4::timestamptz, $5::timestamptz - interval '1 second', interval '5 minutes') ts
       WHERE NOT (extract(hour FROM ts AT TIME ZONE 'UTC') = 12 AND extract(minute FROM ts) < 30)`,
      [f.tenantId, f.machineId, f.gatewayId, from, to],
    );
  }

  async function rows(f: TenantFixture, granularity: string, range: { start: Date; end: Date }) {
    const { rows } = await owner.query<Row>(
      `SELECT bucket_start, bucket_end, ${ELEMENTS.join(', ')} FROM kpi_results
       WHERE asset_id = $1 AND granularity = $2 AND bucket_start >= $3 AND bucket_start < $4 ORDER BY bucket_start`,
      [f.machineId, granularity, range.start, range.end],
    );
    return rows;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    db = new Database({ url: testDb.appUrl, poolSize: 2 });
    await owner.query(`SELECT ensure_event_partitions('2026-03-27', '2026-03-31')`);
    await owner.query(`SELECT ensure_event_partitions('2026-10-23', '2026-10-27')`);
  });

  afterAll(async () => {
    await owner.end();
    await db.close();
    await testDb.drop();
  });

  it('recomputes both Kolkata hours a marked UTC hour touches, each starting at :30 UTC', async () => {
    const f = await createTenantFixture(testDb.ownerUrl, { timeZone: 'Asia/Kolkata' });
    const utcHour = new Date(Math.floor(Date.now() / DAY) * DAY - DAY + 10 * HOUR);
    await cycleStates(f, new Date(utcHour.getTime() - 2 * HOUR), new Date(utcHour.getTime() + 2 * HOUR));
    await owner.query(`INSERT INTO kpi_dirty_hours (tenant_id, machine_id, hour_start) VALUES ($1, $2, $3)`, [
      f.tenantId,
      f.machineId,
      utcHour,
    ]);

    const computed = await new MachineHourKpiService(db).compute(f.tenantId, f.machineId, utcHour);

    const expected = [utcHour.getTime() - 30 * MINUTE, utcHour.getTime() + 30 * MINUTE];
    expect(computed?.map((h) => h.bucket.start.getTime())).toEqual(expected);
    const stored = await rows(f, 'hour', { start: new Date(0), end: new Date(8.64e15) });
    expect(
      stored.map((r) => [r.bucket_start.getTime(), r.bucket_end.getTime() - r.bucket_start.getTime()]),
    ).toEqual(expected.map((start) => [start, HOUR]));
    const marks = await owner.query(`SELECT 1 FROM kpi_dirty_hours WHERE machine_id = $1`, [f.machineId]);
    expect(marks.rowCount).toBe(0);
  });

  it.each([
    ['spring-forward', '2026-03-29', 23, '+01:00'],
    ['fall-back', '2026-10-25', 25, '+02:00'],
  ])(
    'gives the Berlin %s day %s %i hour buckets whose time elements add up to the hour and to the day',
    async (_, date, hourCount, midnightOffset) => {
      const f = await createTenantFixture(testDb.ownerUrl, { timeZone: 'Europe/Berlin' });
      const around = { start: new Date(`${date}T00:00Z`), end: new Date(`${date}T00:00Z`) };
      around.start = new Date(around.start.getTime() - DAY);
      around.end = new Date(around.end.getTime() + 2 * DAY);
      await cycleStates(f, around.start, around.end);
      // The day starts at local midnight on the offset before the change, and lasts 23 or 25 hours.
      const day = { start: new Date(`${date}T00:00${midnightOffset}`), end: new Date(0) };
      day.end = new Date(day.start.getTime() + hourCount * HOUR);

      await new MachineBucketKpiService(db).backfill(f.tenantId, f.machineId, day, ['hour', 'day']);

      const hours = await rows(f, 'hour', day);
      const [dayRow] = await rows(f, 'day', day);
      expect(hours).toHaveLength(hourCount);
      expect(dayRow).toMatchObject({ bucket_start: day.start, bucket_end: day.end });
      for (const h of hours) {
        expect(h.bucket_end.getTime() - h.bucket_start.getTime()).toBe(HOUR);
        expect(h.pot_ms).toBe(HOUR);
        expect(h.apt_ms + h.asut_ms + h.adet_ms + h.unknown_ms + h.pdt_ms).toBe(h.pot_ms);
      }
      for (const element of ELEMENTS)
        expect(hours.reduce((sum, h) => sum + h[element], 0)).toBe(dayRow?.[element]);
      expect(dayRow?.unknown_ms).toBeGreaterThan(0);
      expect(dayRow?.down_ms).toBeGreaterThan(0);
    },
  );
});
