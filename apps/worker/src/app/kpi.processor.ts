import { Inject } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES } from '@convergent/shared-util-contracts';
import { dispatchJob } from './job-dispatcher';
import type { JobHandlers } from './job-handlers';
import { JOB_HANDLERS } from './worker.tokens';

@Processor(QUEUES.kpi, { concurrency: 8 })
export class KpiProcessor extends WorkerHost {
  constructor(@Inject(JOB_HANDLERS) private readonly handlers: JobHandlers) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(this.handlers, job);
  }
}
