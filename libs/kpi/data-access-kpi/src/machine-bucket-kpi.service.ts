import { setImmediate } from 'node:timers/promises';
import { writeNewFirst, type Database, type SqlTransaction } from '@convergent/platform-data-access-db';
import type { Interval, KpiResult } from '@convergent/shared-util-kpi';
import {
  bucketsClosedBetween,
  bucketsOverlapping,
  currentDay,
  currentShift,
  STORED_GRANULARITIES,
  type PlannedBucket,
  type StoredGranularity,
} from './kpi-buckets';
import { KpiResultRepository, type BucketResult, type MachineBucketResult } from './kpi-result.repository';
import {
  MachineHourInputsRepository,
  type MachineContext,
  type MachineEvents,
  type MachineSchedule,
} from './machine-hour-inputs.repository';
import { MachineBucketCalculator } from './machine-hour-kpi';
import { WindowedBackfill, type BackfillOptions } from './windowed-backfill';

const BACKFILL_WORK_MEM = '128MB';

// Awaited later: a rejection before then must not count as unhandled (which ends the process).
function handled<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}

export interface LiveBucket {
  bucket: PlannedBucket;
  result: KpiResult;
}

export interface LiveBuckets {
  siteId: string | null;
  // null off shift.
  shift: LiveBucket | null;
  // The site's local day in progress: closed days are finalized, the open one exists only so far.
  day: LiveBucket;
}

function envelopeOf(buckets: readonly Interval[]): Interval {
  let start = Infinity;
  let end = -Infinity;
  for (const b of buckets) {
    start = Math.min(start, b.start.getTime());
    end = Math.max(end, b.end.getTime());
  }
  return { start: new Date(start), end: new Date(end) };
}

