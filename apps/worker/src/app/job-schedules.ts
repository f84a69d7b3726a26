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
    @Inject('ALARM_SCHEDULES') private readonly alarmEvery: { tickMs: number; scanMs: number },
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
    await this.queues
      .queue('alarms')
      .upsertJobScheduler(
        'alarms.tick',
        { every: this.alarmEvery.tickMs },
        { name: 'alarms.tick', data: {} },
      );
    await this.queues
      .queue('alarms')
      .upsertJobScheduler(
        'alarms.scan-maintenance',
        { every: this.alarmEvery.scanMs },
        { name: 'alarms.scan-maintenance', data: {} },
      );
    await this.upsertHousekeeping();
    this.logger.log(
      'schedules in place: kpi.sweep-dirty, kpi.finalize-buckets, kpi.live-shifts, maintenance.ensure-partitions, alarms.tick, alarms.scan-maintenance, telemetry.rollup, maintenance.retention',
    );
  }

  // Rollups every minute over the last 15 (late points), and once a day over the last two days
  // (points that arrived later still); retention once a day.
  private async upsertHousekeeping(): Promise<void> {
    const maintenance = this.queues.queue('maintenance');
    await maintenance.upsertJobScheduler(
      'telemetry.rollup',
      { every: 60_000 },
      { name: 'telemetry.rollup', data: { lookbackMinutes: 15 } },
    );
    await maintenance.upsertJobScheduler(
      'telemetry.rollup-daily',
      { every: 86_400_000 },
      { name: 'telemetry.rollup', data: { lookbackMinutes: 2 * 1440 } },
    );
    await maintenance.upsertJobScheduler(
      'maintenance.retention',
      { every: 86_400_000 },
      { name: 'maintenance.retention', data: {} },
    );
  }
}
