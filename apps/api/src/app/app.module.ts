import {
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Database } from '@convergent/platform-data-access-db';
import { JobQueues, type RedisClient } from '@convergent/platform-data-access-queue';
import { KpiRangeAnalysisService } from '@convergent/kpi-data-access-kpi';
import { AssetRepository } from '@convergent/assets-data-access-assets';
import {
  GatewayRevocationService,
  ProvisioningClaimRepository,
} from '@convergent/fleet-data-access-gateways';
import { LiveEventSubscriber } from '@convergent/platform-data-access-queue';
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
import { API_CONFIG, graphqlFeatures, type ApiConfig } from './api-config';
import { DATABASE, JOB_QUEUES } from './api.tokens';
import { AuthGuard } from './auth/auth.guard';
import { AuthResolver } from './auth/auth.resolver';
import { CLOCK, REDIS } from './auth/auth.tokens';
import { RefreshCookieService } from './auth/refresh-cookie.service';
import { AssetsResolver } from './assets/assets.resolver';
import { KpiResolver } from './kpi/kpi.resolver';
import { CurrentShiftKpisResolver } from './kpi/current-shift-kpis.resolver';
import { KpiBackfillResolver } from './kpi/kpi-backfill.resolver';
import { PlatformAdminAuthenticator } from './admin/platform-admin-auth';
import { QueueDashboard } from './admin/queue-dashboard';
import { FleetResolver } from './fleet/fleet.resolver';
import { gatewayControlPlane } from './fleet/gateway-control-plane.factory';
import { HealthController } from './health.controller';
import {
  PROVISIONING_HOOK_SECRET,
  ProvisioningHookController,
} from './provisioning-hook/provisioning-hook.controller';
import { formatGraphqlError } from './errors/graphql-error.formatter';
import { adminProviders } from './admin/admin.providers';
import { alarmProviders } from './alarms/alarm.providers';
import { domainProviders } from './domain.providers';
import { queryLimitsPlugin } from './graphql/query-limits';
import { batchLimitMiddleware } from './graphql/batch-limit.middleware';
import { LiveEventHub } from './live/live-event.hub';
import { LiveResolver } from './live/live.resolver';
import { WebSocketGate, isWebSocketContext } from './live/websocket-gate';

class ApiResources implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    await Promise.allSettled([this.db.close(), this.redis.quit()]);
  }
}

@Module({})
export class AppModule implements NestModule {
  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(batchLimitMiddleware(this.config.GRAPHQL_MAX_BATCH)).forRoutes('graphql');
  }

  static forConfig(config: ApiConfig): DynamicModule {
    const logger = new Logger('graphql');
    const features = graphqlFeatures(config);
    const limits = { maxDepth: config.GRAPHQL_MAX_DEPTH, maxCost: config.GRAPHQL_MAX_COST };
    const webSocketGate = new WebSocketGate(limits);
    return {
      module: AppModule,
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: config.GRAPHQL_SCHEMA_FILE ?? true,
          sortSchema: true,
          introspection: features.introspection,
          ...(features.explorer ? { graphiql: true } : { playground: false }),
          allowBatchedHttpRequests: true,
          plugins: [
            queryLimitsPlugin({ maxDepth: config.GRAPHQL_MAX_DEPTH, maxCost: config.GRAPHQL_MAX_COST }),
          ],
          subscriptions: {
            'graphql-ws': {
              onConnect: (ctx) => webSocketGate.onConnect(ctx),
              onSubscribe: (_ctx, _id, payload) => webSocketGate.onSubscribe(payload),
              // Errors of a subscription's resolver carry the same extensions.code as over HTTP.
              onNext: (_ctx, _id, _payload, _args, result) =>
                result.errors && {
                  ...result,
                  errors: result.errors.map((e) => formatGraphqlError(e.toJSON(), e, (x) => logger.error(x))),
                },
            },
          },
          context: (ctx: unknown) =>
            isWebSocketContext(ctx)
              ? { req: webSocketGate.requestFor(ctx) }
              : { req: (ctx as { req: unknown }).req },
          formatError: (formatted, error) => formatGraphqlError(formatted, error, (e) => logger.error(e)),
        }),
      ],
      controllers: [HealthController, ProvisioningHookController],
      providers: [
        { provide: API_CONFIG, useValue: config },
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
        {
          provide: GatewayRevocationService,
          inject: [DATABASE],
          useFactory: (db: Database) => new GatewayRevocationService(db, gatewayControlPlane(config)),
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
        {
          provide: AddressThrottle,
          inject: [REDIS],
          useFactory: (redis: RedisClient) => new AddressThrottle(redis, `${config.RATE_LIMIT_PREFIX}:`),
        },
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
          useFactory: () => new JobQueues(config.REDIS_URL, config.QUEUE_PREFIX),
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
        { provide: PROVISIONING_HOOK_SECRET, useValue: config.PROVISIONING_HOOK_SECRET ?? null },
        ...domainProviders,
        {
          provide: LiveEventSubscriber,
          useFactory: () => new LiveEventSubscriber(config.REDIS_URL, config.QUEUE_PREFIX),
        },
        LiveEventHub,
        {
          provide: WebSocketGate,
          inject: [SignInService, GraphQLSchemaHost],
          useFactory: (signIn: SignInService, schemaHost: GraphQLSchemaHost) => {
            webSocketGate.bind(
              (token) => signIn.principalFor(token),
              () => schemaHost.schema,
            );
            return webSocketGate;
          },
        },
        ApiResources,
        AuthResolver,
        AssetsResolver,
        LiveResolver,
        KpiResolver,
        CurrentShiftKpisResolver,
        KpiBackfillResolver,
        FleetResolver,
        ...adminProviders(config),
        ...alarmProviders({ redisUrl: config.REDIS_URL, queuePrefix: config.QUEUE_PREFIX }),
      ],
    };
  }
}
