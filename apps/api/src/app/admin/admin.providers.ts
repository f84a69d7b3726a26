import type { Provider } from '@nestjs/common';
import type { Database } from '@convergent/platform-data-access-db';
import { createRedisClient, type RedisClient } from '@convergent/platform-data-access-queue';
import {
  ApiKeyRepository,
  ApiKeyService,
  AuditLogRepository,
  AuthRepository,
  InvitationService,
  MemberRepository,
  SlidingWindowLimiter,
  type Clock,
} from '@convergent/tenancy-data-access-auth';
import type { ApiConfig } from '../api-config';
import { DATABASE } from '../api.tokens';
import { API_KEY_RATE_LIMITER, CLOCK, REDIS } from '../auth/auth.tokens';
import { AuditLogResolver } from '../audit/audit-log.resolver';
import { ApiKeysResolver } from './api-keys.resolver';
import { MembersResolver } from './members.resolver';

// Administration and its security plumbing: API keys (and their per-key rate limit in Redis),
// members and invitations, the audit log.
export function adminProviders(config: ApiConfig): Provider[] {
  return [
    {
      provide: REDIS,
      // A Redis outage fails rate-limited requests quickly instead of queueing them.
      useFactory: () => createRedisClient(config.REDIS_URL, { maxRetriesPerRequest: 1 }),
    },
    {
      provide: API_KEY_RATE_LIMITER,
      inject: [REDIS],
      useFactory: (redis: RedisClient) =>
        new SlidingWindowLimiter(redis, `${config.RATE_LIMIT_PREFIX}:api-key:`, {
          max: config.API_KEY_REQUESTS_PER_MINUTE,
          windowMs: 60_000,
        }),
    },
    { provide: ApiKeyRepository, inject: [DATABASE], useFactory: (db: Database) => new ApiKeyRepository(db) },
    {
      provide: ApiKeyService,
      inject: [ApiKeyRepository, CLOCK],
      useFactory: (keys: ApiKeyRepository, clock: Clock) => new ApiKeyService(keys, clock),
    },
    { provide: MemberRepository, inject: [DATABASE], useFactory: (db: Database) => new MemberRepository(db) },
    {
      provide: InvitationService,
      inject: [DATABASE, AuthRepository, CLOCK],
      useFactory: (db: Database, accounts: AuthRepository, clock: Clock) =>
        new InvitationService(db, accounts, clock),
    },
    {
      provide: AuditLogRepository,
      inject: [DATABASE],
      useFactory: (db: Database) => new AuditLogRepository(db),
    },
    ApiKeysResolver,
    MembersResolver,
    AuditLogResolver,
  ];
}
