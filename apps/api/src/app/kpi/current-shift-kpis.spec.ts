import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { KpiUpdated } from '@convergent/shared-util-contracts';
import { Database } from '@convergent/platform-data-access-db';
import { LiveEventPublisher } from '@convergent/platform-data-access-queue';
import { MachineBucketKpiService } from '@convergent/kpi-data-access-kpi';
import {
  createTenantFixture,
  createTestDatabase,
  MachineEventWriter,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { addMember, startApi, type RunningApi } from '../testing/running-api';
import { SHIFT_KPI_WINDOW_MS } from './current-shift-kpis.resolver';

const REDIS_URL = 'redis://127.0.0.1:6379';
const DAY = 86_400_000;
const SUBSCRIPTION = `subscription ($id: ID!) {
  currentShiftKpisChanged(assetId: $id) { assetId machineIds buckets { bucketStart producedQuantity final } }
}`;

interface Update {
  at: number;
  assetId: string;
  machineIds: string[];
  buckets: Array<{ bucketStart: string; producedQuantity: number; final: boolean }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('currentShiftKpisChanged: live shift-so-far KPIs of an asset', () => {
  let testDb: TestDatabase;
  let f: TenantFixture;
  let owner: PgClient;
  let db: Database;
  let api: RunningApi;
  let publisher: LiveEventPublisher;
  let writer: MachineEventWriter;
  const otherLine = randomUUID();
  const otherMachine = randomUUID();
  const otherSite = randomUUID();
  const clients: Client[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTenantFixture(testDb.ownerUrl, { idealCycleTimeMs: 1000 });
    owner = new PgClient({ connectionString: testDb.ownerUrl });
    await owner.connect();
    // A second line of the same site, whose machine is not below the fixture's line.
    await owner.query(
      `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id) VALUES
         ($1, $3, $4, 'line', 'Line 2', ARRAY[$4, $1]::uuid[], 1, $4),
         ($2, $3, $1, 'machine', 'Press 2', ARRAY[$4, $1, $2]::uuid[], 2, $4)`,
      [otherLine, otherMachine, f.tenantId, f.siteId],
    );
    await owner.query(
      `INSERT INTO assets (id, tenant_id, kind, name, ancestors, depth, site_id, time_zone)
       VALUES ($1, $2, 'site', 'Other plant', ARRAY[$1]::uuid[], 0, $1, 'Asia/Tokyo')`,
      [otherSite, f.tenantId],
    );
    await addMember(testDb.ownerUrl, f.tenantId, 'ann@a.example', 'viewer');
    await addMember(testDb.ownerUrl, f.tenantId, 'rita@a.example', 'viewer', [otherSite]);
    // The fixture's site has one 24-hour shift in UTC: the machine ran for the shift so far
    // and produced 100 parts.
    const now = Date.now();
    const shiftStart = Math.floor(now / DAY) * DAY;
    writer = new MachineEventWriter(owner, f);
    await writer.states(
      new Date(Math.max(shiftStart, now - 2 * 3_600_000)),
      new Date(now),
      'running',
      60_000,
    );
    await writer.count(new Date(Math.max(shiftStart, now - 1000)), 'produced', 100);
    db = new Database({ url: testDb.appUrl, poolSize: 1 });
    await new MachineBucketKpiService(db).live(f.tenantId, f.machineId);
    const prefix = `t${randomUUID().slice(0, 8)}`;
    api = await startApi(testDb.appUrl, { REDIS_URL, QUEUE_PREFIX: prefix });
    publisher = new LiveEventPublisher(REDIS_URL, prefix);
  });

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await publisher?.close();
    await api?.app.close();
    await db?.close();
    await owner?.end();
    await testDb?.drop();
  });

  function connect(token: string): Client {
    const client = createClient({
      url: api.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { accessToken: token },
      retryAttempts: 0,
    });
    clients.push(client);
    return client;
  }

  function updated(machineId: string): KpiUpdated {
    const now = new Date();
    return {
      type: 'kpi.updated',
      tenantId: f.tenantId,
      siteId: f.siteId,
      machineId,
      granularity: 'shift',
      bucketStart: new Date(Math.floor(now.getTime() / DAY) * DAY).toISOString(),
      at: now.toISOString(),
    };
  }

  it('pushes the re-read shift so far of a line when its machines are recomputed, a burst as one update', async () => {
    const client = connect(await api.login('ann@a.example'));
    const updates: Update[] = [];
    client.subscribe<{ currentShiftKpisChanged: Omit<Update, 'at'> }>(
      { query: SUBSCRIPTION, variables: { id: f.lineId } },
      {
        next: ({ data }) => data && updates.push({ at: Date.now(), ...data.currentShiftKpisChanged }),
        error: (error) =>
          updates.push({ at: Date.now(), assetId: JSON.stringify(error), machineIds: [], buckets: [] }),
        complete: () => undefined,
      },
    );
    // The subscription starts asynchronously: announce the machine until it answers.
    const deadline = Date.now() + 15_000;
    while (updates.length === 0 && Date.now() < deadline) {
      await publisher.publish([updated(f.machineId)]);
      await sleep(200);
    }
    expect(updates[0]).toMatchObject({
      assetId: f.lineId,
      machineIds: [f.machineId],
      buckets: [{ producedQuantity: 100, final: false }],
    });
    const query = await api.gql<{ currentShiftKpis: Update['buckets'] }>(
      `query ($id: ID!) { currentShiftKpis(assetId: $id) { bucketStart producedQuantity final } }`,
      { id: f.lineId },
      await api.login('ann@a.example'),
    );
    expect(updates[0]?.buckets).toEqual(query.data?.currentShiftKpis);

    // Let the announcements of the warm-up drain, then: a burst from the other line only, a
    // burst of both lines' machines, and, a second later, the machine again after 500 more parts.
    await sleep(SHIFT_KPI_WINDOW_MS + 1000);
    const before = updates.length;
    await publisher.publish(Array.from({ length: 20 }, () => updated(otherMachine)));
    await sleep(1000);
    expect(updates.length).toBe(before);
    await publisher.publish(
      Array.from({ length: 40 }, (_, i) => updated(i % 2 ? otherMachine : f.machineId)),
    );
    await sleep(1000);
    await writer.count(new Date(), 'produced', 500);
    await new MachineBucketKpiService(db).live(f.tenantId, f.machineId);
    await publisher.publish(Array.from({ length: 20 }, () => updated(f.machineId)));
    await sleep(SHIFT_KPI_WINDOW_MS + 1500);

    const burst = updates.slice(before);
    expect(burst.map(({ machineIds, buckets }) => ({ machineIds, buckets }))).toEqual([
      { machineIds: [f.machineId], buckets: [expect.objectContaining({ producedQuantity: 100 })] },
      { machineIds: [f.machineId], buckets: [expect.objectContaining({ producedQuantity: 600 })] },
    ]);
    expect((burst[1]?.at ?? 0) - (burst[0]?.at ?? 0)).toBeGreaterThanOrEqual(SHIFT_KPI_WINDOW_MS - 100);
  });

  it('refuses an asset the user may not see, saying so', async () => {
    const client = connect(await api.login('rita@a.example'));
    const refusal = await new Promise<ReadonlyArray<{ message: string; extensions?: unknown }>>((resolve) => {
      client.subscribe(
        { query: SUBSCRIPTION, variables: { id: f.lineId } },
        {
          next: (result) => resolve(result.errors ?? []),
          error: () => resolve([]),
          complete: () => resolve([]),
        },
      );
    });
    expect(refusal.map(({ message, extensions }) => ({ message, extensions }))).toEqual([
      { message: `no asset with id "${f.lineId}"`, extensions: { code: 'NOT_FOUND', httpStatus: 404 } },
    ]);
  });
});
