import { Client } from 'pg';
import { seedDemoTenant, type DemoSeed } from '@convergent/database';
import { createTenantFixture } from '@convergent/platform-data-access-testing';
import { issueLocalGatewayIdentity, MqttConnection } from '@convergent/platform-data-access-iot';
import { LiveEventSubscriber } from '@convergent/platform-data-access-queue';
import type { LiveEvent } from '@convergent/shared-util-contracts';
import { eventually, PlatformHarness } from './platform-harness';

interface KpiRow {
  bucketStart: string;
  producedQuantity: number;
  scrapQuantity: number;
  runTimeMs: number;
  plannedBusyTimeMs: number;
  availability: number | null;
  oee: number | null;
}

const KPIS = `query ($id: ID!, $from: DateTime!, $to: DateTime!) {
  machineKpis(machineId: $id, from: $from, to: $to) {
    bucketStart producedQuantity scrapQuantity runTimeMs plannedBusyTimeMs availability oee
  }
}`;

// The whole chain on real services: the edge agent (AWS IoT Device SDK v2, MQTT 5, mutual TLS)
// publishes a machine's states and counts; ingest validates and batches them into PostgreSQL;
// the worker's BullMQ job computes the hour's OEE; the GraphQL API returns it to a signed-in
// user of the machine's tenant, and to nobody else.
describe('walking skeleton: gateway → broker → ingest → worker → API', () => {
  const platform = new PlatformHarness();
  let seed: DemoSeed;
  let owner: Client;

  beforeAll(async () => {
    await platform.start();
    seed = await seedDemoTenant(platform.db.ownerUrl);
    owner = new Client({ connectionString: platform.db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await platform.stop();
  });

  async function login(email: string, password: string): Promise<string> {
    const result = await platform.graphql<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: email, p: password },
    );
    if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.accessToken;
  }

  it("delivers a simulated machine's OEE for the hour to its tenant, consistent with the raw events", async () => {
    const gateway = seed.gateways[0];
    const mapping = gateway?.machines[0];
    if (!gateway || !mapping) throw new Error('the demo seed has no gateway with machines');
    // The demo's calendars leave the machine unplanned at night, at weekends and on holidays (its
    // Ohio line stops on Thanksgiving), when it has no OEE to show: its line gets a calendar of
    // its own, around the clock (the deepest calendar wins), so the chain is tested at any hour.
    await owner.query(
      `WITH line AS (SELECT parent_id AS id, tenant_id FROM assets WHERE id = $1),
       cal AS (INSERT INTO shift_calendars (id, tenant_id, asset_id, name, valid_from)
               SELECT gen_random_uuid(), tenant_id, id, 'Around the clock', '2000-01-01' FROM line RETURNING id, tenant_id)
       INSERT INTO shift_definitions (id, tenant_id, calendar_id, name, start_time, end_time, days_of_week, crews)
       SELECT gen_random_uuid(), tenant_id, id, 'All day', '00:00', '00:00', '{1,2,3,4,5,6,7}', '{}' FROM cal`,
      [mapping.machineId],
    );
    const started = new Date();
    await platform.startAgent(gateway.thingName, [mapping.sourceKey]);
    const operator = seed.users.find((u) => u.role === 'operator' && u.sites === 'all');
    if (!operator) throw new Error('the demo seed has no all-sites operator');
    const token = await login(operator.email, operator.password);
    const range = {
      id: mapping.machineId,
      from: new Date(started.getTime() - 3_600_000).toISOString(),
      to: new Date(started.getTime() + 7_200_000).toISOString(),
    };

    // Produced parts show up in the API once the chain has carried them all the way.
    await eventually(
      'KPIs with produced parts',
      async () => {
        const result = await platform.graphql<{ machineKpis: KpiRow[] }>(KPIS, range, token);
        return result.data?.machineKpis.some((k) => k.producedQuantity > 0) ? true : undefined;
      },
      90_000,
    );
    await platform.stopAgents();

    // Once the agent is quiet, the API's figures equal the raw events in the database.
    const stored = await owner.query<{ produced: string; scrap: string; states: string }>(
      `SELECT
         (SELECT COALESCE(sum(increment), 0) FROM production_count_events WHERE machine_id = $1 AND counter = 'produced') AS produced,
         (SELECT COALESCE(sum(increment), 0) FROM production_count_events WHERE machine_id = $1 AND counter = 'scrap') AS scrap,
         (SELECT count(*) FROM machine_state_events WHERE machine_id = $1) AS states`,
      [mapping.machineId],
    );
    const expected = stored.rows[0];
    expect(Number(expected?.states)).toBeGreaterThan(0);
    const final = await eventually(
      'KPIs that include every stored count',
      async () => {
        const rows =
          (await platform.graphql<{ machineKpis: KpiRow[] }>(KPIS, range, token)).data?.machineKpis ?? [];
        const produced = rows.reduce((n, r) => n + r.producedQuantity, 0);
        return produced === Number(expected?.produced) ? rows : undefined;
      },
      60_000,
    );
    expect(final.reduce((n, r) => n + r.scrapQuantity, 0)).toBe(Number(expected?.scrap));
    for (const bucket of final) {
      expect(bucket.runTimeMs).toBeGreaterThanOrEqual(0);
      expect(bucket.runTimeMs).toBeLessThanOrEqual(bucket.plannedBusyTimeMs);
      if (bucket.plannedBusyTimeMs > 0)
        expect(bucket.availability).toBeCloseTo(bucket.runTimeMs / bucket.plannedBusyTimeMs, 10);
    }
    expect(final.some((bucket) => typeof bucket.oee === 'number' && bucket.oee > 0)).toBe(true);

    // A user of another tenant is told the machine does not exist.
    const stranger = await createTenantFixture(platform.db.ownerUrl);
    await owner.query(
      `WITH u AS (INSERT INTO users (id, email, display_name, password_hash) SELECT gen_random_uuid(), 'stranger@other.example', 'Stranger', password_hash FROM users WHERE email = $1 RETURNING id)
       INSERT INTO memberships (id, tenant_id, user_id, role) SELECT gen_random_uuid(), $2, id, 'admin' FROM u`,
      [operator.email, stranger.tenantId],
    );
    const foreign = await platform.graphql(
      KPIS,
      range,
      await login('stranger@other.example', operator.password),
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('dead-letters malformed, oversized, wrong-version and wrong-type messages with their reason, keeps the valid ones around them, and keeps running', async () => {
    const gateway = seed.gateways[1];
    const mapping = gateway?.machines[0];
    if (!gateway || !mapping) throw new Error('the demo seed has no second gateway');
    const identity = await issueLocalGatewayIdentity(platform.stateDir, gateway.thingName);
    const connection = new MqttConnection({
      host: platform.broker.host,
      port: platform.broker.port,
      clientId: gateway.thingName,
      tls: { certPath: identity.certPath, keyPath: identity.keyPath, caPath: identity.caPath },
    });
    await connection.start();
    const live: LiveEvent[] = [];
    const subscriber = new LiveEventSubscriber(
      process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      platform.queuePrefix,
    );
    subscriber.listen((event) => live.push(event));
    await subscriber.start();
    const topic = (channel: string) => `cvg/${gateway.thingName}/${channel}`;
    const ts = Date.now() - 1000;
    const valid = (seq: number) =>
      JSON.stringify({ v: 1, seq, machine: mapping.sourceKey, events: [{ ts, state: 'setup' }] });
    const bad: Array<[channel: string, payload: string, reason: RegExp]> = [
      ['state', '{"v":1,"seq":', /^payload is not UTF-8 JSON/],
      [
        'telemetry',
        JSON.stringify({
          v: 1,
          seq: 3,
          machine: mapping.sourceKey,
          points: [{ ts, metric: 'm', value: 1 }],
          padding: 'x'.repeat(132_000),
        }),
        /^payload too large: \d+ bytes, the limit is 131072$/,
      ],
      [
        'state',
        JSON.stringify({ v: 2, seq: 4, machine: mapping.sourceKey, events: [{ ts, state: 'down' }] }),
        /^schema violation: v: unsupported protocol version: expected 1/,
      ],
      [
        'telemetry',
        JSON.stringify({
          v: 1,
          seq: '5',
          machine: mapping.sourceKey,
          points: [{ ts, metric: 'm', value: 'hot' }],
        }),
        /^schema violation: seq: Invalid input: expected number, received string; points\[0\]\.value: Invalid input: expected number, received string/,
      ],
      [
        'state',
        JSON.stringify({ v: 1, seq: 6, machine: 'no-such-machine', events: [{ ts, state: 'down' }] }),
        new RegExp(`^machine key "no-such-machine" is not mapped to gateway "${gateway.thingName}"$`),
      ],
    ];
    try {
      await connection.publish(topic('state'), valid(1), 1);
      for (const [channel, payload] of bad) await connection.publish(topic(channel), payload, 1);
      await connection.publish(topic('state'), valid(7), 1);
    } finally {
      await connection.stop();
    }
    const letters = await eventually(
      'a dead letter for each bad message',
      async () => {
        const rows = await owner.query<{ reason: string; topic: string; size: number }>(
          `SELECT reason, topic, length(payload) AS size FROM dead_letters WHERE thing_name = $1 ORDER BY received_at, id`,
          [gateway.thingName],
        );
        return rows.rowCount === bad.length ? rows.rows : undefined;
      },
      30_000,
    );
    for (const [channel, , reason] of bad) {
      const reasons = letters.filter((l) => l.topic === topic(channel)).map((l) => l.reason);
      expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(reason)]));
    }
    // The stored payload is truncated to 4 KB.
    expect(Math.max(...letters.map((l) => l.size))).toBe(4096);
    // Dead letters can be counted per gateway.
    const perGateway = await owner.query<{ thing_name: string; count: string }>(
      `SELECT thing_name, count(*) FROM dead_letters GROUP BY thing_name`,
    );
    expect(perGateway.rows).toContainEqual({ thing_name: gateway.thingName, count: String(bad.length) });

    const stored = await owner.query<{ seq: string }>(
      `SELECT seq FROM machine_state_events WHERE machine_id = $1 AND seq IN (1, 7) ORDER BY seq`,
      [mapping.machineId],
    );
    expect(stored.rows.map((r) => Number(r.seq))).toEqual([1, 7]);
    // The machine's state went out live to the API replicas, with its site, once committed.
    await eventually(
      'the live machine state',
      async () =>
        live.some(
          (e) =>
            e.type === 'machine.state' &&
            e.machineId === mapping.machineId &&
            e.state === 'setup' &&
            e.siteId === gateway.siteId,
        )
          ? true
          : undefined,
      10_000,
    );
    await subscriber.close();
    const health = await fetch(platform.ingestHealthUrl);
    expect(health.status).toBe(200);
    // Prometheus sees them by kind of reason.
    const metrics = await (await fetch(platform.ingestHealthUrl.replace('/health', '/metrics'))).text();
    for (const kind of ['not-json', 'too-large', 'wrong-version', 'schema', 'unmapped-machine'])
      expect(metrics).toContain(`ingest_dead_letters_total{reason="${kind}"} 1`);
    expect(platform.ingest.restarts).toBe(0);
    expect(platform.ingest.child.exitCode).toBeNull();
  });
});
