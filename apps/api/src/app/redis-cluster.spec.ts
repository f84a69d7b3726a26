import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, type MachineStateChanged } from '@convergent/shared-util-contracts';
import { JobQueues, LiveEventPublisher, QueueConnection } from '@convergent/platform-data-access-queue';
import {
  createTenantFixture,
  createTestDatabase,
  startRedisCluster,
  type RedisCluster,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { addMember, startApi, type RunningApi } from './testing/running-api';

// Everything the platform keeps in Redis, against a 3-master Redis Cluster of the test's own
// (REDIS_URL=redis+cluster://...): a queue job from producer to worker, a live event reaching
// subscribers on two API replicas, and the sign-in throttle holding across both replicas.
describe('on a Redis Cluster', () => {
  let cluster: RedisCluster;
  let testDb: TestDatabase;
  let tenant: TenantFixture;
  let first: RunningApi;
  let second: RunningApi;
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const clients: Client[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    testDb = await createTestDatabase();
    tenant = await createTenantFixture(testDb.ownerUrl);
    await addMember(testDb.ownerUrl, tenant.tenantId, 'ann@a.example', 'operator');
    // One rate-limit namespace for both, as replicas of one installation share it.
    const settings = {
      REDIS_URL: cluster.url,
      QUEUE_PREFIX: prefix,
      RATE_LIMIT_PREFIX: `test-${randomUUID()}`,
    };
    first = await startApi(testDb.appUrl, settings);
    second = await startApi(testDb.appUrl, settings);
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) void client.dispose();
    await Promise.all([first?.app.close(), second?.app.close()]);
    await testDb?.drop();
    await cluster?.destroy();
  });

  it('runs a queue job from producer to worker, its keys under a hash-tagged prefix', async () => {
    const queues = new JobQueues(cluster.url, prefix);
    const workers = new QueueConnection(cluster.url, prefix);
    const payload = {
      tenantId: tenant.tenantId,
      machineId: tenant.machineId,
      hourStart: '2026-11-25T10:00:00.000Z',
    };
    let worker: Worker | undefined;
    try {
      const processed = new Promise<unknown>((resolve) => {
        worker = new Worker(QUEUES.kpi, (job) => Promise.resolve(resolve(job.data)), {
          connection: workers.connection,
          prefix: workers.prefix,
        });
      });
      await queues.add('kpi.machine-hour', payload, { jobId: `cluster-${randomUUID()}` });
      expect(await processed).toMatchObject(payload);
      expect(await keysOnCluster(`{${prefix}}:kpi:*`)).toContain(`{${prefix}}:kpi:meta`);
    } finally {
      await worker?.close();
      await queues.close();
      await workers.close();
    }
  });

  it('delivers a live event to a subscriber on each API replica', async () => {
    const received = await Promise.all(
      [first, second].map(async (api) => {
        const client = createClient({
          url: api.url.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          connectionParams: { accessToken: await api.login('ann@a.example') },
          retryAttempts: 0,
        });
        clients.push(client);
        const events: string[] = [];
        client.subscribe<{ machineStateChanged: { machineId: string } }>(
          { query: 'subscription { machineStateChanged { machineId } }' },
          {
            next: (result) => result.data && events.push(result.data.machineStateChanged.machineId),
            error: () => undefined,
            complete: () => undefined,
          },
        );
        return events;
      }),
    );
    const publisher = new LiveEventPublisher(cluster.url, prefix);
    const event: MachineStateChanged = {
      type: 'machine.state',
      tenantId: tenant.tenantId,
      siteId: tenant.siteId,
      machineId: tenant.machineId,
      state: 'down',
      at: new Date().toISOString(),
    };
    try {
      // Subscriptions start asynchronously: publish until both replicas have passed one on.
      const deadline = Date.now() + 15_000;
      while (received.some((events) => events.length === 0) && Date.now() < deadline) {
        await publisher.publish([event]);
        await new Promise((wake) => setTimeout(wake, 100));
      }
    } finally {
      await publisher.close();
    }
    expect(received.map((events) => events[0])).toEqual([tenant.machineId, tenant.machineId]);
  });

  it('throttles failed sign-ins from one address across both replicas', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 21; i++) {
      const api = i % 2 === 0 ? first : second;
      const result = await api.gql(
        `mutation ($e: String!) { login(email: $e, password: "guess", clientType: API) { accessToken } }`,
        { e: `sprayed-${i}@a.example` },
      );
      codes.push(result.errors?.[0]?.extensions.code ?? 'OK');
    }
    expect(codes).toEqual([...Array<string>(20).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    // The counter lives in the cluster: one sorted set on whichever node owns its slot.
    expect(await keysOnCluster('test-*signin-address:*')).toHaveLength(1);
  });

  // What every node holds, asked of each directly.
  async function keysOnCluster(pattern: string): Promise<string[]> {
    const perNode = await Promise.all(
      cluster.ports.map(async (port) => {
        const node = new Redis(port, '127.0.0.1');
        try {
          return await node.keys(pattern);
        } finally {
          node.disconnect();
        }
      }),
    );
    return perNode.flat();
  }
});
