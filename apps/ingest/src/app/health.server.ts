import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthCheck {
  name: string;
  check: () => Promise<unknown>;
}

// A plain /health endpoint (JSON) for a process that serves no other HTTP: 200 when every
// dependency answers, 503 with the failing ones named; and /metrics for Prometheus.
export function startHealthServer(
  port: number,
  checks: HealthCheck[],
  details: () => object,
  metrics?: Registry,
): Server {
  const server = createServer((request, response) => {
    if (request.url === '/metrics' && metrics !== undefined) {
      void metrics.metrics().then(
        (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
      return;
    }
    if (request.url !== '/health') {
      response.writeHead(404).end();
      return;
    }
    void Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          return [name, 'up'] as const;
        } catch (error) {
          return [name, `down: ${(error as Error).message}`] as const;
        }
      }),
    ).then((results) => {
      const healthy = results.every(([, status]) => status === 'up');
      response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          status: healthy ? 'ok' : 'degraded',
          checks: Object.fromEntries(results),
          ...details(),
        }),
      );
    });
  });
  server.listen(port, '127.0.0.1');
  return server;
}
