import type { Job } from 'bullmq';
import type { JobName } from '@convergent/shared-util-contracts';
import { inJobSpan } from '@convergent/platform-util-observability';
import type { JobHandlers } from './job-handlers';
import { jobContext, type JobContext } from './job-context';

export class UnknownJobError extends Error {
  constructor(name: string) {
    super(`no handler for job "${name}"`);
    this.name = 'UnknownJobError';
  }
}

export function dispatchJob(handlers: JobHandlers, job: Job): Promise<unknown> {
  const name = job.name as JobName;
  const handler = handlers[name] as ((payload: unknown, context: JobContext) => Promise<unknown>) | undefined;
  if (!handler) throw new UnknownJobError(job.name);
  return inJobSpan(job, (payload) => handler(payload, jobContext(job)));
}
