import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger, LoggerModule } from 'nestjs-pino';
import { parseConfig } from '@convergent/platform-util-config';
import type { Database } from '@convergent/platform-data-access-db';
import {
  assignRequestId,
  createLogger,
  httpLatencyMiddleware,
  httpTracingMiddleware,
  opsConfigSchema,
  startProcessOps,
} from '@convergent/platform-util-observability';
import { apiConfigSchema, type ApiConfig } from './app/api-config';
import { AppModule } from './app/app.module';
import { DATABASE } from './app/api.tokens';

// The API with one JSON log line per request (pino-http), each line of a request carrying its id.
@Module({})
class ObservedApiModule {
  static forConfig(config: ApiConfig): DynamicModule {
    return {
      module: ObservedApiModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger: createLogger('api', config.LOG_LEVEL),
            genReqId: assignRequestId,
            // Probes and scrapes would drown the lines that matter.
            autoLogging: { ignore: (request) => request.url === '/health' },
          },
        }),
        AppModule.forConfig(config),
      ],
    };
  }
}

async function main(): Promise<void> {
  const config = parseConfig(apiConfigSchema, process.env);
  const opsConfig = parseConfig(opsConfigSchema, process.env);
  const app = await NestFactory.create<NestExpressApplication>(ObservedApiModule.forConfig(config), {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const db = app.get<Database>(DATABASE);
  const { registry } = await startProcessOps(opsConfig, createLogger('api', config.LOG_LEVEL), {
    service: 'api',
    readiness: [{ name: 'postgres', check: () => db.ping() }],
    // Nest would close the pools (shutdown hooks) before the HTTP server: stop accepting and let the
    // requests in flight finish first, then close the rest.
    drain: async () => {
      await new Promise((done) => app.getHttpServer().close(done));
      await app.close();
    },
  });
  app.use(httpLatencyMiddleware(registry, ['/graphql', '/health']));
  app.use(httpTracingMiddleware());
  if (config.PORTAL_DIR) servePortal(app, resolve(config.PORTAL_DIR));
  await app.listen(config.API_PORT, config.API_HOST);
  logger.log(`GraphQL on http://${config.API_HOST}:${config.API_PORT}/graphql`, 'api');
}

// The portal is static files with hash routes, so no fallback route is needed; hashed assets
// never change and may be cached for good, index.html must be asked for again.
function servePortal(app: NestExpressApplication, dir: string): void {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`PORTAL_DIR: no index.html in ${dir} (build it with: npx nx run portal:build)`);
  }
  app.useStaticAssets(dir, {
    index: 'index.html',
    setHeaders: (res: ServerResponse, path: string) => {
      res.setHeader(
        'cache-control',
        path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
