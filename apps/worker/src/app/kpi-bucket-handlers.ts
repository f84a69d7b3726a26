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
// A backfill works through the range a UTC day at a time for many machines at once
// (MachineBucketKpiService.backfillMachines); a tenant with more machines is done in passes of this
// many, which bounds the memory one window's events take.
const BACKFILL_MACHINES_PER_PASS = 1000;

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

    // Resumable: progress names the passes done and where the current one may restart (every
    // bucket starting earlier is written), so a retry after a crash skips what is done; each
    // window's buckets are written in one transaction, so no bucket is half done.
    'kpi.backfill': async (payload: JobPayloads['kpi.backfill'], job: JobContext) => {
      const range = parseBackfillRange(payload);
      const machines = await deps.buckets.machinesOf(payload.tenantId, payload.assetId);
      const resumed = job.progress();
      const valid = resumed?.machines === machines.length ? resumed : null;
      let done = valid?.machinesDone ?? 0;
      let buckets = valid?.buckets ?? 0;
      let resumeAt = valid?.restartAt ? new Date(valid.restartAt) : null;
      const span = range.end.getTime() - range.start.getTime();
      const fractionThrough = (t: Date) =>
        Math.min(Math.max((t.getTime() - range.start.getTime()) / span, 0), 1);
      while (done < machines.length) {
        const pass = machines.slice(done, done + BACKFILL_MACHINES_PER_PASS);
        const report = (passFraction: number, restartAt: Date | null) =>
          job.updateProgress({
            machines: machines.length,
            machinesDone: done,
            buckets,
            restartAt: restartAt?.toISOString() ?? null,
            percent: Math.floor(((done + passFraction * pass.length) / machines.length) * 1000) / 10,
          });
        await deps.buckets.backfillMachines(payload.tenantId, pass, range, {
          resumeAt,
          onStep: (step) => {
            buckets += step.written;
            return report(fractionThrough(step.through), step.restartAt);
          },
        });
        done += pass.length;
        resumeAt = null;
        await report(0, null);
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
