import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { BullModule, Processor } from '@nestjs/bullmq';
import { QUEUES } from '@convergent/shared-util-contracts';
import { Database } from '@convergent/platform-data-access-db';
import { JobQueues, LiveEventPublisher, redisConnection } from '@convergent/platform-data-access-queue';
import {
  DirtyHoursRepository,
  KpiMachineDirectory,
  MachineBucketKpiService,
  MachineHourKpiService,
} from '@convergent/kpi-data-access-kpi';
import { EventPartitionRepository } from '@convergent/telemetry-data-access-events';
import type { WorkerConfig } from './worker-config';
import { assertEveryJobHandled, createJobHandlers } from './job-handlers';
import { KpiProcessor } from './kpi.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { KpiBackfillProcessor } from './kpi-backfill.processor';
import { JobSchedules } from './job-schedules';
import { DATABASE, JOB_HANDLERS, JOB_QUEUES, LIVE_EVENTS } from './worker.tokens';

class WorkerResources implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
    @Inject(LIVE_EVENTS) private readonly live: LiveEventPublisher,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    await this.live.close();
    await this.db.close();
  }
}

@Module({})
export class WorkerModule {
  static forConfig(config: WorkerConfig): DynamicModule {
    const connection = redisConnection(config.REDIS_URL);
    // One backfill at a time per worker: each already computes several machines in parallel.
    Processor(QUEUES.kpiBackfill, {
      concurrency: 1,
      lockDuration: config.JOB_LOCK_MS,
      stalledInterval: config.JOB_LOCK_MS,
    })(KpiBackfillProcessor);
    return {
      module: WorkerModule,
      imports: [
        BullModule.forRoot({ connection, prefix: config.QUEUE_PREFIX }),
        BullModule.registerQueue(
          { name: QUEUES.kpi },
          { name: QUEUES.maintenance },
          { name: QUEUES.kpiBackfill },
        ),
      ],
      providers: [
        { provide: 'KPI_SWEEP_EVERY_MS', useValue: config.KPI_SWEEP_EVERY_MS },
        {
          provide: DATABASE,
          useFactory: () => new Database({ url: config.DATABASE_URL, applicationName: 'convergent-worker' }),
        },
        { provide: JOB_QUEUES, useFactory: () => new JobQueues(connection, config.QUEUE_PREFIX) },
        {
          provide: LIVE_EVENTS,
          useFactory: () => new LiveEventPublisher(config.REDIS_URL, config.QUEUE_PREFIX),
        },
        {
          provide: JOB_HANDLERS,
          inject: [DATABASE, JOB_QUEUES, LIVE_EVENTS],
          useFactory: (db: Database, queues: JobQueues, live: LiveEventPublisher) => {
            const handlers = createJobHandlers({
              buckets: new MachineBucketKpiService(db),
              directory: new KpiMachineDirectory(db),
              live,
              machineHours: new MachineHourKpiService(db),
              dirtyHours: new DirtyHoursRepository(db),
              partitions: new EventPartitionRepository(db),
              queues,
            });
            assertEveryJobHandled(handlers);
            return handlers;
          },
        },
        WorkerResources,
        KpiProcessor,
        MaintenanceProcessor,
        KpiBackfillProcessor,
        JobSchedules,
      ],
    };
  }
}
