import { Registry, Counter } from 'prom-client';
import { startOpsServer, type OpsServer } from './ops-server';

describe('ops server', () => {
  let server: OpsServer;
  let databaseUp = true;
  const registry = new Registry();
  new Counter({ name: 'convergent_test_total', help: 'a test counter', registers: [registry] }).inc(3);

  beforeAll(async () => {
    server = await startOpsServer({
      host: '127.0.0.1',
      port: 0,
      registry,
      checkTimeoutMs: 200,
      readiness: [
        {
          name: 'postgres',
          check: async () => (databaseUp ? undefined : Promise.reject(new Error('refused'))),
        },
        { name: 'redis', check: async () => undefined },
      ],
    });
  });
  afterAll(() => server.close());

  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`);
    return { status: response.status, text: await response.text() };
  };

  it('is ready when every dependency answers, and names the one that does not', async () => {
    expect(await get('/readyz')).toEqual({
      status: 200,
      text: JSON.stringify({ status: 'ok', checks: { postgres: 'up', redis: 'up' } }),
    });
    databaseUp = false;
    const degraded = await get('/readyz');
    databaseUp = true;
    expect(degraded.status).toBe(503);
    expect(JSON.parse(degraded.text)).toEqual({
      status: 'degraded',
      checks: { postgres: 'down: refused', redis: 'up' },
    });
  });

  it('stays alive while a dependency is down: a restart would not bring the database back', async () => {
    databaseUp = false;
    expect((await get('/livez')).status).toBe(200);
    databaseUp = true;
  });

  it('counts a hanging check as down instead of hanging the probe', async () => {
    const hanging = await startOpsServer({
      host: '127.0.0.1',
      port: 0,
      registry,
      checkTimeoutMs: 100,
      readiness: [{ name: 'broker', check: () => new Promise(() => undefined) }],
    });
    try {
      const response = await fetch(`http://127.0.0.1:${hanging.port}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        status: 'degraded',
        checks: { broker: 'down: no answer within 100 ms' },
      });
    } finally {
      await hanging.close();
    }
  });

  it('serves the registry in the Prometheus text format', async () => {
    const { status, text } = await get('/metrics');
    expect(status).toBe(200);
    expect(text).toContain('convergent_test_total 3');
  });

  it('answers an unknown path with 404 and the paths it serves', async () => {
    expect(await get('/health')).toEqual({
      status: 404,
      text: JSON.stringify({ error: 'not found: use /livez, /readyz or /metrics' }),
    });
  });

  it('reports draining as not ready while staying alive', async () => {
    server.markDraining();
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({ status: 'draining' });
    expect((await get('/livez')).status).toBe(200);
  });
});
