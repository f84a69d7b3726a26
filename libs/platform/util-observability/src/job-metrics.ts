import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Job, Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

// Queue depth per queue and state, read from Redis at scrape time (so every replica reports the
// same shared numbers: aggregate with max, not sum). Waiting jobs drive the worker autoscaler.
export function registerQueueDepth(registry: Registry, queues: Queue[]): void {
  new Gauge({
    name: 'convergent_queue_jobs',
    help: 'Jobs in each BullMQ queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
}

export interface JobInstrumentation {
  instrument(worker: Worker): void;
}

// Durations and failures of every job this process ran (the kpi queue's are the OEE jobs), and one
// log line per job start and end carrying the job's id, so a job's lines can be found together.
export function createJobInstrumentation(registry: Registry, log: Logger): JobInstrumentation {
  const duration = new Histogram({
    name: 'convergent_job_duration_seconds',
    help: 'Time from a job starting on this worker to it completing or failing',
    labelNames: ['queue', 'job', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'convergent_job_failures_total',
    help: 'Job attempts that failed (a job retried five times counts five)',
    labelNames: ['queue', 'job'],
    registers: [registry],
  });
  const context = (job: Job) => ({
    queue: job.queueName,
    job: job.name,
    jobId: job.id,
    attempt: job.attemptsMade,
  });
  const seconds = (job: Job) =>
    job.processedOn !== undefined && job.finishedOn !== undefined
      ? (job.finishedOn - job.processedOn) / 1000
      : 0;
  return {
    instrument(worker) {
      worker.on('active', (job) => log.debug(context(job), 'job started'));
      worker.on('completed', (job) => {
        const elapsed = seconds(job);
        duration.observe({ queue: job.queueName, job: job.name, outcome: 'completed' }, elapsed);
        log.info({ ...context(job), durationMs: Math.round(elapsed * 1000) }, 'job completed');
      });
      worker.on('failed', (job, error) => {
        if (job === undefined) {
          log.error({ err: error }, 'job failed before it could be read');
          return;
        }
        duration.observe({ queue: job.queueName, job: job.name, outcome: 'failed' }, seconds(job));
        failures.inc({ queue: job.queueName, job: job.name });
        log.warn({ ...context(job), err: error }, 'job failed');
      });
    },
  };
}
