import { Queue, type JobsOptions } from 'bullmq';
import { JOB_QUEUE, type JobName, type JobPayloads, type QueueName } from '@convergent/shared-util-contracts';
import { withTraceContext } from '@convergent/platform-util-observability';
import { QueueConnection } from './queue-connection';

// Retries with exponential backoff; finished jobs are removed so their id can be used again for
// the next change, failed ones are kept for inspection.
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 86_400 },
};

// The producer side of every queue, typed by the job map in the contracts lib.
export class JobQueues {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly redis: QueueConnection;

  // prefix namespaces the keys (QUEUE_PREFIX); on a cluster it becomes a hash tag.
  constructor(redisUrl: string, prefix = 'convergent') {
    this.redis = new QueueConnection(redisUrl, prefix);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.redis.connection,
        prefix: this.redis.prefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options: JobsOptions = {}): Promise<void> {
    // The enqueuer's trace continues in the worker (a no-op where tracing is off).
    await this.queue(JOB_QUEUE[name]).add(name, withTraceContext(payload), options);
  }

  async addBulk<N extends JobName>(
    name: N,
    jobs: Array<{ payload: JobPayloads[N]; options?: JobsOptions }>,
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(JOB_QUEUE[name]).addBulk(
      jobs.map((job) => ({ name, data: withTraceContext(job.payload), opts: job.options ?? {} })),
    );
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    await this.redis.close();
  }
}
