import 'reflect-metadata';
import { DiscoveryService, NestFactory } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { QUEUES } from '@convergent/shared-util-contracts';
import { parseConfig } from '@convergent/platform-util-config';
import type { Database } from '@convergent/platform-data-access-db';
import type { JobQueues } from '@convergent/platform-data-access-queue';
import {
  createJobInstrumentation,
  createLogger,
  nestLogger,
  opsConfigSchema,
  registerQueueDepth,
  startProcessOps,
} from '@convergent/platform-util-observability';
import { workerConfigSchema } from './app/worker-config';
import { WorkerModule } from './app/worker.module';
import { DATABASE, JOB_QUEUES } from './app/worker.tokens';

async function main(): Promise<void> {
  const config = parseConfig(workerConfigSchema, process.env);
  const opsConfig = parseConfig(opsConfigSchema, process.env);
  const log = createLogger('worker', config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), {
    logger: nestLogger(log),
  });
  const db = app.get<Database>(DATABASE);
  const queues = app.get<JobQueues>(JOB_QUEUES);
  // Every @Processor of the module, whoever added it.
  const processors = app
    .get(DiscoveryService, { strict: false })
    .getProviders()
    .map((wrapper) => wrapper.instance as unknown)
    .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
  const { registry } = await startProcessOps(opsConfig, log, {
    service: 'worker',
    readiness: [
      { name: 'postgres', check: () => db.ping() },
      { name: 'redis', check: () => queues.queue(QUEUES.kpi).getJobCounts('waiting') },
    ],
    // BullMQ's close() takes no new job and waits for the active ones; only then may the pools go.
    drain: async () => {
      await Promise.all(processors.map((processor) => processor.worker.close()));
      await app.close();
    },
  });
  const instrumentation = createJobInstrumentation(registry, log);
  for (const processor of processors) instrumentation.instrument(processor.worker);
  registerQueueDepth(
    registry,
    Object.values(QUEUES).map((name) => queues.queue(name)),
  );
  log.info({ queues: processors.map((processor) => processor.worker.name) }, 'processing queues');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
