import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { JobQueues } from '@convergent/platform-data-access-queue';
import { JOB_QUEUES } from './worker.tokens';

// Recurring jobs, upserted at every start so a changed interval replaces the old schedule rather
// than adding a second one; any number of worker replicas share one schedule.
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedules.name);

  constructor(
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
    @Inject('KPI_SWEEP_EVERY_MS') private readonly sweepEveryMs: number,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues
      .queue('kpi')
      .upsertJobScheduler(
        'kpi.sweep-dirty',
        { every: this.sweepEveryMs },
        { name: 'kpi.sweep-dirty', data: {} },
      );
    await this.queues.queue('maintenance').upsertJobScheduler(
      'maintenance.ensure-partitions',
      { every: 6 * 3_600_000 },
      {
        name: 'maintenance.ensure-partitions',
        data: {},
      },
    );
    // Every minute: buckets that closed get their final figures, live machines their shift so far.
    for (const name of ['kpi.finalize-buckets', 'kpi.live-shifts'] as const)
      await this.queues.queue('kpi').upsertJobScheduler(name, { every: 60_000 }, { name, data: {} });
    this.logger.log(
      'schedules in place: kpi.sweep-dirty, kpi.finalize-buckets, kpi.live-shifts, maintenance.ensure-partitions',
    );
  }
}
