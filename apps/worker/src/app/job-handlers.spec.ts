import type { Job } from 'bullmq';
import { JOB_QUEUE } from '@convergent/shared-util-contracts';
import { assertEveryJobHandled, type JobHandlers } from './job-handlers';
import { dispatchJob, UnknownJobError } from './job-dispatcher';

const handlers: JobHandlers = {
  'kpi.machine-hour': async (payload) => ({ computed: payload.machineId }),
  'kpi.sweep-dirty': async () => ({ enqueued: 0 }),
  'maintenance.ensure-partitions': async () => ({ created: 0 }),
  'alarms.evaluate': async () => ({ evaluations: 0 }),
  'alarms.tick': async () => ({ evaluations: 0 }),
  'alarms.scan-maintenance': async () => ({ warnings: 0 }),
  'notifications.deliver': async () => ({ outcome: 'delivered' }),
  'telemetry.rollup': async () => ({ minutes: 0 }),
  'maintenance.retention': async () => ({ partitionsDropped: 0 }),
  'kpi.machine-bucket': async (payload) => ({ computed: payload.granularity }),
  'kpi.finalize-buckets': async () => ({ enqueued: 0 }),
  'kpi.live-shifts': async () => ({ machines: 0 }),
  'kpi.live-shift': async () => ({ offShift: true }),
  'kpi.backfill': async () => ({ machines: 0 }),
};

describe('job registry', () => {
  it('accepts a handler set that covers every job of the contracts', () => {
    expect(() => assertEveryJobHandled(handlers)).not.toThrow();
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(JOB_QUEUE).sort());
  });

  it('refuses to start when a job has no handler, naming it', () => {
    const { 'kpi.sweep-dirty': _dropped, ...incomplete } = handlers;
    expect(() => assertEveryJobHandled(incomplete)).toThrow('no handler for job(s): kpi.sweep-dirty');
  });

  it('dispatches a job to its handler by name and fails loudly for an unknown name', async () => {
    await expect(
      dispatchJob(handlers, { name: 'kpi.machine-hour', data: { machineId: 'm-1' }, progress: 0 } as Job),
    ).resolves.toEqual({
      computed: 'm-1',
    });
    expect(() => dispatchJob(handlers, { name: 'kpi.unknown', data: {} } as Job)).toThrow(UnknownJobError);
  });
});
