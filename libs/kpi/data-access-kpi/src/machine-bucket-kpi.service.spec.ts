import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import {
  createTenantFixture,
  createTestDatabase,
  MachineEventWriter,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { MachineBucketKpiService } from './machine-bucket-kpi.service';
import { ShiftScheduleRepository } from './shift-schedule.repository';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Asia/Kathmandu is UTC+05:45 all year: its midnight is 18:15 UTC, a quarter past no UTC hour.
const OFFSET = 5 * HOUR + 45 * MINUTE;

describe('MachineBucketKpiService (Asia/Kathmandu, night shift 22:00-06:00)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let owner: Client;
  let f: TenantFixture;
  let writer: MachineEventWriter;
  const today = Math.floor(Date.now() / DAY) * DAY;
  // Local midnight starting the local day three days ago.
  const dayStart = today - 3 * DAY - OFFSET;
  const local = (h: number, m = 0) => new Date(dayStart + h * HOUR + m * MINUTE);

  async function rows(granularity: string) {
    const { rows } = await owner.query<{
      bucket_start: Date;
      bucket_end: Date;
      pot_ms: number;
      apt_ms: number;
      down_ms: number;
      unknown_ms: number;
      availability: number;
      final: boolean;
      shift_name: string | null;
      computed_at: Date;
    }>(
      `SELECT bucket_start, bucket_end, pot_ms, apt_ms, down_ms, unknown_ms, availability, final, shift_name, computed_at
       FROM kpi_results WHERE asset_id = $1 AND granularity = $2 ORDER BY bucket_start`,
      [f.machineId, granularity],
    );
    return rows;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTenantFixture(testDb.ownerUrl, {
      timeZone: 'Asia/Kathmandu',
      shift: { start: '22:00', end: '06:00' },
    });
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    db = new Database({ url: testDb.appUrl, poolSize: 2 });
    writer = new MachineEventWriter(owner, f);
    // Data from 23:50 the evening before; running all day except a breakdown 02:00-03:00.
    await writer.states(local(-0, -10), local(2), 'running');
    await writer.states(local(2), local(3), 'down');
    await writer.states(local(3), local(24), 'running');
  });

  afterAll(async () => {
    await owner.end();
    await db.close();
    await testDb.drop();
  });

  it('computes the local day from raw events, midnight to midnight in +05:45, with its night shifts', async () => {
    const service = new MachineBucketKpiService(db);
    const day = { start: local(0), end: local(24) };
    await service.backfill(f.tenantId, f.machineId, day, ['day', 'shift']);

    const [dayRow] = await rows('day');
    expect(dayRow?.bucket_start).toEqual(local(0));
    expect(dayRow?.bucket_end).toEqual(local(24));
    // Planned: 00:00-06:00 (the night shift begun the evening before) and 22:00-24:00.
    expect(dayRow?.pot_ms).toBe(8 * HOUR);
    expect(dayRow?.down_ms).toBe(HOUR);
    expect(dayRow?.apt_ms).toBe(7 * HOUR);
    expect(dayRow?.availability).toBeCloseTo(7 / 8, 12);
    expect(dayRow?.final).toBe(true);

    const shifts = await rows('shift');
    expect(shifts.map((s) => [s.bucket_start, s.bucket_end, s.shift_name])).toEqual([
      [local(-2), local(6), 'Day'],
      [local(22), local(30), 'Day'],
    ]);
    // The first night: no data before 23:50 is unknown, not running or down.
    expect(shifts[0]).toMatchObject({ pot_ms: 8 * HOUR, unknown_ms: 110 * MINUTE, down_ms: HOUR });
    expect(shifts[0]?.apt_ms).toBe(8 * HOUR - 110 * MINUTE - HOUR);
  });

  it('writes the same rows again when the backfill is retried or duplicated', async () => {
    const service = new MachineBucketKpiService(db);
    const before = await rows('day');
    await Promise.all([
      service.backfill(f.tenantId, f.machineId, { start: local(0), end: local(24) }, ['day', 'shift']),
      service.backfill(f.tenantId, f.machineId, { start: local(0), end: local(24) }, ['day', 'shift']),
    ]).catch(() => undefined);
    const after = await rows('day');
    expect(after).toHaveLength(1);
    expect({ ...after[0], computed_at: null }).toEqual({ ...before[0], computed_at: null });
    expect(await rows('shift')).toHaveLength(2);
  });

  it('lists the closed buckets that still lack a final result, and none once computed', async () => {
    const service = new MachineBucketKpiService(db);
    const from = local(30);
    const until = local(55);
    const pending = await service.closedWithoutFinal(f.tenantId, f.machineId, from, until);
    // The next local day and night shift (and the week if one ended meanwhile); not the night
    // shift that ended at local(30), which the backfill finalized already.
    expect(pending.filter((b) => b.granularity !== 'week').map((b) => [b.granularity, b.end])).toEqual([
      ['shift', local(54)],
      ['day', local(48)],
    ]);
    for (const bucket of pending) await service.compute(f.tenantId, f.machineId, bucket);
    expect(await service.closedWithoutFinal(f.tenantId, f.machineId, from, until)).toEqual([]);
  });

  it('computes the shift and the local day in progress so far and stores them as not final', async () => {
    const service = new MachineBucketKpiService(db, () => local(23));
    const live = await service.live(f.tenantId, f.machineId);
    expect(live?.siteId).toBe(f.siteId);
    expect(live?.shift?.bucket).toMatchObject({ start: local(22), end: local(30), granularity: 'shift' });
    expect(live?.shift?.result.time.pot).toBe(HOUR);
    expect(live?.shift?.result.kpis.availability).toBe(1);
    // The local day so far, stored beside the shift as not final.
    expect(live?.day.bucket).toMatchObject({ start: local(0), end: local(24), granularity: 'day' });
    const [day] = (await rows('day')).filter((r) => r.bucket_start.getTime() === local(0).getTime());
    expect(day).toMatchObject({ bucket_end: local(24), final: false, pot_ms: live?.day.result.time.pot });

    // Off shift there is no shift so far, but the day so far is still kept.
    const offShift = await new MachineBucketKpiService(db, () => local(12)).live(f.tenantId, f.machineId);
    expect(offShift?.shift).toBeNull();
    expect(offShift?.day.bucket.start).toEqual(local(0));
    expect(await service.live(f.tenantId, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('says when the next shift starts, in the site zone, for the machines below an asset', async () => {
    const next = (now: Date, assetId = f.siteId) =>
      db.withSqlTransaction(async (sql) => {
        await sql.setTenant(f.tenantId);
        return new ShiftScheduleRepository().nextShiftStart(sql, assetId, now);
      });
    expect(await next(local(12))).toEqual(local(22));
    // During the night shift, the next one is the following night's.
    expect(await next(local(23))).toEqual(local(46));
    expect(await next(local(12), f.machineId)).toEqual(local(22));
    // Nothing below it: no machine, so no shift.
    expect(await next(local(12), '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
