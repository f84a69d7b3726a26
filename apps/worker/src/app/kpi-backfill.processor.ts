import { Inject } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { dispatchJob } from './job-dispatcher';
import type { JobHandlers } from './job-handlers';
import { JOB_HANDLERS } from './worker.tokens';

// Registered with its options in WorkerModule.forConfig (the lock duration is configuration: a
// worker that dies mid-backfill hands the job to another one once its lock expires).
export class KpiBackfillProcessor extends WorkerHost {
  constructor(@Inject(JOB_HANDLERS) private readonly handlers: JobHandlers) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(this.handlers, job);
  }
}
