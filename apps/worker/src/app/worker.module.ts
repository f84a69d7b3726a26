import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { BullModule, Processor } from '@nestjs/bullmq';
import { QUEUES } from '@convergent/shared-util-contracts';
import { Database } from '@convergent/platform-data-access-db';
import { JobQueues, LiveEventPublisher, QueueConnection } from '@convergent/platform-data-access-queue';
import {
  AlarmEngine,
  AlarmHousekeeping,
  MaintenanceScan,
  NotificationDelivery,
} from '@convergent/alarms-data-access-alarms';
import {
  DirtyHoursRepository,
  KpiMachineDirectory,
  MachineBucketKpiService,
  MachineHourKpiService,
} from '@convergent/kpi-data-access-kpi';
import { EventPartitionRepository, HousekeepingRepository } from '@convergent/telemetry-data-access-events';
import type { WorkerConfig } from './worker-config';
import { assertEveryJobHandled, createJobHandlers } from './job-handlers';
import { KpiProcessor } from './kpi.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { KpiBackfillProcessor } from './kpi-backfill.processor';
import { JobSchedules } from './job-schedules';
import { AlarmsProcessor, NotificationsProcessor } from './alarms.processor';
import { notificationTransports } from './notification-transports';
import { DATABASE, JOB_HANDLERS, JOB_QUEUES, LIVE_EVENTS, NOTIFICATION_TRANSPORTS } from './worker.tokens';

class WorkerResources implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
    @Inject(LIVE_EVENTS) private readonly live: LiveEventPublisher,
    @Inject(NOTIFICATION_TRANSPORTS) private readonly transports: { close(): void },
    @Inject(QueueConnection) private readonly workers: QueueConnection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.transports.close();
    await this.live.close();
    await this.queues.close();
    await this.workers.close();
    await this.db.close();
  }
}

const HOUR = 3_600_000;

// Two days of 10-minute medians: a baseline that has seen every shift twice, and a trend long
// enough for a stable slope; warnings look a week ahead.
function maintenanceScanOptions(scanEveryMs: number) {
  return {
    windowMs: 48 * HOUR,
    bucketMs: 600_000,
    scanEveryMs,
    horizonMs: 7 * 24 * HOUR,
    quietAfterMs: 24 * HOUR,
  };
}

@Module({})
export class WorkerModule {
  static forConfig(config: WorkerConfig): DynamicModule {
    // The processors' connection; on a cluster, one client closed with the other resources.
    const workers = new QueueConnection(config.REDIS_URL, config.QUEUE_PREFIX);
    // One backfill at a time per worker: each already computes several machines in parallel.
    Processor(QUEUES.kpiBackfill, {
      concurrency: 1,
      lockDuration: config.JOB_LOCK_MS,
      stalledInterval: config.JOB_LOCK_MS,
    })(KpiBackfillProcessor);
    return {
      module: WorkerModule,
      imports: [
        BullModule.forRoot({ connection: workers.connection, prefix: workers.prefix }),
        BullModule.registerQueue(
          { name: QUEUES.kpi },
          { name: QUEUES.maintenance },
          { name: QUEUES.alarms },
          { name: QUEUES.notifications },
          { name: QUEUES.kpiBackfill },
        ),
      ],
      providers: [
        { provide: 'KPI_SWEEP_EVERY_MS', useValue: config.KPI_SWEEP_EVERY_MS },
        {
          provide: 'ALARM_SCHEDULES',
          useValue: { tickMs: config.ALARM_TICK_EVERY_MS, scanMs: config.MAINTENANCE_SCAN_EVERY_MS },
        },
        {
          provide: LIVE_EVENTS,
          useFactory: () => new LiveEventPublisher(config.REDIS_URL, config.QUEUE_PREFIX),
        },
        {
          provide: NOTIFICATION_TRANSPORTS,
          useFactory: () => notificationTransports(config.SMTP_URL, config.SMTP_FROM),
        },
        {
          provide: DATABASE,
          useFactory: () => new Database({ url: config.DATABASE_URL, applicationName: 'convergent-worker' }),
        },
        { provide: JOB_QUEUES, useFactory: () => new JobQueues(config.REDIS_URL, config.QUEUE_PREFIX) },
        { provide: QueueConnection, useValue: workers },
        {
          provide: JOB_HANDLERS,
          inject: [DATABASE, JOB_QUEUES, LIVE_EVENTS, NOTIFICATION_TRANSPORTS],
          useFactory: (
            db: Database,
            queues: JobQueues,
            live: LiveEventPublisher,
            transports: ReturnType<typeof notificationTransports>,
          ) => {
            const handlers = createJobHandlers({
              buckets: new MachineBucketKpiService(db),
              directory: new KpiMachineDirectory(db),
              live,
              machineHours: new MachineHourKpiService(db),
              dirtyHours: new DirtyHoursRepository(db),
              partitions: new EventPartitionRepository(db),
              queues,
              alarms: {
                engine: new AlarmEngine(db),
                housekeeping: new AlarmHousekeeping(db),
                scan: new MaintenanceScan(db, maintenanceScanOptions(config.MAINTENANCE_SCAN_EVERY_MS)),
                delivery: new NotificationDelivery(db, transports, config.NOTIFY_ATTEMPTS),
                live,
                notifyAttempts: config.NOTIFY_ATTEMPTS,
                notifyBackoffMs: config.NOTIFY_BACKOFF_MS,
                tickGraceMs: config.ALARM_TICK_GRACE_MS,
              },
              housekeeping: new HousekeepingRepository(db),
            });
            assertEveryJobHandled(handlers);
            return handlers;
          },
        },
        WorkerResources,
        KpiProcessor,
        MaintenanceProcessor,
        AlarmsProcessor,
        NotificationsProcessor,
        KpiBackfillProcessor,
        JobSchedules,
      ],
    };
  }
}
