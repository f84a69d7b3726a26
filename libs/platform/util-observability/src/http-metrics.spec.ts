import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { httpLatencyMiddleware } from './http-metrics';

describe('API latency middleware', () => {
  it('records latency by method, known route and status class, and folds unknown paths into one label', async () => {
    const registry = new Registry();
    const middleware = httpLatencyMiddleware(registry, ['/graphql']);
    const server = createServer((request, response) =>
      middleware(request, response, () => {
        const known = request.url?.startsWith('/graphql') ?? false;
        // As a router does on the way down: the label must still be the path the client asked for.
        request.url = '/';
        response.writeHead(known ? 200 : 404).end();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/graphql`, { method: 'POST' });
      await fetch(`${base}/graphql?x=1`, { method: 'POST' });
      for (const path of ['/wp-admin', '/.env', '/a/b/c']) await fetch(base + path);
      const text = await registry.metrics();
      expect(text).toContain(
        'convergent_api_request_duration_seconds_count{method="POST",route="/graphql",status="2xx"} 2',
      );
      expect(text).toContain(
        'convergent_api_request_duration_seconds_count{method="GET",route="other",status="4xx"} 3',
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
