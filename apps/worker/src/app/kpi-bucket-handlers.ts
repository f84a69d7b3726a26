import { UnrecoverableError } from 'bullmq';
import {
  liveShiftJobId,
  machineBucketJobId,
  type JobPayloads,
  type KpiUpdated,
} from '@convergent/shared-util-contracts';
import type { JobQueues, LiveEventPublisher } from '@convergent/platform-data-access-queue';
import type {
  KpiMachineDirectory,
  MachineBucketKpiService,
  PlannedBucket,
} from '@convergent/kpi-data-access-kpi';
import type { JobContext } from './job-context';

export interface KpiBucketDeps {
  buckets: MachineBucketKpiService;
  directory: KpiMachineDirectory;
  queues: JobQueues;
  live: LiveEventPublisher;
  clock?: () => Date;
}

// Late messages of a bucket's last seconds, and the hour finalization (60 s), come first.
const FINALIZE_GRACE_MS = 2 * 60_000;
// How far back the finalizer looks for closed buckets: covers a worker outage of a few hours;
// longer gaps are what the backfill job is for.
const FINALIZE_LOOKBACK_MS = 6 * 3_600_000;
// Machines that sent data this recently get live shift-so-far and day-so-far figures.
const LIVE_RECENT_MS = 15 * 60_000;
const STALE_LOOKBACK_MS = 3_600_000;
const MAX_BACKFILL_MS = 366 * 86_400_000;
// A backfill computes machines in batches, each read with one statement per kind of input and
// written in one transaction: events of many machines share pages, so a batch reads each page once
// rather than once per machine. At most this many machines per batch (memory), and about ten
// batches per job so progress moves. Two batches at once: one is read while the other computes.
const BACKFILL_BATCH_MAX = 100;
const BACKFILL_BATCHES_PER_JOB = 10;
const BACKFILL_PARALLEL = 2;

type BucketJob = JobPayloads['kpi.machine-bucket'];

function bucketJob(tenantId: string, machineId: string, b: PlannedBucket) {
  const payload: BucketJob = {
    tenantId,
    machineId,
    granularity: b.granularity,
    bucketStart: b.start.toISOString(),
    bucketEnd: b.end.toISOString(),
    shiftName: b.shiftName,
  };
  return { payload, options: { jobId: machineBucketJobId(machineId, b.granularity, b.start) } };
}

function parseBackfillRange({ from, to }: JobPayloads['kpi.backfill']) {
  const range = { start: new Date(from), end: new Date(to) };
  const length = range.end.getTime() - range.start.getTime();
  if (Number.isNaN(length)) throw new UnrecoverableError('from and to must be ISO 8601 date-times');
  if (length <= 0) throw new UnrecoverableError('"to" must be after "from"');
  if (length > MAX_BACKFILL_MS) throw new UnrecoverableError('a backfill covers at most 366 days');
  return range;
}

// Shift, day and week jobs: compute one bucket, finalize closed ones, live shift and day so far, backfill.
export function createKpiBucketHandlers(deps: KpiBucketDeps) {
  const clock = deps.clock ?? (() => new Date());
  return {
    'kpi.machine-bucket': async (p: BucketJob) => {
      const bucket: PlannedBucket = {
        granularity: p.granularity,
        start: new Date(p.bucketStart),
        end: new Date(p.bucketEnd),
        shiftName: p.shiftName,
      };
      const result = await deps.buckets.compute(p.tenantId, p.machineId, bucket);
      return result ? { oee: result.kpis.oee, availability: result.kpis.availability } : { skipped: true };
    },

    'kpi.finalize-buckets': async () => {
      const now = clock().getTime();
      const from = new Date(now - FINALIZE_LOOKBACK_MS);
      const until = new Date(now - FINALIZE_GRACE_MS);
      let enqueued = 0;
      for (const m of await deps.directory.all()) {
        const closed = await deps.buckets.closedWithoutFinal(m.tenantId, m.machineId, from, until);
        await deps.queues.addBulk(
          'kpi.machine-bucket',
          closed.map((b) => bucketJob(m.tenantId, m.machineId, b)),
        );
        enqueued += closed.length;
      }
      return { enqueued };
    },

    'kpi.live-shifts': async () => {
      const now = clock();
      const active = await deps.directory.activeSince(new Date(now.getTime() - LIVE_RECENT_MS));
      await deps.queues.addBulk(
        'kpi.live-shift',
        active.map((m) => ({
          payload: { tenantId: m.tenantId, machineId: m.machineId },
          options: { jobId: liveShiftJobId(m.machineId, now), attempts: 1 },
        })),
      );
      return { machines: active.length };
    },

    'kpi.live-shift': async ({ tenantId, machineId }: JobPayloads['kpi.live-shift']) => {
      const live = await deps.buckets.live(tenantId, machineId);
      if (!live?.siteId || !live.shift) return { offShift: true };
      const event: KpiUpdated = {
        type: 'kpi.updated',
        tenantId,
        siteId: live.siteId,
        at: clock().toISOString(),
        machineId,
        granularity: 'shift',
        bucketStart: live.shift.bucket.start.toISOString(),
      };
      await deps.live.publish([event]);
      return { oee: live.shift.result.kpis.oee };
    },

    // Resumable: progress names the machines done (in a stable order), so a retry after a crash
    // skips them; every batch's buckets are written in one transaction, so nothing is half done.
    'kpi.backfill': async (payload: JobPayloads['kpi.backfill'], job: JobContext) => {
      const range = parseBackfillRange(payload);
      const machines = await deps.buckets.machinesOf(payload.tenantId, payload.assetId);
      const resumed = job.progress();
      let done = resumed && resumed.machines === machines.length ? resumed.machinesDone : 0;
      let buckets = resumed?.buckets ?? 0;
      const size = Math.min(BACKFILL_BATCH_MAX, Math.ceil(machines.length / BACKFILL_BATCHES_PER_JOB));
      // In rounds, so machinesDone always means "every machine before this index is written".
      while (done < machines.length) {
        const round = machines.slice(done, done + size * BACKFILL_PARALLEL);
        const batches = Array.from({ length: Math.ceil(round.length / size) }, (_, i) =>
          round.slice(i * size, (i + 1) * size),
        );
        const written = await Promise.all(
          batches.map((batch) => deps.buckets.backfillMachines(payload.tenantId, batch, range)),
        );
        buckets += written.reduce((a, b) => a + b, 0);
        done += round.length;
        await job.updateProgress({ machines: machines.length, machinesDone: done, buckets });
      }
      return { machines: machines.length, buckets };
    },
  };
}

// Part of the sweep: final buckets that late data made stale are computed again, once per bucket
// however often the sweep finds them before the job runs (the job id names the bucket).
export async function enqueueStaleBuckets(
  deps: Pick<KpiBucketDeps, 'directory' | 'queues'>,
): Promise<number> {
  const stale = await deps.directory.staleBuckets(STALE_LOOKBACK_MS, 1000);
  await deps.queues.addBulk(
    'kpi.machine-bucket',
    stale.map((s) =>
      bucketJob(s.tenantId, s.machineId, {
        granularity: s.granularity,
        start: s.bucketStart,
        end: s.bucketEnd,
        shiftName: s.shiftName,
      }),
    ),
  );
  return stale.length;
}
