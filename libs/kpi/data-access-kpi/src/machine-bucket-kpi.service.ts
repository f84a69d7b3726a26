import type { Database, TenantTx } from '@convergent/platform-data-access-db';
import type { Interval, KpiResult } from '@convergent/shared-util-kpi';
import {
  bucketsClosedBetween,
  bucketsOverlapping,
  currentShift,
  STORED_GRANULARITIES,
  type PlannedBucket,
  type StoredGranularity,
} from './kpi-buckets';
import { KpiResultRepository, type BucketResult } from './kpi-result.repository';
import { MachineHourInputsRepository } from './machine-hour-inputs.repository';
import { MachineBucketCalculator } from './machine-hour-kpi';

export interface LiveShift {
  siteId: string | null;
  bucket: PlannedBucket;
  result: KpiResult;
}

function envelope(buckets: readonly Interval[]): Interval {
  let start = Infinity;
  let end = -Infinity;
  for (const b of buckets) {
    start = Math.min(start, b.start.getTime());
    end = Math.max(end, b.end.getTime());
  }
  return { start: new Date(start), end: new Date(end) };
}

// Shift, day, week (and hour) results of one machine computed from its raw events, never by adding
// up hours. Every write is an upsert by (machine, granularity, bucket start) inside one tenant
// transaction: a retried, duplicated or killed job leaves either the old rows or the new ones.
export class MachineBucketKpiService {
  private readonly inputs = new MachineHourInputsRepository();
  private readonly results = new KpiResultRepository();

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  // One bucket, as named by its job. Returns null for an unknown machine or a bucket not begun.
  async compute(tenantId: string, machineId: string, bucket: PlannedBucket): Promise<KpiResult | null> {
    if (this.clock() <= bucket.start) return null;
    return this.db.withTenant(tenantId, async (tx) => {
      const [written] = await this.computeAndStore(tx, tenantId, machineId, [bucket], bucket);
      return written?.result ?? null;
    });
  }

  // Every bucket of the given granularities that overlaps the range and has begun, for one
  // machine: its events are read once for the envelope of those buckets. Returns how many were written.
  async backfill(
    tenantId: string,
    machineId: string,
    range: Interval,
    granularities: readonly StoredGranularity[] = STORED_GRANULARITIES,
  ): Promise<number> {
    const now = this.clock();
    return this.db.withTenant(tenantId, async (tx) => {
      const schedule = await this.inputs.schedule(tx, machineId, range);
      if (!schedule) return 0;
      const buckets = granularities
        .flatMap((g) => bucketsOverlapping(g, range, schedule.timeZone, schedule.calendar))
        .filter((b) => b.start < now);
      if (buckets.length === 0) return 0;
      return (await this.computeAndStore(tx, tenantId, machineId, buckets, envelope(buckets))).length;
    });
  }

  // The machines in service below an asset (or in the whole tenant), in a stable order so a
  // restarted backfill can skip the ones it finished.
  async machinesOf(tenantId: string, assetId: string | null): Promise<string[]> {
    const machines = await this.db.withTenant(tenantId, (tx) =>
      tx.asset.findMany({
        where: { kind: 'machine', archivedAt: null, ...(assetId ? { ancestors: { has: assetId } } : {}) },
        select: { id: true },
        orderBy: { id: 'asc' },
      }),
    );
    return machines.map((m) => m.id);
  }

  // The buckets of this machine that closed in [from, until) and have no final result yet.
  async closedWithoutFinal(
    tenantId: string,
    machineId: string,
    from: Date,
    until: Date,
  ): Promise<PlannedBucket[]> {
    return this.db.withTenant(tenantId, async (tx) => {
      const schedule = await this.inputs.schedule(tx, machineId, { start: from, end: until });
      if (!schedule) return [];
      const closed = STORED_GRANULARITIES.filter((g) => g !== 'hour').flatMap((g) =>
        bucketsClosedBetween(g, from, until, schedule.timeZone, schedule.calendar),
      );
      if (closed.length === 0) return [];
      const final = await tx.kpiResult.findMany({
        where: { assetId: machineId, final: true, bucketStart: { in: closed.map((b) => b.start) } },
        select: { granularity: true, bucketStart: true },
      });
      const done = new Set(final.map((r) => `${r.granularity}/${r.bucketStart.getTime()}`));
      return closed.filter((b) => !done.has(`${b.granularity}/${b.start.getTime()}`));
    });
  }

  // The shift in progress, computed so far and stored as not final. null off shift.
  async liveShift(tenantId: string, machineId: string): Promise<LiveShift | null> {
    const now = this.clock();
    return this.db.withTenant(tenantId, async (tx) => {
      const schedule = await this.inputs.schedule(tx, machineId, { start: now, end: now });
      if (!schedule) return null;
      const bucket = currentShift(now, schedule.timeZone, schedule.calendar);
      if (!bucket) return null;
      const [written] = await this.computeAndStore(tx, tenantId, machineId, [bucket], bucket);
      return written ? { siteId: schedule.siteId, bucket, result: written.result } : null;
    });
  }

  private async computeAndStore(
    tx: TenantTx,
    tenantId: string,
    machineId: string,
    buckets: readonly PlannedBucket[],
    range: Interval,
  ): Promise<BucketResult[]> {
    const inputs = await this.inputs.load(tx, machineId, range);
    if (!inputs) return [];
    const now = this.clock();
    const calculator = new MachineBucketCalculator(inputs, range);
    const rows = buckets.map((bucket) => ({
      bucket,
      result: calculator.result(bucket, now),
      final: now >= bucket.end,
    }));
    await this.results.upsertMany(tx, tenantId, machineId, rows, now);
    return rows;
  }
}
