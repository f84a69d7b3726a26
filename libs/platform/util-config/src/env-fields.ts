import { z } from 'zod';
import { parseRedisUrl, RedisUrlError } from './redis-url';

// Reusable fields for app config schemas, with the defaults of the local profile.

export const postgresUrl = (fallback: string) =>
  z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'expected a postgresql:// URL, e.g. postgresql://user@host:5432/db',
    })
    .default(fallback);

// One server (redis://) or a Redis Cluster (redis+cluster://host1:6379,host2:6379); see
// parseRedisUrl. The value stays a string: the Redis clients read it with parseRedisUrl.
export const redisUrl = (fallback: string) =>
  z
    .string()
    .superRefine((value, context) => {
      try {
        parseRedisUrl(value);
      } catch (error) {
        if (!(error instanceof RedisUrlError)) throw error;
        context.addIssue({ code: 'custom', message: error.message });
      }
    })
    .default(fallback);

export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const iotProfile = z.enum(['local', 'aws']).default('local');

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info');

export const nodeEnv = z.enum(['development', 'test', 'production']).default('development');

export const filePath = (fallback: string) => z.string().min(1).default(fallback);

// Namespace of the BullMQ keys, so several installations (or test runs) can share one Redis.
export const queuePrefix = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 of A-Z a-z 0-9 _ -')
  .default('convergent');
