import type { Database } from '@convergent/platform-data-access-db';
import { MachineHourInputsRepository } from './machine-hour-inputs.repository';
import { KpiResultRepository, type BucketResult } from './kpi-result.repository';
import { bucketsOverlapping } from './kpi-buckets';
import { MachineBucketCalculator } from './machine-hour-kpi';
import { prismaSql } from './sql-runner';

const HOUR = 3_600_000;

// Computes and stores one machine's KPIs for the site's local hours that overlap the hour from
// hourStart (a UTC hour ingest marked, or a stored local hour to finalize), then clears the hour's
// recompute mark unless newer data marked it again while this ran (then the sweep schedules it
// once more). In a whole-hour zone that is one local hour; in a +05:30 zone a marked UTC hour
// touches two. Everything happens in one tenant transaction: a crash leaves the previous results.
export class MachineHourKpiService {
  private readonly inputs = new MachineHourInputsRepository();
  private readonly results = new KpiResultRepository();

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  // The hours computed, in order; none for a span that has not begun; null for an unknown machine.
  async compute(tenantId: string, machineId: string, hourStart: Date): Promise<BucketResult[] | null> {
    const span = { start: hourStart, end: new Date(hourStart.getTime() + HOUR) };
    if (Number.isNaN(span.start.getTime())) throw new RangeError('hourStart is not a date');
    // An hour that has not begun has nothing to say yet; its mark waits for it.
    if (this.clock() <= span.start) return [];
    return this.db.withTenant(tenantId, async (tx) => {
      const [{ started }] = await tx.$queryRaw<[{ started: Date }]>`SELECT clock_timestamp() AS started`;
      const sql = prismaSql(tx);
      const schedule = await this.inputs.schedule(sql, machineId, span);
      if (!schedule) return null;
      const now = this.clock();
      const hours = bucketsOverlapping('hour', span, schedule.timeZone, null).filter((h) => h.start < now);
      const range = { start: hours[0]?.start ?? span.start, end: hours.at(-1)?.end ?? span.end };
      const calculator = new MachineBucketCalculator(
        await this.inputs.loadFor(sql, machineId, schedule, range),
        range,
      );
      const rows = hours.map((bucket) => ({
        bucket,
        result: calculator.result(bucket, now),
        final: now >= bucket.end,
      }));
      await this.results.upsertMany(sql, tenantId, machineId, rows, now);
      await tx.kpiDirtyHour.deleteMany({
        where: { machineId, hourStart, markedAt: { lte: started } },
      });
      return rows;
    });
  }
}
