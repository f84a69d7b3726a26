import { randomUUID } from 'node:crypto';
import type { DemoSeed } from '@convergent/database';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  findFreePort,
  issueLocalGatewayIdentity,
  startBroker,
  type MqttConnection,
  type BrokerHandle,
} from '@convergent/platform-data-access-iot';
import {
  createTestDatabase,
  ProcessSupervisor,
  type ManagedProcess,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';

const root = resolve(__dirname, '../../..');
const runTs = ['-r', join(root, 'tools/register-ts.cjs')];

// The real api, ingest and worker processes against a database, a broker and a queue prefix of
// this test's own; only the shared Redis and PostgreSQL servers are shared.
export class PlatformHarness {
  readonly stateDir = mkdtempSync(join(tmpdir(), 'convergent-e2e-'));
  readonly supervisor = new ProcessSupervisor(root, join(this.stateDir, 'logs'));
  readonly queuePrefix = `e2e-${randomUUID().slice(0, 8)}`;
  db!: TestDatabase;
  broker!: BrokerHandle;
  apiUrl = '';
  ingestHealthUrl = '';
  api!: ManagedProcess;
  ingest!: ManagedProcess;
  worker!: ManagedProcess;
  private agents: ManagedProcess[] = [];

  // apiEnv: extra variables for the API (the browser tests pass PORTAL_DIR); restart: start a
  // service that died again, as `npm start` does.
  async start(options: { apiEnv?: Record<string, string>; restart?: boolean } = {}): Promise<void> {
    const supervision = { restart: options.restart ?? false };
    this.db = await createTestDatabase();
    this.broker = await startBroker(this.stateDir, { port: 0 });
    const [apiPort, ingestHealthPort] = [await findFreePort(), await findFreePort()];
    const common = { DATABASE_URL: this.db.appUrl, QUEUE_PREFIX: this.queuePrefix, LOG_LEVEL: 'warn' };
    const api = (this.api = this.supervisor.start(
      'api',
      [...runTs, 'apps/api/src/main.ts'],
      {
        ...common,
        API_PORT: String(apiPort),
        IOT_STATE_DIR: this.stateDir,
        AUTH_TOKEN_SECRET: randomUUID() + randomUUID(),
        ...options.apiEnv,
      },
      supervision,
    ));
    const ingest = (this.ingest = this.supervisor.start(
      'ingest',
      [...runTs, 'apps/ingest/src/main.ts'],
      {
        ...common,
        ...ingestEnvironment(this.broker, ingestHealthPort),
        MQTT_CLIENT_ID: `ingest-${this.queuePrefix}`,
        INGEST_BATCH_MAX_DELAY_MS: '100',
      },
      supervision,
    ));
    this.worker = this.supervisor.start(
      'worker',
      [...runTs, 'apps/worker/src/main.ts'],
      { ...common, KPI_SWEEP_EVERY_MS: '2000' },
      supervision,
    );
    this.apiUrl = `http://127.0.0.1:${apiPort}`;
    this.ingestHealthUrl = `http://127.0.0.1:${ingestHealthPort}/health`;
    await this.supervisor.waitForHttp(api, `${this.apiUrl}/health`, 90_000);
    await this.supervisor.waitForHttp(ingest, this.ingestHealthUrl, 90_000);
  }

  // Simulated machines cycle every 500 ms, so parts show up within seconds.
  async startAgent(thingName: string, machines: string[]): Promise<ManagedProcess> {
    const identity = await issueLocalGatewayIdentity(this.stateDir, thingName);
    const configPath = join(this.stateDir, `${thingName}.json`);
    writeFileSync(
      configPath,
      JSON.stringify({
        endpoint: `${this.broker.host}:${this.broker.port}`,
        cert: identity.certPath,
        key: identity.keyPath,
        ca: identity.caPath,
        thing: thingName,
        machines,
        simulatedCycleTimesMs: Object.fromEntries(machines.map((key) => [key, 500])),
        intervalMs: 1000,
        seed: 7,
        dataDir: join(this.stateDir, thingName),
      }),
    );
    const agent = this.supervisor.start(
      `agent-${thingName}`,
      [...runTs, 'apps/edge-agent/src/main.ts', 'run', '--config', configPath],
      {},
    );
    this.agents.push(agent);
    return agent;
  }

  // A simulated line of the demo tenant, so its machines have real states, counts and telemetry.
  async startDemoAgent(seed: DemoSeed, thingName = 'demo-stuttgart-pl1'): Promise<ManagedProcess> {
    const gateway = seed.gateways.find((g) => g.thingName === thingName);
    if (!gateway) throw new Error(`the demo seed has no gateway ${thingName}`);
    return this.startAgent(
      gateway.thingName,
      gateway.machines.map((m) => m.sourceKey),
    );
  }

  async stopAgents(): Promise<void> {
    await Promise.all(this.agents.map((agent) => this.supervisor.stop(agent)));
  }

  async graphql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
    const response = await fetch(`${this.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T };
  }

  async stop(): Promise<void> {
    await this.supervisor.stopAll();
    await this.broker?.stop();
    await this.db?.drop();
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

// What an ingest process needs to consume a broker of the caller's own.
export function ingestEnvironment(broker: BrokerHandle, healthPort: number): Record<string, string> {
  return {
    MQTT_HOST: broker.host,
    MQTT_PORT: String(broker.port),
    MQTT_CLIENT_ID: `ingest-${randomUUID().slice(0, 8)}`,
    MQTT_CERT_PATH: broker.pki.backendCertPath,
    MQTT_KEY_PATH: broker.pki.backendKeyPath,
    MQTT_CA_PATH: broker.pki.caCertPath,
    INGEST_HEALTH_PORT: String(healthPort),
  };
}

export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
  );
}

// Publishes until the broker has passed the message on to a subscriber (it answers "no matching
// subscribers" while ingest is not subscribed), for at most giveUpMs.
export async function publishUntilDelivered(
  gateway: MqttConnection,
  topic: string,
  payload: string,
  giveUpMs = 20_000,
): Promise<void> {
  const giveUpAt = Date.now() + giveUpMs;
  for (;;) {
    try {
      await gateway.publish(topic, payload, 1, { requireSubscriber: true });
      return;
    } catch (error) {
      if (Date.now() > giveUpAt)
        throw new Error(`still undelivered after ${giveUpMs / 1000} s: ${(error as Error).message}`);
      await new Promise((wake) => setTimeout(wake, 200));
    }
  }
}

// A gateway's stored telemetry once at least `expected` points are in: how many rows, how many
// distinct (seq, idx) and their sum, so a lost or doubled point shows.
export async function storedPoints(
  ownerUrl: string,
  gatewayId: string,
  expected: number,
): Promise<{ count: number; distinct: number; sum: number }> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    return await eventually(
      'every published point in the database',
      async () => {
        const { rows } = await owner.query<{ count: string; sum: string; distinct: string }>(
          `SELECT count(*) AS count, sum(value) AS sum, count(DISTINCT (seq, idx)) AS distinct
           FROM telemetry_points WHERE gateway_id = $1`,
          [gatewayId],
        );
        const row = rows[0];
        return row && Number(row.count) >= expected
          ? { count: Number(row.count), distinct: Number(row.distinct), sum: Number(row.sum) }
          : undefined;
      },
      90_000,
    );
  } finally {
    await owner.end();
  }
}
