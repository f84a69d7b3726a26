import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from '@nestjs/common';
import { parseConfig } from '@convergent/platform-util-config';
import { apiConfigSchema } from './app/api-config';
import { AppModule } from './app/app.module';

async function main(): Promise<void> {
  const config = parseConfig(apiConfigSchema, process.env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    logger: ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  if (config.PORTAL_DIR) servePortal(app, resolve(config.PORTAL_DIR));
  await app.listen(config.API_PORT, config.API_HOST);
  new Logger('api').log(`GraphQL on http://${config.API_HOST}:${config.API_PORT}/graphql`);
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
