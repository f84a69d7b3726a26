import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseConfig } from '@convergent/platform-util-config';
import type { Database } from '@convergent/platform-data-access-db';
import type { MqttConnection } from '@convergent/platform-data-access-iot';
import {
  createLogger,
  nestLogger,
  opsConfigSchema,
  startProcessOps,
} from '@convergent/platform-util-observability';
import { ingestConfigSchema } from './app/ingest-config';
import { IngestModule } from './app/ingest.module';
import { IngestPipeline } from './app/ingest-pipeline';
import { DATABASE, INGEST_METRICS, MQTT_CONNECTION } from './app/ingest.tokens';
import type { IngestMetrics } from './app/ingest-metrics';
import { startHealthServer } from './app/health.server';

async function main(): Promise<void> {
  const config = parseConfig(ingestConfigSchema, process.env);
  const opsConfig = parseConfig(opsConfigSchema, process.env);
  const log = createLogger('ingest', config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(IngestModule.forConfig(config), {
    logger: nestLogger(log),
  });
  const db = app.get<Database>(DATABASE);
  const connection = app.get<MqttConnection>(MQTT_CONNECTION);
  const pipeline = app.get(IngestPipeline);
  const checks = [
    { name: 'postgres', check: () => db.ping() },
    {
      name: 'broker',
      check: async () => (connection.isConnected ? undefined : Promise.reject(new Error('not connected'))),
    },
  ];
  const health = startHealthServer(
    config.INGEST_HEALTH_PORT,
    checks,
    () => ({ stats: pipeline.stats }),
    app.get<IngestMetrics>(INGEST_METRICS).registry,
  );
  await startProcessOps(opsConfig, log, {
    service: 'ingest',
    readiness: checks,
    // Nest runs a module's shutdown hooks together, so the consumer's flush would race the pools'
    // closing: stop taking messages and write the batch in hand first (both steps are idempotent).
    drain: async () => {
      health.close();
      await connection.stop(5000);
      const lost = await pipeline.stop();
      if (lost > 0) log.error({ lost }, 'buffered items could not be written before shutdown');
      await app.close();
    },
  });
  log.info(`health on http://127.0.0.1:${config.INGEST_HEALTH_PORT}/health, metrics on /metrics`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
