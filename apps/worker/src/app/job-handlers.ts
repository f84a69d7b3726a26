import {
  JOB_QUEUE,
  machineHourJobId,
  type JobName,
  type JobPayloads,
} from '@convergent/shared-util-contracts';
import type { JobQueues } from '@convergent/platform-data-access-queue';
import type { DirtyHoursRepository, MachineHourKpiService } from '@convergent/kpi-data-access-kpi';
import type {
  EventPartitionRepository,
  HousekeepingRepository,
} from '@convergent/telemetry-data-access-events';
import { createAlarmJobHandlers, type AlarmJobDeps } from './alarm-job-handlers';
import { createKpiBucketHandlers, enqueueStaleBuckets, type KpiBucketDeps } from './kpi-bucket-handlers';
import type { JobContext } from './job-context';

export type JobHandlers = {
  [N in JobName]: (payload: JobPayloads[N], job: JobContext) => Promise<unknown>;
};

export interface JobHandlerDeps extends KpiBucketDeps {
  machineHours: MachineHourKpiService;
  dirtyHours: DirtyHoursRepository;
  partitions: EventPartitionRepository;
  queues: JobQueues;
  housekeeping: HousekeepingRepository;
  alarms: Omit<AlarmJobDeps, 'queues'>;
}

// Marks younger than this are still covered by their own delayed job.
const SWEEP_GRACE_MS = 10_000;
// Messages of an hour's last seconds may still be in flight when it closes.
const FINALIZE_GRACE_MS = 60_000;

// The type requires a handler for every job name in the contracts' map; assertEveryJobHandled
// repeats the check at start-up for names that arrive from configuration or older deployments.
export function createJobHandlers(deps: JobHandlerDeps): JobHandlers {
  return {
    'kpi.machine-hour': async ({ tenantId, machineId, hourStart }) => {
      const hours = await deps.machineHours.compute(tenantId, machineId, new Date(hourStart));
      return hours
        ? hours.map((h) => ({ hourStart: h.bucket.start, oee: h.result.kpis.oee }))
        : { skipped: 'machine not found' };
    },
    'kpi.sweep-dirty': async () => {
      const overdue = [
        ...(await deps.dirtyHours.overdue(SWEEP_GRACE_MS, 1000)),
        ...(await deps.dirtyHours.closedButNotFinal(FINALIZE_GRACE_MS, 1000)),
      ];
      await deps.queues.addBulk(
        'kpi.machine-hour',
        overdue.map((h) => ({
          payload: { tenantId: h.tenantId, machineId: h.machineId, hourStart: h.hourStart.toISOString() },
          options: { jobId: machineHourJobId(h.machineId, h.hourStart) },
        })),
      );
      return { enqueued: overdue.length, staleBuckets: await enqueueStaleBuckets(deps) };
    },
    'maintenance.ensure-partitions': async () => ({
      created: await deps.partitions.ensureAround(new Date()),
    }),
    'telemetry.rollup': async ({ lookbackMinutes }) => {
      // Up to the current minute, which is not over yet: the next run takes it.
      const to = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const from = new Date(to.getTime() - lookbackMinutes * 60_000);
      return { minutes: await deps.housekeeping.rollupTelemetry(from, to) };
    },
    'maintenance.retention': async () => deps.housekeeping.applyRetention(new Date()),
    ...createAlarmJobHandlers({ ...deps.alarms, queues: deps.queues }),
    ...createKpiBucketHandlers(deps),
  };
}

export function assertEveryJobHandled(handlers: Partial<Record<string, unknown>>): void {
  const missing = Object.keys(JOB_QUEUE).filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
}
