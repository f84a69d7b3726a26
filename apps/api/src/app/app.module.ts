import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Database } from '@convergent/platform-data-access-db';
import { JobQueues, redisConnection } from '@convergent/platform-data-access-queue';
import { KpiRangeAnalysisService } from '@convergent/kpi-data-access-kpi';
import { AssetRepository } from '@convergent/assets-data-access-assets';
import { ProvisioningClaimRepository } from '@convergent/fleet-data-access-gateways';
import {
  AccessTokenService,
  AddressThrottle,
  AuthRepository,
  PasswordChangeService,
  RefreshTokenRepository,
  SessionService,
  SignInService,
  systemClock,
  type Clock,
} from '@convergent/tenancy-data-access-auth';
import type { ApiConfig } from './api-config';
import { DATABASE, JOB_QUEUES } from './api.tokens';
import { AuthGuard } from './auth/auth.guard';
import { AuthResolver } from './auth/auth.resolver';
import { CLOCK } from './auth/auth.tokens';
import { RefreshCookieService } from './auth/refresh-cookie.service';
import { AssetsResolver } from './assets/assets.resolver';
import { KpiResolver } from './kpi/kpi.resolver';
import { KpiBackfillResolver } from './kpi/kpi-backfill.resolver';
import { PlatformAdminAuthenticator } from './admin/platform-admin-auth';
import { QueueDashboard } from './admin/queue-dashboard';
import { FleetResolver } from './fleet/fleet.resolver';
import { HealthController } from './health.controller';
import { formatGraphqlError } from './errors/graphql-error.formatter';

class ApiResources implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    await this.db.close();
  }
}

@Module({})
export class AppModule {
  static forConfig(config: ApiConfig): DynamicModule {
    const logger = new Logger('graphql');
    return {
      module: AppModule,
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: config.GRAPHQL_SCHEMA_FILE ?? true,
          sortSchema: true,
          introspection: config.NODE_ENV !== 'production',
          playground: false,
          context: ({ req }: { req: unknown }) => ({ req }),
          formatError: (formatted, error) => formatGraphqlError(formatted, error, (e) => logger.error(e)),
        }),
      ],
      controllers: [HealthController],
      providers: [
        {
          provide: DATABASE,
          useFactory: () => new Database({ url: config.DATABASE_URL, applicationName: 'convergent-api' }),
        },
        {
          provide: AssetRepository,
          inject: [DATABASE],
          useFactory: (db: Database) => new AssetRepository(db),
        },
        {
          provide: ProvisioningClaimRepository,
          inject: [DATABASE],
          useFactory: (db: Database) => new ProvisioningClaimRepository(db),
        },
        { provide: CLOCK, useValue: systemClock },
        { provide: AuthRepository, inject: [DATABASE], useFactory: (db: Database) => new AuthRepository(db) },
        {
          provide: RefreshTokenRepository,
          inject: [DATABASE],
          useFactory: (db: Database) => new RefreshTokenRepository(db),
        },
        {
          provide: AccessTokenService,
          inject: [CLOCK],
          useFactory: (clock: Clock) =>
            new AccessTokenService(config.AUTH_TOKEN_SECRET, config.ACCESS_TOKEN_TTL_SECONDS, clock),
        },
        // One per process: the per-address window lives in memory (see AddressThrottle).
        { provide: AddressThrottle, useFactory: () => new AddressThrottle() },
        {
          provide: SessionService,
          inject: [AuthRepository, RefreshTokenRepository, AccessTokenService, CLOCK],
          useFactory: (
            accounts: AuthRepository,
            refreshTokens: RefreshTokenRepository,
            accessTokens: AccessTokenService,
            clock: Clock,
          ) => new SessionService(accounts, refreshTokens, accessTokens, clock),
        },
        {
          provide: SignInService,
          inject: [AuthRepository, AccessTokenService, SessionService, AddressThrottle, CLOCK],
          useFactory: (
            accounts: AuthRepository,
            accessTokens: AccessTokenService,
            sessions: SessionService,
            throttle: AddressThrottle,
            clock: Clock,
          ) => new SignInService(accounts, accessTokens, sessions, throttle, clock),
        },
        {
          provide: PasswordChangeService,
          inject: [AuthRepository, RefreshTokenRepository, CLOCK],
          useFactory: (accounts: AuthRepository, refreshTokens: RefreshTokenRepository, clock: Clock) =>
            new PasswordChangeService(accounts, refreshTokens, clock),
        },
        {
          provide: RefreshCookieService,
          useFactory: () => new RefreshCookieService({ secure: config.NODE_ENV === 'production' }),
        },
        {
          provide: JOB_QUEUES,
          useFactory: () => new JobQueues(redisConnection(config.REDIS_URL), config.QUEUE_PREFIX),
        },
        {
          provide: KpiRangeAnalysisService,
          inject: [DATABASE],
          useFactory: (db: Database) => new KpiRangeAnalysisService(db),
        },
        {
          provide: PlatformAdminAuthenticator,
          inject: [AuthRepository, SignInService, AddressThrottle, CLOCK],
          useFactory: (
            accounts: AuthRepository,
            signIn: SignInService,
            throttle: AddressThrottle,
            clock: Clock,
          ) => new PlatformAdminAuthenticator(accounts, signIn, throttle, clock),
        },
        {
          provide: QueueDashboard,
          inject: [HttpAdapterHost, JOB_QUEUES, PlatformAdminAuthenticator],
          useFactory: (http: HttpAdapterHost, queues: JobQueues, auth: PlatformAdminAuthenticator) =>
            new QueueDashboard(http, queues, auth),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        ApiResources,
        AuthResolver,
        AssetsResolver,
        KpiResolver,
        KpiBackfillResolver,
        FleetResolver,
      ],
    };
  }
}
