import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createJobInstrumentation, registerQueueDepth } from './job-metrics';

const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };

describe('job metrics on a real BullMQ queue', () => {
  const prefix = `obs-${randomUUID()}`;
  const queue = new Queue('kpi', { connection, prefix });
  const events = new QueueEvents('kpi', { connection, prefix });
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  let worker: Worker | undefined;

  afterAll(async () => {
    await worker?.close();
    await queue.obliterate({ force: true });
    await Promise.all([queue.close(), events.close()]);
  });

  it('reports waiting jobs per queue before a worker takes them', async () => {
    const registry = new Registry();
    registerQueueDepth(registry, [queue]);
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'kpi.machine-hour', data: { n } })));
    const text = await registry.metrics();
    expect(text).toContain('convergent_queue_jobs{queue="kpi",state="waiting"} 3');
    expect(text).toContain('convergent_queue_jobs{queue="kpi",state="active"} 0');
  });

  it("times completed and failed jobs, counts failures, and logs each with the job's id", async () => {
    const registry = new Registry();
    const instrumentation = createJobInstrumentation(registry, log);
    await events.waitUntilReady();
    worker = new Worker(
      'kpi',
      async (job) => {
        if ((job.data as { n: number }).n === 2) throw new Error('machine not found');
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
      { connection, prefix, autorun: false },
    );
    instrumentation.instrument(worker);
    const settled = new Promise<void>((resolve) => {
      let count = 0;
      const done = () => (++count === 3 ? resolve() : undefined);
      events.on('completed', done);
      events.on('failed', done);
    });
    void worker.run();
    await settled;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const text = await registry.metrics();
    expect(text).toContain(
      'convergent_job_duration_seconds_count{queue="kpi",job="kpi.machine-hour",outcome="completed"} 2',
    );
    expect(text).toContain(
      'convergent_job_duration_seconds_count{queue="kpi",job="kpi.machine-hour",outcome="failed"} 1',
    );
    expect(text).toContain('convergent_job_failures_total{queue="kpi",job="kpi.machine-hour"} 1');
    const failed = lines.find((line) => line['msg'] === 'job failed');
    expect(typeof failed?.['jobId']).toBe('string');
    expect(failed).toMatchObject({ queue: 'kpi', job: 'kpi.machine-hour' });
    expect((failed?.['err'] as { message: string }).message).toBe('machine not found');
    const completed = lines.filter((line) => line['msg'] === 'job completed');
    expect(completed).toHaveLength(2);
    for (const line of completed) expect(line['durationMs']).toBeGreaterThanOrEqual(15);
  });
});
