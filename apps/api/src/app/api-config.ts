import { z } from 'zod';
import {
  iotProfile,
  logLevel,
  nodeEnv,
  port,
  positiveInt,
  postgresUrl,
  queuePrefix,
  redisUrl,
} from '@convergent/platform-util-config';

// "true"/"false", or unset for the environment's default (see graphqlFeatures).
const flag = z
  .enum(['true', 'false'], { error: 'use true or false' })
  .transform((value) => value === 'true')
  .optional();

export const apiConfigSchema = z.object({
  NODE_ENV: nodeEnv,
  DATABASE_URL: postgresUrl('postgresql://convergent_app@127.0.0.1:5432/convergent'),
  // Live events (GraphQL subscriptions, alarm changes) travel through Redis pub/sub under QUEUE_PREFIX.
  REDIS_URL: redisUrl('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: queuePrefix,
  API_PORT: port(3000),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  AUTH_TOKEN_SECRET: z
    .string({ error: 'required: a random secret of at least 32 characters (npm start generates one)' })
    .min(32, 'must be at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  // Where the schema is printed at start-up; the committed copy is checked in CI.
  GRAPHQL_SCHEMA_FILE: z.string().optional(),
  // Default: on except in production.
  GRAPHQL_INTROSPECTION: flag,
  GRAPHQL_EXPLORER: flag,
  GRAPHQL_MAX_DEPTH: positiveInt(12),
  GRAPHQL_MAX_COST: positiveInt(10_000),
  GRAPHQL_MAX_BATCH: positiveInt(10),
  LOG_LEVEL: logLevel,
  // The built portal (dist/apps/portal) to serve at /, in production; unset in development,
  // where Vite serves it.
  PORTAL_DIR: z.string().min(1).optional(),
  // Rate limits (sign-in per address, requests per API key) are kept in REDIS_URL too, shared by
  // every replica.
  // Namespace of those keys, so several installations (or test runs) can share one Redis.
  RATE_LIMIT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]{1,64}$/, 'use 1-64 of A-Z a-z 0-9 _ - :')
    .default('convergent:rate'),
  API_KEY_REQUESTS_PER_MINUTE: positiveInt(600),
  // Shared with AWS IoT's pre-provisioning hook (infra/aws HookSecret); unset turns the hook off.
  PROVISIONING_HOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Where gateways are revoked: local (the project's Mosquitto and CA, in IOT_STATE_DIR) or aws
  // (AWS IoT Core through @aws-sdk/client-iot, credentials from the usual AWS environment).
  IOT_PROFILE: iotProfile,
  IOT_STATE_DIR: z.string().min(1).default('.state'),
  AWS_REGION: z.string().min(1).optional(),
  IOT_GATEWAY_POLICY_NAME: z.string().min(1).max(128).default('convergent-gateway'),
  IOT_THING_GROUP_PREFIX: z.string().max(64).default('site-'),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
export const API_CONFIG = Symbol('API_CONFIG');

export function graphqlFeatures(config: ApiConfig): { introspection: boolean; explorer: boolean } {
  const development = config.NODE_ENV !== 'production';
  return {
    introspection: config.GRAPHQL_INTROSPECTION ?? development,
    explorer: config.GRAPHQL_EXPLORER ?? development,
  };
}
