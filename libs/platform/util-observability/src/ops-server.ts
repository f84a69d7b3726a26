import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

export interface OpsServerOptions {
  host: string;
  port: number;
  registry: Registry;
  readiness: ReadinessCheck[];
  // A readiness check that hangs counts as down after this long.
  checkTimeoutMs?: number;
}

export interface OpsServer {
  readonly port: number;
  // From now on readiness answers 503 (draining): the orchestrator stops sending new work while
  // in-flight work finishes. Liveness stays 200, so the process is not killed for it.
  markDraining(): void;
  close(): Promise<void>;
}

// /livez: the process runs and its event loop answers (restart me if not).
// /readyz: every dependency answers and the process is not draining (send me work).
// /metrics: the Prometheus text format of the registry.
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  let draining = false;
  const timeoutMs = options.checkTimeoutMs ?? 2000;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const json = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (path === '/livez') {
      json(200, { status: 'ok' });
    } else if (path === '/readyz') {
      void readiness(options.readiness, timeoutMs).then((checks) => {
        const ready = !draining && Object.values(checks).every((status) => status === 'up');
        json(ready ? 200 : 503, { status: draining ? 'draining' : ready ? 'ok' : 'degraded', checks });
      });
    } else if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
        (error: unknown) => json(500, { error: error instanceof Error ? error.message : String(error) }),
      );
    } else {
      json(404, { error: 'not found: use /livez, /readyz or /metrics' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    markDraining: () => {
      draining = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readiness(checks: ReadinessCheck[], timeoutMs: number): Promise<Record<string, string>> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, 'up'] as const;
      } catch (error) {
        return [name, `down: ${error instanceof Error ? error.message : String(error)}`] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(results);
}
