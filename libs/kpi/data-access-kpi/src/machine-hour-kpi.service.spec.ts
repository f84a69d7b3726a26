import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { MachineHourKpiService } from './machine-hour-kpi.service';
import { DirtyHoursRepository } from './dirty-hours.repository';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('MachineHourKpiService', () => {
  let testDb: TestDatabase;
  let db: Database;
  let owner: Client;
  let f: TenantFixture;
  const hourStart = new Date(Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR);
  let seq = 0;

  // The edge agent repeats the current state every 5 minutes, so these are the samples it sends.
  async function states(from: number, to: number, state: string) {
    for (let t = from; t < to; t += 5 * MINUTE) {
      seq += 1;
      await owner.query(
        `INSERT INTO machine_state_events (tenant_id, machine_id, gateway_id, seq, idx, ts, state) VALUES ($1, $2, $3, $4, 0, $5, $6)`,
        [f.tenantId, f.machineId, f.gatewayId, seq, new Date(hourStart.getTime() + t), state],
      );
    }
  }

  async function count(at: number, counter: string, increment: number) {
    seq += 1;
    await owner.query(
      `INSERT INTO production_count_events (tenant_id, machine_id, gateway_id, seq, idx, ts, counter, increment) VALUES ($1, $2, $3, $4, 0, $5, $6, $7)`,
      [f.tenantId, f.machineId, f.gatewayId, seq, new Date(hourStart.getTime() + at), counter, increment],
    );
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTenantFixture(testDb.ownerUrl, { idealCycleTimeMs: 1500 });
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    db = new Database({ url: testDb.appUrl, poolSize: 2 });
    // Running from before the hour, down 10 minutes at :30, running again from :40.
    await states(-10 * MINUTE, 30 * MINUTE, 'running');
    await states(30 * MINUTE, 40 * MINUTE, 'down');
    await states(40 * MINUTE, 60 * MINUTE, 'running');
    await count(20 * MINUTE, 'produced', 600);
    await count(50 * MINUTE, 'produced', 400);
    await count(50 * MINUTE, 'scrap', 20);
    await owner.query(`INSERT INTO kpi_dirty_hours (tenant_id, machine_id, hour_start) VALUES ($1, $2, $3)`, [
      f.tenantId,
      f.machineId,
      hourStart,
    ]);
  });

  afterAll(async () => {
    await owner.end();
    await db.close();
    await testDb.drop();
  });

  it("computes the hour's OEE from states, counts and the ideal cycle time, and stores it", async () => {
    const [hour] = (await new MachineHourKpiService(db).compute(f.tenantId, f.machineId, hourStart)) ?? [];
    const result = hour?.result;
    expect(hour?.bucket).toMatchObject({ start: hourStart, end: new Date(hourStart.getTime() + HOUR) });
    expect(result?.time).toMatchObject({
      pot: HOUR,
      pdt: 0,
      apt: 50 * MINUTE,
      adet: 10 * MINUTE,
      unknown: 0,
    });
    expect(result?.kpis.availability).toBeCloseTo(50 / 60, 10);
    expect(result?.kpis.effectiveness).toBeCloseTo((1.5 * 1000) / (50 * 60), 10);
    expect(result?.kpis.quality).toBeCloseTo(980 / 1000, 10);
    expect(result?.kpis.oee).toBeCloseTo((1.5 * 980) / 3600, 10);
    const stored = await owner.query<{ oee: number; final: boolean; failure_count: number }>(
      `SELECT oee, final, failure_count FROM kpi_results WHERE asset_id = $1 AND granularity = 'hour' AND bucket_start = $2`,
      [f.machineId, hourStart],
    );
    expect(stored.rows).toEqual([
      { oee: expect.closeTo((1.5 * 980) / 3600, 10) as number, final: true, failure_count: 1 },
    ]);
  });

  it('clears the recompute mark it has served', async () => {
    const marks = await owner.query(`SELECT 1 FROM kpi_dirty_hours WHERE machine_id = $1`, [f.machineId]);
    expect(marks.rowCount).toBe(0);
  });

  it('upserts: computing again leaves one row, updated to late data', async () => {
    await count(55 * MINUTE, 'scrap', 30);
    await new MachineHourKpiService(db).compute(f.tenantId, f.machineId, hourStart);
    const stored = await owner.query<{ quality: number }>(
      `SELECT quality FROM kpi_results WHERE asset_id = $1`,
      [f.machineId],
    );
    expect(stored.rows).toEqual([{ quality: 950 / 1000 }]);
  });

  it('counts silence as unknown time, not as running', async () => {
    const later = new Date(hourStart.getTime() + HOUR);
    const [hour] = (await new MachineHourKpiService(db).compute(f.tenantId, f.machineId, later)) ?? [];
    const result = hour?.result;
    // The last sample (at :55 of the previous hour) stays trustworthy for 15 minutes.
    expect(result?.time.apt).toBe(10 * MINUTE);
    expect(result?.time.unknown).toBe(50 * MINUTE);
  });

  it("does not compute another tenant's machine", async () => {
    const other = await createTenantFixture(testDb.ownerUrl);
    expect(await new MachineHourKpiService(db).compute(other.tenantId, f.machineId, hourStart)).toBeNull();
  });

  it('computes an hour in progress over its elapsed part, then once more as final after it closes', async () => {
    const halfway = () => new Date(hourStart.getTime() + 30 * MINUTE);
    const [hour] =
      (await new MachineHourKpiService(db, halfway).compute(f.tenantId, f.machineId, hourStart)) ?? [];
    const sofar = hour?.result;
    // Running until :30 is all there was to know at :30: availability 100 %, not 50 %.
    expect(sofar?.time).toMatchObject({ pot: 30 * MINUTE, apt: 30 * MINUTE, unknown: 0 });
    expect(sofar?.kpis.availability).toBe(1);
    const open = await new DirtyHoursRepository(db).closedButNotFinal(0, 100);
    expect(open).toContainEqual({ tenantId: f.tenantId, machineId: f.machineId, hourStart });
    await new MachineHourKpiService(db).compute(f.tenantId, f.machineId, hourStart);
    expect(await new DirtyHoursRepository(db).closedButNotFinal(0, 100)).toEqual([]);
  });

  it("prefers the machine's own ideal cycle time for its product, for the current product and for a product run", async () => {
    // 1000 produced in 50 minutes of run time; the machine runs the product at 1.2 s, not 1.5 s.
    const effectiveness = async () =>
      (await new MachineHourKpiService(db).compute(f.tenantId, f.machineId, hourStart))?.[0]?.result.kpis
        .effectiveness;
    await owner.query(
      `INSERT INTO machine_cycle_times (tenant_id, machine_id, product_id, ideal_cycle_time_ms) VALUES ($1, $2, $3, 1200)`,
      [f.tenantId, f.machineId, f.productId],
    );
    try {
      expect(await effectiveness()).toBeCloseTo((1.2 * 1000) / (50 * 60), 10);
      await owner.query(
        `INSERT INTO product_runs (id, tenant_id, machine_id, product_id, started_at) VALUES (gen_random_uuid(), $1, $2, $3, $4)`,
        [f.tenantId, f.machineId, f.productId, new Date(hourStart.getTime() - HOUR)],
      );
      expect(await effectiveness()).toBeCloseTo((1.2 * 1000) / (50 * 60), 10);
      // Without the override, the product's default applies again.
      await owner.query(`DELETE FROM machine_cycle_times WHERE machine_id = $1`, [f.machineId]);
      expect(await effectiveness()).toBeCloseTo((1.5 * 1000) / (50 * 60), 10);
    } finally {
      await owner.query(`DELETE FROM machine_cycle_times WHERE machine_id = $1`, [f.machineId]);
      await owner.query(`DELETE FROM product_runs WHERE machine_id = $1`, [f.machineId]);
    }
  });

  it('leaves an hour that has not begun alone', async () => {
    const future = new Date(Math.floor(Date.now() / HOUR) * HOUR + HOUR);
    expect(await new MachineHourKpiService(db).compute(f.tenantId, f.machineId, future)).toEqual([]);
    const rows = await owner.query(`SELECT 1 FROM kpi_results WHERE asset_id = $1 AND bucket_start = $2`, [
      f.machineId,
      future,
    ]);
    expect(rows.rowCount).toBe(0);
  });
});
