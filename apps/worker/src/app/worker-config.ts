import { z } from 'zod';
import { logLevel, positiveInt, postgresUrl, queuePrefix, redisUrl } from '@convergent/platform-util-config';

export const workerConfigSchema = z.object({
  DATABASE_URL: postgresUrl('postgresql://convergent_app@127.0.0.1:5432/convergent'),
  REDIS_URL: redisUrl('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: queuePrefix,
  KPI_SWEEP_EVERY_MS: positiveInt(15_000),
  // How long a backfill stays with a worker that stopped renewing its lock (crashed).
  JOB_LOCK_MS: positiveInt(30_000),
  LOG_LEVEL: logLevel,
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
