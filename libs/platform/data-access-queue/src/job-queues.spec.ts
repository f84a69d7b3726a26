import { randomUUID } from 'node:crypto';
import { machineHourJobId } from '@convergent/shared-util-contracts';
import { JobQueues } from './job-queues';

// Against the real Redis, under a prefix of the test's own.
describe('JobQueues', () => {
  const queues = new JobQueues(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', `test-${randomUUID()}`);

  afterAll(async () => {
    await queues.queue('kpi').obliterate({ force: true });
    await queues.close();
  });

  it('coalesces the same machine-hour enqueued twice into one waiting job', async () => {
    const hourStart = new Date('2026-11-25T10:00:00Z');
    const jobId = machineHourJobId('m-1', hourStart);
    const payload = { tenantId: 't-1', machineId: 'm-1', hourStart: hourStart.toISOString() };
    await queues.add('kpi.machine-hour', payload, { jobId });
    await queues.add('kpi.machine-hour', payload, { jobId });
    const jobs = await queues.queue('kpi').getJobs(['waiting', 'delayed']);
    expect(jobs.map((job) => [job.id, job.name, job.data as unknown])).toEqual([
      [jobId, 'kpi.machine-hour', payload],
    ]);
  });
});
