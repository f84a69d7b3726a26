import type { IncomingMessage, ServerResponse } from 'node:http';
import { Histogram, type Registry } from 'prom-client';

// API latency by method, route and status class, as Express-style middleware. Paths are reduced
// to the routes the API serves, so a scan of random URLs cannot blow up the label set.
export function httpLatencyMiddleware(registry: Registry, knownRoutes: readonly string[]) {
  const latency = new Histogram({
    name: 'convergent_api_request_duration_seconds',
    help: 'HTTP request latency of the API',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    // Read before routing: frameworks rewrite request.url on the way down (Express keeps originalUrl).
    const url = (request as { originalUrl?: string }).originalUrl ?? request.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    response.once('finish', () => {
      latency.observe(
        {
          method: request.method ?? 'GET',
          route: knownRoutes.includes(path) ? path : 'other',
          status: `${Math.floor(response.statusCode / 100)}xx`,
        },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
}
