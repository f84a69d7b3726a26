import type { Database } from '@convergent/platform-data-access-db';
import type { KpiResult } from '@convergent/shared-util-kpi';
import { MachineHourInputsRepository } from './machine-hour-inputs.repository';
import { KpiResultRepository } from './kpi-result.repository';
import { computeMachineHour } from './machine-hour-kpi';
import { prismaSql } from './sql-runner';

const HOUR = 3_600_000;

// Computes and stores one machine's KPIs for one hour, then clears the hour's recompute mark
// unless newer data marked it again while this ran (then the sweep schedules it once more).
// Everything happens in one tenant transaction: a crash leaves the previous result untouched.
export class MachineHourKpiService {
  private readonly inputs = new MachineHourInputsRepository();
  private readonly results = new KpiResultRepository();

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async compute(tenantId: string, machineId: string, hourStart: Date): Promise<KpiResult | null> {
    if (hourStart.getTime() % HOUR !== 0)
      throw new RangeError(`hourStart ${hourStart.toISOString()} is not on the hour`);
    const hour = { start: hourStart, end: new Date(hourStart.getTime() + HOUR) };
    // An hour that has not begun has nothing to say yet; its mark waits for it.
    if (this.clock() <= hour.start) return null;
    return this.db.withTenant(tenantId, async (tx) => {
      const [{ started }] = await tx.$queryRaw<[{ started: Date }]>`SELECT clock_timestamp() AS started`;
      const inputs = await this.inputs.load(prismaSql(tx), machineId, hour);
      if (!inputs) return null;
      const now = this.clock();
      const result = computeMachineHour(inputs, hour, now);
      const bucket = { ...hour, granularity: 'hour' as const, shiftName: null };
      await this.results.upsertMany(
        prismaSql(tx),
        tenantId,
        machineId,
        [{ bucket, result, final: now >= hour.end }],
        now,
      );
      await tx.kpiDirtyHour.deleteMany({ where: { machineId, hourStart, markedAt: { lte: started } } });
      return result;
    });
  }
}
