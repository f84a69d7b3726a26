import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from '@nestjs/common';
import { parseConfig } from '@convergent/platform-util-config';
import type { Database } from '@convergent/platform-data-access-db';
import type { MqttConnection } from '@convergent/platform-data-access-iot';
import { ingestConfigSchema } from './app/ingest-config';
import { IngestModule } from './app/ingest.module';
import { IngestPipeline } from './app/ingest-pipeline';
import { DATABASE, INGEST_METRICS, MQTT_CONNECTION } from './app/ingest.tokens';
import type { IngestMetrics } from './app/ingest-metrics';
import { startHealthServer } from './app/health.server';

async function main(): Promise<void> {
  const config = parseConfig(ingestConfigSchema, process.env);
  const app = await NestFactory.createApplicationContext(IngestModule.forConfig(config), {
    bufferLogs: false,
  });
  app.enableShutdownHooks();
  const db = app.get<Database>(DATABASE);
  const connection = app.get<MqttConnection>(MQTT_CONNECTION);
  const pipeline = app.get(IngestPipeline);
  const health = startHealthServer(
    config.INGEST_HEALTH_PORT,
    [
      { name: 'postgres', check: () => db.ping() },
      {
        name: 'broker',
        check: async () => (connection.isConnected ? undefined : Promise.reject(new Error('not connected'))),
      },
    ],
    () => ({ stats: pipeline.stats }),
    app.get<IngestMetrics>(INGEST_METRICS).registry,
  );
  new Logger('ingest').log(
    `health on http://127.0.0.1:${config.INGEST_HEALTH_PORT}/health, metrics on /metrics`,
  );
  process.once('SIGTERM', () => health.close());
  process.once('SIGINT', () => health.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
