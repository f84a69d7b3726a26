import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { MachineStateChanged } from '@convergent/shared-util-contracts';
import { LiveEventPublisher } from '@convergent/platform-data-access-queue';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { AccessTokenService } from '@convergent/tenancy-data-access-auth';
import { addMember, startApi, TEST_TOKEN_SECRET, type RunningApi } from '../testing/running-api';

const REDIS_URL = 'redis://127.0.0.1:6379';
const STATES = `subscription { machineStateChanged { machineId siteId state at } }`;

interface Received {
  machineId: string;
  siteId: string;
}

function wsUrl(api: RunningApi): string {
  return api.url.replace(/^http/, 'ws');
}

function connect(api: RunningApi, connectionParams: Record<string, unknown>): Client {
  return createClient({
    url: wsUrl(api),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

// Collects what a subscription delivers until the client is disposed.
function collect(client: Client, query: string, field: string): Received[] {
  const received: Received[] = [];
  client.subscribe<Record<string, Received>>(
    { query },
    {
      next: (result) => result.data && received.push(result.data[field] as Received),
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return received;
}

function closeOf(client: Client): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    client.on('closed', (event) => {
      const { code, reason } = event as { code: number; reason: string };
      resolve({ code, reason: String(reason) });
    });
    client.subscribe(
      { query: STATES },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
  });
}

describe('GraphQL subscriptions across API replicas', () => {
  let testDb: TestDatabase;
  let a: TenantFixture;
  let b: TenantFixture;
  let first: RunningApi;
  let second: RunningApi;
  let publisher: LiveEventPublisher;
  const otherSite = randomUUID();
  const clients: Client[] = [];
  let annId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = await createTenantFixture(testDb.ownerUrl);
    b = await createTenantFixture(testDb.ownerUrl);
    const owner = new PgClient({ connectionString: testDb.ownerUrl });
    await owner.connect();
    await owner.query(
      `INSERT INTO assets (id, tenant_id, kind, name, ancestors, depth, site_id, time_zone)
       VALUES ($1, $2, 'site', 'Other plant', ARRAY[$1]::uuid[], 0, $1, 'Asia/Tokyo')`,
      [otherSite, a.tenantId],
    );
    await owner.end();
    annId = await addMember(testDb.ownerUrl, a.tenantId, 'ann@a.example', 'operator');
    await addMember(testDb.ownerUrl, a.tenantId, 'rita@a.example', 'viewer', [otherSite]);
    await addMember(testDb.ownerUrl, b.tenantId, 'bob@b.example', 'admin');
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const settings = { REDIS_URL, QUEUE_PREFIX: prefix };
    first = await startApi(testDb.appUrl, settings);
    second = await startApi(testDb.appUrl, settings);
    publisher = new LiveEventPublisher(REDIS_URL, prefix);
  });

  afterAll(async () => {
    for (const client of clients) void client.dispose();
    await publisher.close();
    await Promise.all([first.app.close(), second.app.close()]);
    await testDb.drop();
  });

  function stateEvent(tenantId: string, siteId: string, machineId: string): MachineStateChanged {
    return {
      type: 'machine.state',
      tenantId,
      siteId,
      machineId,
      state: 'down',
      at: new Date().toISOString(),
    };
  }

  it('delivers an event to a client on each replica, and nothing across tenants or outside a user’s sites', async () => {
    const subscriber = async (
      api: RunningApi,
      email: string,
      query = STATES,
      field = 'machineStateChanged',
    ) => {
      const client = connect(api, { accessToken: await api.login(email) });
      clients.push(client);
      return collect(client, query, field);
    };
    const annOnFirst = await subscriber(first, 'ann@a.example');
    const annOnSecond = await subscriber(second, 'ann@a.example');
    const rita = await subscriber(second, 'rita@a.example');
    const bob = await subscriber(first, 'bob@b.example');
    const annGateways = await subscriber(
      first,
      'ann@a.example',
      `subscription { gatewayPresenceChanged { gatewayId siteId online at } }`,
      'gatewayPresenceChanged',
    );
    const plantMachine = stateEvent(a.tenantId, a.siteId, a.machineId);
    const ritasMachine = stateEvent(a.tenantId, otherSite, randomUUID());
    const bobsMachine = stateEvent(b.tenantId, b.siteId, b.machineId);
    // Subscriptions start asynchronously: publish rounds until each subscriber has had its own
    // event. Within a round, events of one tenant arrive in order, so Rita's event arriving
    // means the plant's event of the same round reached her subscription first, and was dropped.
    const deadline = Date.now() + 15_000;
    while (
      !(annOnFirst.length && annOnSecond.length && rita.length && bob.length && annGateways.length) &&
      Date.now() < deadline
    ) {
      await publisher.publish([
        plantMachine,
        ritasMachine,
        bobsMachine,
        {
          type: 'gateway.presence',
          tenantId: a.tenantId,
          siteId: a.siteId,
          gatewayId: a.gatewayId,
          online: false,
          at: new Date().toISOString(),
        },
      ]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const machines = (events: Received[]) => new Set(events.map((e) => e.machineId));
    expect(machines(annOnFirst)).toEqual(new Set([a.machineId, ritasMachine.machineId]));
    expect(machines(annOnSecond)).toEqual(new Set([a.machineId, ritasMachine.machineId]));
    expect(machines(rita)).toEqual(new Set([ritasMachine.machineId]));
    expect(machines(bob)).toEqual(new Set([b.machineId]));
    expect(annGateways[0]).toMatchObject({ gatewayId: a.gatewayId, online: false });
  });

  it('narrows to one site on request, never beyond the sites a user may see', async () => {
    const client = connect(first, { accessToken: await first.login('rita@a.example') });
    clients.push(client);
    const forbidden = collect(
      client,
      `subscription { machineStateChanged(siteId: "${a.siteId}") { machineId siteId } }`,
      'machineStateChanged',
    );
    const own = collect(
      client,
      `subscription { machineStateChanged(siteId: "${otherSite}") { machineId siteId } }`,
      'machineStateChanged',
    );
    const deadline = Date.now() + 15_000;
    while (own.length === 0 && Date.now() < deadline) {
      await publisher.publish([
        stateEvent(a.tenantId, a.siteId, a.machineId),
        stateEvent(a.tenantId, otherSite, a.lineId),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(own[0]).toEqual({ machineId: a.lineId, siteId: otherSite });
    expect(forbidden).toEqual([]);
  });

  it('refuses a connection without a valid access token, saying why', async () => {
    expect(await closeOf(connect(first, {}))).toEqual({
      code: 4401,
      reason: 'Unauthorized: send connectionParams { accessToken }',
    });
    const forged = await closeOf(connect(second, { accessToken: 'eyJhbGciOiJIUzI1NiJ9.e30.forged' }));
    expect(forged.code).toBe(4401);
    expect(forged.reason).toMatch(/^Unauthorized: /);
  });

  it('closes a connection when the token it was opened with expires, with a code clients retry on', async () => {
    const shortLived = await new AccessTokenService(TEST_TOKEN_SECRET, 2).issue({
      userId: annId,
      tenantId: a.tenantId,
    });
    const started = Date.now();
    expect(await closeOf(connect(first, { accessToken: shortLived.token }))).toEqual({
      code: 4403,
      reason: 'Forbidden: the access token has expired: reconnect with a fresh one',
    });
    expect(Date.now()).toBeGreaterThanOrEqual(shortLived.expiresAt.getTime() - 1000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('holds operations sent over the WebSocket to the same depth limit as over HTTP', async () => {
    const client = connect(second, { accessToken: await second.login('ann@a.example') });
    clients.push(client);
    const nested = 'ancestors { '.repeat(10) + 'id' + ' }'.repeat(10);
    const refusal = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `{ assets { edges { node { ${nested} } } } }` },
        { next: () => undefined, error: resolve, complete: () => resolve('completed') },
      );
    });
    expect(refusal).toEqual([
      {
        message: 'the query nests 14 levels deep; the limit is 12: split it into several queries',
        extensions: { code: 'QUERY_TOO_DEEP', depth: 14, maxDepth: 12 },
      },
    ]);
  });
});
