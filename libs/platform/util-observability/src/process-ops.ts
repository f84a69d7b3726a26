import { collectDefaultMetrics, register, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { OpsConfig } from './ops-config';
import { startOpsServer, type OpsServer, type ReadinessCheck } from './ops-server';
import { ConsoleSpanExporter } from '@opentelemetry/sdk-trace-node';
import { registerTracing } from './tracing';

export interface ProcessOpsOptions {
  // The service's name on its metrics' process and its spans.
  service: string;
  readiness: ReadinessCheck[];
  // Stops taking new work, lets the work in hand finish, then releases connections, in that
  // order: the caller knows its own resources.
  drain: () => Promise<void>;
}

// What every service's main.ts does the same way: process metrics on the shared registry (other
// modules register theirs there too), the ops endpoint when OPS_PORT is set, and a drain on
// SIGTERM or SIGINT: readiness turns to draining at once, the caller's drain runs, and the process
// exits 0 when it is done, or 1 when it takes longer than SHUTDOWN_GRACE_MS.
export async function startProcessOps(
  config: OpsConfig,
  log: Logger,
  options: ProcessOpsOptions,
): Promise<{ registry: Registry; server: OpsServer | undefined }> {
  collectDefaultMetrics({ register, prefix: 'convergent_' });
  const tracing =
    config.OTEL_TRACES_EXPORTER === 'console'
      ? registerTracing(`convergent-${options.service}`, [new ConsoleSpanExporter()])
      : undefined;
  const server =
    config.OPS_PORT === undefined
      ? undefined
      : await startOpsServer({
          host: config.OPS_HOST,
          port: config.OPS_PORT,
          registry: register,
          readiness: options.readiness,
        });
  if (server) log.info({ port: server.port }, 'ops endpoint: /livez /readyz /metrics');
  let draining = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    log.info({ signal }, 'draining: finishing in-flight work before exit');
    server?.markDraining();
    setTimeout(() => {
      log.error({ graceMs: config.SHUTDOWN_GRACE_MS }, 'drain did not finish in time: exiting');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS).unref();
    options.drain().then(
      async () => {
        log.info('drained: exiting');
        await tracing?.shutdown();
        await server?.close();
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'drain failed: exiting');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return { registry: register, server };
}
