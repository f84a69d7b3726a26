import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { QUEUES } from '@convergent/shared-util-contracts';
import { Database } from '@convergent/platform-data-access-db';
import { JobQueues, redisConnection } from '@convergent/platform-data-access-queue';
import { DirtyHoursRepository, MachineHourKpiService } from '@convergent/kpi-data-access-kpi';
import { EventPartitionRepository, HousekeepingRepository } from '@convergent/telemetry-data-access-events';
import type { WorkerConfig } from './worker-config';
import { assertEveryJobHandled, createJobHandlers } from './job-handlers';
import { KpiProcessor } from './kpi.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { JobSchedules } from './job-schedules';
import { DATABASE, JOB_HANDLERS, JOB_QUEUES } from './worker.tokens';

class WorkerResources implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    await this.db.close();
  }
}

@Module({})
export class WorkerModule {
  static forConfig(config: WorkerConfig): DynamicModule {
    const connection = redisConnection(config.REDIS_URL);
    return {
      module: WorkerModule,
      imports: [
        BullModule.forRoot({ connection, prefix: config.QUEUE_PREFIX }),
        BullModule.registerQueue({ name: QUEUES.kpi }, { name: QUEUES.maintenance }),
      ],
      providers: [
        { provide: 'KPI_SWEEP_EVERY_MS', useValue: config.KPI_SWEEP_EVERY_MS },
        {
          provide: DATABASE,
          useFactory: () => new Database({ url: config.DATABASE_URL, applicationName: 'convergent-worker' }),
        },
        { provide: JOB_QUEUES, useFactory: () => new JobQueues(connection, config.QUEUE_PREFIX) },
        {
          provide: JOB_HANDLERS,
          inject: [DATABASE, JOB_QUEUES],
          useFactory: (db: Database, queues: JobQueues) => {
            const handlers = createJobHandlers({
              machineHours: new MachineHourKpiService(db),
              dirtyHours: new DirtyHoursRepository(db),
              partitions: new EventPartitionRepository(db),
              queues,
              housekeeping: new HousekeepingRepository(db),
            });
            assertEveryJobHandled(handlers);
            return handlers;
          },
        },
        WorkerResources,
        KpiProcessor,
        MaintenanceProcessor,
        JobSchedules,
      ],
    };
  }
}
