import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import WebSocket from 'ws';
import { createClient, type Client as GraphqlWsClient } from 'graphql-ws';
import {
  findFreePort,
  issueLocalGatewayIdentity,
  MqttConnection,
  startBroker,
  type BrokerHandle,
} from '@convergent/platform-data-access-iot';
import {
  createTenantFixture,
  createTestDatabase,
  ProcessSupervisor,
  type ManagedProcess,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { AccessTokenService } from '@convergent/tenancy-data-access-auth';
import { eventually } from './platform-harness';

const root = resolve(__dirname, '../../..');
const runTs = ['-r', join(root, 'tools/register-ts.cjs')];
const AUTH_TOKEN_SECRET = randomUUID() + randomUUID();
// Machines of the fixture's gateway that only the live-event test sends states for.
const LIVE_MACHINES = 6;

interface IngestHealth {
  stats: { accepted: number; persisted: number; duplicates: number };
}

// Replicas share the work on one machine: two ingest processes on one shared subscription, two API
// replicas whose GraphQL subscriptions see what came in through either ingest replica, and two
// workers of which one is killed in the middle of a job.
describe('scale-out: replicas share the work and lose nothing', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'convergent-scale-'));
  const supervisor = new ProcessSupervisor(root, join(stateDir, 'logs'));
  const prefix = `scale-${randomUUID().slice(0, 8)}`;
  let db: TestDatabase;
  let broker: BrokerHandle;
  let fixture: TenantFixture;
  let owner: Client;
  const healthUrls: string[] = [];
  const ingestReplicas = new Map<number, ManagedProcess>();
  const apiUrls: string[] = [];
  const liveMachines = Array.from({ length: LIVE_MACHINES }, (_, i) => ({
    id: randomUUID(),
    key: `live-${i}`,
  }));

  // A replica keeps its client id across restarts, so the broker keeps its session meanwhile.
  function startIngest(replica: number, healthPort: number, run = 1): ManagedProcess {
    const process = supervisor.start(`ingest-${replica}-run-${run}`, [...runTs, 'apps/ingest/src/main.ts'], {
      DATABASE_URL: db.appUrl,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      // The local provisioning responder is one per broker; these replicas only ingest.
      IOT_PROFILE: 'aws',
      MQTT_HOST: broker.host,
      MQTT_PORT: String(broker.port),
      MQTT_CLIENT_ID: `convergent-ingest-${prefix}-${replica}`,
      MQTT_CERT_PATH: broker.pki.backendCertPath,
      MQTT_KEY_PATH: broker.pki.backendKeyPath,
      MQTT_CA_PATH: broker.pki.caCertPath,
      INGEST_HEALTH_PORT: String(healthPort),
      INGEST_BATCH_MAX_DELAY_MS: '100',
    });
    ingestReplicas.set(replica, process);
    return process;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    broker = await startBroker(stateDir, { port: 0 });
    fixture = await createTenantFixture(db.ownerUrl);
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    for (const { id, key } of liveMachines) {
      await owner.query(
        `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id)
         VALUES ($1, $2, $3, 'machine', $4, ARRAY[$5, $3, $1]::uuid[], 2, $5)`,
        [id, fixture.tenantId, fixture.lineId, key, fixture.siteId],
      );
      await owner.query(
        `INSERT INTO gateway_machines (tenant_id, gateway_id, machine_id, source_key) VALUES ($1, $2, $3, $4)`,
        [fixture.tenantId, fixture.gatewayId, id, key],
      );
    }
    const apis: Promise<void>[] = [];
    for (const replica of [1, 2]) {
      const port = await findFreePort();
      apiUrls.push(`http://127.0.0.1:${port}`);
      const api = supervisor.start(`api-${replica}`, [...runTs, 'apps/api/src/main.ts'], {
        DATABASE_URL: db.appUrl,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'warn',
        API_PORT: String(port),
        IOT_STATE_DIR: stateDir,
        AUTH_TOKEN_SECRET,
      });
      apis.push(supervisor.waitForHttp(api, `http://127.0.0.1:${port}/health`, 120_000));
    }
    for (const replica of [1, 2]) {
      const port = await findFreePort();
      healthUrls.push(`http://127.0.0.1:${port}/health`);
      await supervisor.waitForHttp(startIngest(replica, port), healthUrls[replica - 1] ?? '', 90_000);
    }
    await Promise.all(apis);
  }, 240_000);

  async function connectGateway(): Promise<MqttConnection> {
    const identity = await issueLocalGatewayIdentity(stateDir, fixture.thingName);
    const gateway = new MqttConnection({
      host: broker.host,
      port: broker.port,
      clientId: fixture.thingName,
      tls: { certPath: identity.certPath, keyPath: identity.keyPath, caPath: identity.caPath },
    });
    await gateway.start();
    return gateway;
  }

  // Telemetry messages seq from..to of 10 points each, QoS 1, as the gateway of the fixture.
  async function publishStream(
    metric: string,
    seqs: number[],
    onEach: (seq: number) => void = () => undefined,
  ) {
    const gateway = await connectGateway();
    const start = Date.now() - 60_000;
    try {
      for (const seq of seqs) {
        const points = Array.from({ length: 10 }, (_, i) => ({
          ts: start + seq * 100 + i,
          metric,
          value: seq + i / 10,
        }));
        await gateway.publish(
          `cvg/${fixture.thingName}/telemetry`,
          JSON.stringify({ v: 1, seq, machine: fixture.machineKey, points }),
          1,
        );
        onEach(seq);
      }
    } finally {
      await gateway.stop();
    }
  }

  const rowsOf = async (metric: string) =>
    (
      await owner.query<{ n: string; distinct_seq: string }>(
        `SELECT count(*) AS n, count(DISTINCT seq) AS distinct_seq FROM telemetry_points WHERE machine_id = $1 AND metric = $2`,
        [fixture.machineId, metric],
      )
    ).rows[0];

  afterAll(async () => {
    await owner?.end();
    await supervisor.stopAll();
    await broker?.stop();
    await db?.drop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('persists a known stream exactly once, redeliveries included, with both ingest replicas taking part', async () => {
    const seqs = Array.from({ length: 100 }, (_, i) => i + 1);
    // A gateway that lost its PUBACKs sends seq 1-20 again: the same seq, the same points.
    await publishStream('spindle.temp', [...seqs, ...seqs.slice(0, 20)]);

    const stats = await eventually(
      'both replicas to have persisted the stream',
      async () => {
        const all = await Promise.all(
          healthUrls.map(async (url) => (await (await fetch(url)).json()) as IngestHealth),
        );
        const accepted = all.reduce((sum, h) => sum + h.stats.accepted, 0);
        return accepted === 120 && all.every((h) => h.stats.persisted + h.stats.duplicates > 0)
          ? all
          : undefined;
      },
      60_000,
    );
    expect(await rowsOf('spindle.temp')).toEqual({ n: '1000', distinct_seq: '100' });
    // The broker split the messages between the replicas.
    for (const replica of stats) expect(replica.stats.accepted).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('loses nothing when an ingest replica is stopped mid-stream and started again', async () => {
    const replica = 1;
    let restarted: Promise<void> | undefined;
    await publishStream(
      'drain.test',
      Array.from({ length: 200 }, (_, i) => 1001 + i),
      (seq) => {
        if (seq !== 1050) return;
        // SIGTERM as Kubernetes sends it: the replica writes its batch and disconnects; the broker
        // keeps its session (and what arrives for it) until it is back.
        const running = ingestReplicas.get(replica);
        restarted = (running ? supervisor.stop(running) : Promise.resolve()).then(async () => {
          const port = Number(new URL(healthUrls[replica - 1] ?? '').port);
          await supervisor.waitForHttp(startIngest(replica, port, 2), healthUrls[replica - 1] ?? '', 90_000);
        });
      },
    );
    await restarted;
    await eventually(
      'every message of the stream persisted',
      async () => ((await rowsOf('drain.test'))?.n === '2000' ? true : undefined),
      60_000,
    ).catch(() => undefined);
    const rows = await rowsOf('drain.test');
    expect(rows).toEqual({ n: '2000', distinct_seq: '200' });
  }, 180_000);

  it('delivers to a subscription on API replica 1 the machine states that came in through ingest replica 2', async () => {
    const { rows } = await owner.query<{ id: string }>(
      `WITH u AS (INSERT INTO users (id, email, display_name, password_hash)
         VALUES (gen_random_uuid(), 'live@scale.example', 'Live', 'unused') RETURNING id)
       INSERT INTO memberships (id, tenant_id, user_id, role, all_sites)
         SELECT gen_random_uuid(), $1, id, 'viewer', true FROM u RETURNING user_id AS id`,
      [fixture.tenantId],
    );
    const { token } = await new AccessTokenService(AUTH_TOKEN_SECRET).issue({
      userId: rows[0]?.id ?? '',
      tenantId: fixture.tenantId,
    });
    const accepted = async (url: string) =>
      ((await (await fetch(url)).json()) as IngestHealth).stats.accepted;
    const acceptedBefore = await Promise.all(healthUrls.map(accepted));
    const received = new Map<string, Set<string>>(apiUrls.map((url) => [url, new Set()]));
    const clients: GraphqlWsClient[] = [];
    try {
      for (const url of apiUrls) {
        const client = createClient({
          url: `${url.replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { accessToken: token },
          retryAttempts: 0,
        });
        clients.push(client);
        // Subscribed once the first event (the fixture machine, sent until it shows) arrives.
        client.subscribe<{ machineStateChanged: { machineId: string } }>(
          { query: `subscription { machineStateChanged { machineId } }` },
          {
            next: ({ data }) => data && received.get(url)?.add(data.machineStateChanged.machineId),
            error: () => undefined,
            complete: () => undefined,
          },
        );
      }
      const gateway = await connectGateway();
      const states = `cvg/${fixture.thingName}/state`;
      let seq = 5000;
      try {
        const sendState = (machine: string, state: string) =>
          gateway.publish(
            states,
            JSON.stringify({ v: 1, seq: (seq += 1), machine, events: [{ ts: Date.now(), state }] }),
            1,
          );
        let toggle = false;
        await eventually(
          'both API replicas to deliver machine states',
          async () => {
            await sendState(fixture.machineKey, (toggle = !toggle) ? 'down' : 'running');
            return [...received.values()].every((ids) => ids.has(fixture.machineId)) ? true : undefined;
          },
          60_000,
        );
        // A machine's first state is news to whichever replica takes it: one event per machine.
        for (const { key } of liveMachines) await sendState(key, 'running');
      } finally {
        await gateway.stop();
      }
      const expected = new Set([fixture.machineId, ...liveMachines.map((m) => m.id)]);
      await eventually(
        'every machine state on both API replicas',
        async () => ([...received.values()].every((ids) => ids.size === expected.size) ? true : undefined),
        30_000,
      );
      expect(received).toEqual(new Map(apiUrls.map((url) => [url, expected])));
      // Ingest replica 2 took some of the messages, so some events on API replica 1 came through it.
      const acceptedAfter = await Promise.all(healthUrls.map(accepted));
      expect((acceptedAfter[1] ?? 0) - (acceptedBefore[1] ?? 0)).toBeGreaterThanOrEqual(2);
    } finally {
      for (const client of clients) await client.dispose();
    }
  }, 120_000);

  it("finishes a killed worker's job on the other worker", async () => {
    const queue = new Queue('kpi', { connection: { host: '127.0.0.1', port: 6379 }, prefix });
    const hold = new Client({ connectionString: db.ownerUrl });
    await hold.connect();
    try {
      // The first worker takes the job and blocks in it on a held table lock.
      await hold.query('BEGIN');
      await hold.query('LOCK TABLE kpi_results IN ACCESS EXCLUSIVE MODE');
      const first = supervisor.start('worker-1', [...runTs, 'apps/worker/src/main.ts'], {
        DATABASE_URL: db.appUrl,
        QUEUE_PREFIX: prefix,
      });
      const jobId = `killed-${randomUUID()}`;
      const hourStart = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
      await queue.add(
        'kpi.machine-hour',
        { tenantId: fixture.tenantId, machineId: fixture.machineId, hourStart: hourStart.toISOString() },
        { jobId, removeOnComplete: false, attempts: 1 },
      );
      await eventually(
        'the first worker to be in the job',
        async () => ((await queue.getJob(jobId))?.processedOn !== undefined ? true : undefined),
        90_000,
      );
      const second = supervisor.start('worker-2', [...runTs, 'apps/worker/src/main.ts'], {
        DATABASE_URL: db.appUrl,
        QUEUE_PREFIX: prefix,
      });
      await eventually(
        'the second worker to run',
        async () => (readFileSync(second.logPath, 'utf8').includes('processing queues') ? true : undefined),
        90_000,
      );
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));
      await hold.query('COMMIT');

      // BullMQ sees the dead worker's lock expire and hands the job to the live one.
      const finished = await eventually(
        'the job to complete on the second worker',
        async () => ((await queue.getJobState(jobId)) === 'completed' ? true : undefined),
        100_000,
      );
      expect(finished).toBe(true);
      expect(readFileSync(second.logPath, 'utf8')).toContain(`"jobId":"${jobId}"`);
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    } finally {
      await hold.end();
      await queue.close();
    }
  }, 240_000);
});
