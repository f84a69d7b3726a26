import { z } from 'zod';
import {
  logLevel,
  nodeEnv,
  port,
  postgresUrl,
  queuePrefix,
  redisUrl,
} from '@convergent/platform-util-config';

export const apiConfigSchema = z.object({
  NODE_ENV: nodeEnv,
  DATABASE_URL: postgresUrl('postgresql://convergent_app@127.0.0.1:5432/convergent'),
  API_PORT: port(3000),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  AUTH_TOKEN_SECRET: z
    .string({ error: 'required: a random secret of at least 32 characters (npm start generates one)' })
    .min(32, 'must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  // Where the schema is printed at start-up; the committed copy is checked in CI.
  GRAPHQL_SCHEMA_FILE: z.string().optional(),
  LOG_LEVEL: logLevel,
  // Job queues: the API enqueues backfills and shows every queue to platform admins.
  REDIS_URL: redisUrl('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: queuePrefix,
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
export const API_CONFIG = Symbol('API_CONFIG');
