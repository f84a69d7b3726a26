import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from '@nestjs/common';
import { parseConfig } from '@convergent/platform-util-config';
import { apiConfigSchema } from './app/api-config';
import { AppModule } from './app/app.module';

async function main(): Promise<void> {
  const config = parseConfig(apiConfigSchema, process.env);
  const app = await NestFactory.create(AppModule.forConfig(config), { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  await app.listen(config.API_PORT, config.API_HOST);
  new Logger('api').log(`GraphQL on http://${config.API_HOST}:${config.API_PORT}/graphql`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
