import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from '@nestjs/common';
import { parseConfig } from '@convergent/platform-util-config';
import { workerConfigSchema } from './app/worker-config';
import { WorkerModule } from './app/worker.module';

async function main(): Promise<void> {
  const config = parseConfig(workerConfigSchema, process.env);
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config));
  app.enableShutdownHooks();
  new Logger('worker').log('processing queues kpi, maintenance, alarms, notifications');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
