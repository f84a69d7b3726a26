import { Inject } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QUEUES } from '@convergent/shared-util-contracts';
import { dispatchJob } from './job-dispatcher';
import type { JobHandlers } from './job-handlers';
import { JOB_HANDLERS } from './worker.tokens';

// Evaluation jobs lock the rule states they touch, so parallel jobs for different machines run
// side by side and jobs for the same machines queue on the row locks.
@Processor(QUEUES.alarms, { concurrency: 4 })
export class AlarmsProcessor extends WorkerHost {
  constructor(@Inject(JOB_HANDLERS) private readonly handlers: JobHandlers) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(this.handlers, job);
  }
}

// Deliveries wait on receivers, not on the database: many at once.
@Processor(QUEUES.notifications, { concurrency: 16 })
export class NotificationsProcessor extends WorkerHost {
  constructor(@Inject(JOB_HANDLERS) private readonly handlers: JobHandlers) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(this.handlers, job);
  }
}
