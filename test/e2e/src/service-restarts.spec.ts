import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { issueLocalGatewayIdentity, MqttConnection } from '@convergent/platform-data-access-iot';
import {
  createTenantFixture,
  type ManagedProcess,
  type TenantFixture,
} from '@convergent/platform-data-access-testing';
import { hashPassword } from '@convergent/tenancy-data-access-auth';
import { eventually, PlatformHarness, publishUntilDelivered, storedPoints } from './platform-harness';

const POINTS_PER_MESSAGE = 20;
const PASSWORD = 'restart-password';
const HOUR = 3_600_000;
// A killed ingest is back after the supervisor's 1 s pause and a fresh start (TypeScript
// compiled on the fly): up to a minute on a loaded 2-core machine. The gateway waits it out.
const DELIVERY_PATIENCE_MS = 90_000;

// A service that dies is started again (after 1 s, as `npm start` does) while a gateway keeps
// publishing: ingest, worker and api are each killed (SIGKILL) in turn. Every published point
// is stored exactly once, KPI work queued while the worker was gone is done once it is back, and
// a live subscription set up as the portal's (graphql-ws retrying without end) comes back by
// itself after the API's restart and delivers events again.
describe('killing each service while the platform runs', () => {
  const platform = new PlatformHarness();
  let fixture: TenantFixture;
  let owner: PgClient;
  let gateway: MqttConnection;
  let live: WsClient | undefined;

  beforeAll(async () => {
    await platform.start({ restart: true });
    fixture = await createTenantFixture(platform.db.ownerUrl);
    owner = new PgClient({ connectionString: platform.db.ownerUrl });
    await owner.connect();
    const user = await owner.query<{ id: string }>(
      `INSERT INTO users (id, email, display_name, password_hash)
       VALUES (gen_random_uuid(), 'olga@restart.example', 'Olga', $1) RETURNING id`,
      [await hashPassword(PASSWORD)],
    );
    await owner.query(
      `INSERT INTO memberships (id, tenant_id, user_id, role, all_sites)
       VALUES (gen_random_uuid(), $1, $2, 'operator', true)`,
      [fixture.tenantId, user.rows[0]?.id],
    );
    const identity = await issueLocalGatewayIdentity(platform.stateDir, fixture.thingName);
    gateway = new MqttConnection({
      host: platform.broker.host,
      port: platform.broker.port,
      clientId: fixture.thingName,
      tls: { certPath: identity.certPath, keyPath: identity.keyPath, caPath: identity.caPath },
    });
    await gateway.start();
  });

  afterAll(async () => {
    await live?.dispose();
    await gateway?.stop();
    await owner?.end();
    await platform.stop();
  });

  // The supervisor has started the killed process again and it answers its health check.
  async function killAndAwaitRestart(service: ManagedProcess, healthUrl?: string): Promise<Date> {
    const killedAt = new Date();
    const restarts = service.restarts;
    service.child.kill('SIGKILL');
    await eventually(
      `${service.name} to be started again`,
      async () => (service.restarts > restarts ? true : undefined),
      30_000,
    );
    if (healthUrl) await platform.supervisor.waitForHttp(service, healthUrl, 90_000);
    return killedAt;
  }

  let stateSeq = 1_000_000;
  // A state change of the fixture's machine at `at`: alternating, so ingest passes each one on live.
  async function publishState(at: number): Promise<void> {
    stateSeq += 1;
    await publishUntilDelivered(
      gateway,
      `cvg/${fixture.thingName}/state`,
      JSON.stringify({
        v: 1,
        seq: stateSeq,
        machine: fixture.machineKey,
        events: [{ ts: at, state: stateSeq % 2 === 0 ? 'running' : 'down' }],
      }),
      DELIVERY_PATIENCE_MS,
    );
  }

  it('stores every point once, finishes queued KPI work and brings a live subscription back by itself', async () => {
    const login = await platform.graphql<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: 'olga@restart.example', p: PASSWORD },
    );
    const token = login.data?.login.accessToken;
    if (!token) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);

    // As apps/portal/src/app/api/client.ts sets graphql-ws up: retry for as long as the page is open.
    let reconnections = 0;
    const liveStates: string[] = [];
    live = createClient({
      url: `${platform.apiUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { accessToken: token },
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 1000)),
      on: { connected: (_socket, _payload, wasRetry) => void (wasRetry && (reconnections += 1)) },
    });
    live.subscribe<{ machineStateChanged: { at: string } }>(
      { query: 'subscription { machineStateChanged { at } }' },
      {
        next: (result) => result.data && liveStates.push(result.data.machineStateChanged.at),
        error: (error) => liveStates.push(`error: ${String(error)}`),
        complete: () => liveStates.push('complete'),
      },
    );

    // The gateway publishes telemetry without pause until the end, each message until delivered.
    let publishing = true;
    let telemetrySeq = 0;
    let expectedSum = 0;
    const telemetry = (async () => {
      while (publishing) {
        telemetrySeq += 1;
        const points = Array.from({ length: POINTS_PER_MESSAGE }, (_, idx) => ({
          ts: Date.now() - 60_000,
          metric: 'spindle.temp',
          value: telemetrySeq * 100 + idx,
        }));
        expectedSum += points.reduce((sum, point) => sum + point.value, 0);
        await publishUntilDelivered(
          gateway,
          `cvg/${fixture.thingName}/telemetry`,
          JSON.stringify({ v: 1, seq: telemetrySeq, machine: fixture.machineKey, points }),
          DELIVERY_PATIENCE_MS,
        );
        await new Promise((wake) => setTimeout(wake, 20));
      }
    })();

    try {
      await new Promise((wake) => setTimeout(wake, 1_000));
      await killAndAwaitRestart(platform.ingest, platform.ingestHealthUrl);

      // A past hour's state, sent while the worker is down: ingest queues its KPI job.
      const hourStart = new Date(Math.floor((Date.now() - 2 * HOUR) / HOUR) * HOUR);
      const workerKilledAt = await killAndAwaitRestart(platform.worker);
      await publishState(hourStart.getTime() + 60_000);
      const computedAt = await eventually(
        'the KPI of the hour published while the worker was down',
        async () => {
          const { rows } = await owner.query<{ computed_at: Date }>(
            `SELECT computed_at FROM kpi_results
             WHERE asset_id = $1 AND granularity = 'hour' AND bucket_start = $2`,
            [fixture.machineId, hourStart],
          );
          return rows[0]?.computed_at;
        },
        120_000,
      );
      expect(computedAt.getTime()).toBeGreaterThan(workerKilledAt.getTime());

      const apiBackAt = await killAndAwaitRestart(platform.api, `${platform.apiUrl}/health`);
      await eventually(
        'a live state change after the API restart',
        async () => {
          await publishState(Date.now());
          return liveStates.some((at) => !at.startsWith('error') && Date.parse(at) > apiBackAt.getTime())
            ? true
            : undefined;
        },
        60_000,
      );
      expect(reconnections).toBeGreaterThanOrEqual(1);
      expect(liveStates.filter((entry) => entry === 'complete' || entry.startsWith('error'))).toEqual([]);
    } finally {
      publishing = false;
      await telemetry;
    }
    expect([platform.ingest.restarts, platform.worker.restarts, platform.api.restarts]).toEqual([1, 1, 1]);

    const expectedCount = telemetrySeq * POINTS_PER_MESSAGE;
    expect(await storedPoints(platform.db.ownerUrl, fixture.gatewayId, expectedCount)).toEqual({
      count: expectedCount,
      distinct: expectedCount,
      sum: expectedSum,
    });
  });
});
