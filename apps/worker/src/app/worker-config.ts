import { z } from 'zod';
import { logLevel, positiveInt, postgresUrl, queuePrefix, redisUrl } from '@convergent/platform-util-config';

export const workerConfigSchema = z.object({
  DATABASE_URL: postgresUrl('postgresql://convergent_app@127.0.0.1:5432/convergent'),
  REDIS_URL: redisUrl('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: queuePrefix,
  KPI_SWEEP_EVERY_MS: positiveInt(15_000),
  // Time-based alarm conditions advance on this tick: the finest duration a rule can rely on.
  ALARM_TICK_EVERY_MS: positiveInt(15_000),
  // How far behind the clock ticks run, so samples still on their way are not dropped as late.
  ALARM_TICK_GRACE_MS: positiveInt(30_000),
  MAINTENANCE_SCAN_EVERY_MS: positiveInt(600_000),
  SMTP_URL: z.string().url().default('smtp://127.0.0.1:25'),
  SMTP_FROM: z.string().min(3).default('Convergent alarms <alarms@convergent.local>'),
  NOTIFY_ATTEMPTS: positiveInt(8),
  NOTIFY_BACKOFF_MS: positiveInt(2_000),
  // How long a backfill stays with a worker that stopped renewing its lock (crashed).
  JOB_LOCK_MS: positiveInt(30_000),
  LOG_LEVEL: logLevel,
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