// Shift, day, week (and hour) results of one machine computed from its raw events, never by adding
// up hours. Every write is one upsert by (machine, granularity, bucket start) inside one tenant
// transaction: a retried, duplicated or killed job leaves either the old rows or the new ones.
// Plain pg transactions: a month of one machine's events takes longer than Prisma's interactive
// transactions allow, and pg parses the rows faster.
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
    return this.inTenant(tenantId, async (sql) => {
      const schedule = await this.inputs.schedule(sql, machineId, bucket);
      if (!schedule) return null;
      const [written] = await this.computeAndStore(sql, tenantId, machineId, schedule, [bucket]);
      return written?.result ?? null;
    });
  }

  // Every bucket of the given granularities that overlaps the range and has begun, for one
  // machine. Returns how many were written.
  async backfill(
    tenantId: string,
    machineId: string,
    range: Interval,
    granularities: readonly StoredGranularity[] = STORED_GRANULARITIES,
  ): Promise<number> {
    return this.backfillMachines(tenantId, [machineId], range, { granularities });
  }

  // The same for many machines, worked through window by window (windowed-backfill.ts): each
  // window's events of all the machines are read in one statement per kind, while the window
  // before is computed; a bucket is written, whole, in the transaction of the window it ends in.
  async backfillMachines(
    tenantId: string,
    machineIds: readonly string[],
    range: Interval,
    options: BackfillOptions = {},
  ): Promise<number> {
    const now = this.clock();
    const granularities = options.granularities ?? STORED_GRANULARITIES;
    const resumeAt = options.resumeAt ?? null;
    const plan = await this.inTenant(tenantId, async (sql) => {
      const schedules = await this.inputs.schedules(sql, machineIds, range);
      const backfill = new WindowedBackfill(
        schedules,
        (schedule) =>
          granularities
            .flatMap((g) => bucketsOverlapping(g, range, schedule.timeZone, schedule.calendar))
            .filter((b) => !resumeAt || b.start >= resumeAt),
        now,
      );
      const envelope = backfill.envelope;
      return envelope ? { backfill, context: await this.inputs.loadContext(sql, schedules, envelope) } : null;
    });
    if (!plan) return 0;
    const { backfill, context } = plan;
    const ids = [...context.keys()];
    const windows = backfill.windows(resumeAt);
    const read = (w: Interval) =>
      this.inTenant(tenantId, async (sql) => {
        // A window's events are aggregated per machine in memory; 4 MB would spill them to disk.
        await sql.execute(`SET LOCAL work_mem = '${BACKFILL_WORK_MEM}'`);
        return this.inputs.loadEvents(sql, ids, w);
      });
    let written = 0;
    let pendingRead = handled(read(windows[0] as Interval));
    let pendingWrite: Promise<void> = Promise.resolve();
    for (const [i, window] of windows.entries()) {
      const events = await pendingRead;
      const next = windows[i + 1];
      if (next) pendingRead = handled(read(next));
      const rows: MachineBucketResult[] = [];
      for (const id of ids) {
        // One machine at a time, then the event loop: the job's lock renewal must not wait.
        await setImmediate();
        const inputs = { ...(context.get(id) as MachineContext), ...(events.get(id) as MachineEvents) };
        rows.push(...backfill.compute(id, new MachineBucketCalculator(inputs, window), window));
      }
      const step = backfill.progress(window);
      await pendingWrite;
      // A first backfill of a range finds no stored buckets; a backfill run again, or a live
      // shift, does.
      pendingWrite = handled(
        writeNewFirst((mode) =>
          this.inTenant(tenantId, (sql) => this.results.upsertMachines(sql, tenantId, rows, now, mode)),
        ).then(async () => {
          written += rows.length;
          await options.onStep?.({ ...step, written: rows.length });
        }),
      );
    }
    await pendingWrite;
    return written;
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
    return this.inTenant(tenantId, async (sql) => {
      const schedule = await this.inputs.schedule(sql, machineId, { start: from, end: until });
      if (!schedule) return [];
      const closed = STORED_GRANULARITIES.filter((g) => g !== 'hour').flatMap((g) =>
        bucketsClosedBetween(g, from, until, schedule.timeZone, schedule.calendar),
      );
      if (closed.length === 0) return [];
      const final = await sql.query<{ granularity: string; bucket_start: Date }>(
        `SELECT granularity::text, bucket_start FROM kpi_results
         WHERE asset_id = $1::uuid AND final AND bucket_start = ANY($2::timestamptz[])`,
        [machineId, closed.map((b) => b.start)],
      );
      const done = new Set(final.map((r) => `${r.granularity}/${r.bucket_start.getTime()}`));
      return closed.filter((b) => !done.has(`${b.granularity}/${b.start.getTime()}`));
    });
  }

  // The shift and the local day in progress, computed so far (from one read of the machine's
  // events) and stored as not final; the finalizer replaces them once they close. null for a
  // machine that is unknown or out of service.
  async live(tenantId: string, machineId: string): Promise<LiveBuckets | null> {
    const now = this.clock();
    return this.inTenant(tenantId, async (sql) => {
      const schedule = await this.inputs.schedule(sql, machineId, { start: now, end: now });
      if (!schedule) return null;
      const shift = currentShift(now, schedule.timeZone, schedule.calendar);
      const day = currentDay(now, schedule.timeZone);
      const written = await this.computeAndStore(sql, tenantId, machineId, schedule, [
        day,
        ...(shift ? [shift] : []),
      ]);
      const [dayResult, shiftResult] = written;
      return dayResult ? { siteId: schedule.siteId, day: dayResult, shift: shiftResult ?? null } : null;
    });
  }

  private inTenant<T>(tenantId: string, work: (sql: SqlTransaction) => Promise<T>): Promise<T> {
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      return work(sql);
    });
  }

  private async computeAndStore(
    sql: SqlTransaction,
    tenantId: string,
    machineId: string,
    schedule: MachineSchedule,
    buckets: readonly PlannedBucket[],
  ): Promise<BucketResult[]> {
    if (buckets.length === 0) return [];
    const range = envelopeOf(buckets);
    const inputs = await this.inputs.loadFor(sql, machineId, schedule, range);
    const now = this.clock();
    const calculator = new MachineBucketCalculator(inputs, range);
    const results = calculator.results(buckets, now);
    const rows = buckets.map((bucket, i) => ({
      bucket,
      result: results[i] as KpiResult,
      final: now >= bucket.end,
    }));
    await this.results.upsertMany(sql, tenantId, machineId, rows, now);
    return rows;
  }
}
