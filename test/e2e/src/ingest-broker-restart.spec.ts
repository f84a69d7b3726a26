import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
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
import { eventually, ingestEnvironment } from './platform-harness';

const root = resolve(__dirname, '../../..');
const MESSAGES = 200;
const POINTS_PER_MESSAGE = 20;

// Mosquitto 2.0 resumes a persistent session after a restart but not its shared subscriptions:
// ingest subscribes again on every reconnection, and rows keep arriving. The gateway here keeps
// every message until the broker has delivered it to a subscriber, as a store-and-forward
// gateway does. A broker of this test's own.
describe('ingest across a broker restart', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'convergent-broker-restart-'));
  const supervisor = new ProcessSupervisor(root, join(stateDir, 'logs'));
  let db: TestDatabase;
  let broker: BrokerHandle;
  let fixture: TenantFixture;
  let ingest: ManagedProcess;

  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = await createTenantFixture(db.ownerUrl);
    broker = await startBroker(stateDir, { port: 0 });
    const healthPort = await findFreePort();
    ingest = supervisor.start(
      'ingest',
      ['-r', join(root, 'tools/register-ts.cjs'), 'apps/ingest/src/main.ts'],
      {
        DATABASE_URL: db.appUrl,
        QUEUE_PREFIX: `broker-restart-${randomUUID().slice(0, 8)}`,
        LOG_LEVEL: 'warn',
        ...ingestEnvironment(broker, healthPort),
        INGEST_BATCH_MAX_DELAY_MS: '100',
      },
    );
    await supervisor.waitForHttp(ingest, `http://127.0.0.1:${healthPort}/health`, 90_000);
  });

  afterAll(async () => {
    await supervisor.stopAll();
    await broker?.stop();
    await db?.drop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('keeps storing every point exactly once after the broker restarted', async () => {
    const identity = await issueLocalGatewayIdentity(stateDir, fixture.thingName);
    const gateway = new MqttConnection({
      host: broker.host,
      port: broker.port,
      clientId: fixture.thingName,
      tls: { certPath: identity.certPath, keyPath: identity.keyPath, caPath: identity.caPath },
    });
    await gateway.start();
    const topic = `cvg/${fixture.thingName}/telemetry`;
    let restart: Promise<void> | undefined;
    let restarted = false;
    let publishedAfterRestart = 0;
    let expectedSum = 0;
    try {
      for (let seq = 1; seq <= MESSAGES; seq += 1) {
        const ts = Date.now() - 60_000;
        const points = Array.from({ length: POINTS_PER_MESSAGE }, (_, idx) => ({
          ts,
          metric: 'spindle.temp',
          value: seq * 1000 + idx,
        }));
        expectedSum += points.reduce((sum, p) => sum + p.value, 0);
        const payload = JSON.stringify({ v: 1, seq, machine: fixture.machineKey, points });
        const giveUpAt = Date.now() + 20_000;
        for (;;) {
          try {
            await gateway.publish(topic, payload, 1, { requireSubscriber: true });
            break;
          } catch (error) {
            if (Date.now() > giveUpAt)
              throw new Error(`message ${seq} still undelivered after 20 s: ${(error as Error).message}`);
            await new Promise((wake) => setTimeout(wake, 200));
          }
        }
        if (seq === 60) {
          const port = broker.port;
          restart = (async () => {
            await broker.stop();
            await new Promise((wake) => setTimeout(wake, 1_000));
            broker = await startBroker(stateDir, { port });
            restarted = true;
          })();
        }
        if (restarted) publishedAfterRestart += 1;
        await new Promise((wake) => setTimeout(wake, 15));
      }
    } finally {
      await gateway.stop();
    }
    await restart;
    expect(publishedAfterRestart).toBeGreaterThan(50);

    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    try {
      const expectedCount = MESSAGES * POINTS_PER_MESSAGE;
      const stored = await eventually(
        'every published point in the database',
        async () => {
          const { rows } = await owner.query<{ count: string; sum: string; distinct: string; last: number }>(
            `SELECT count(*) AS count, sum(value) AS sum, count(DISTINCT (seq, idx)) AS distinct, max(seq) AS last
             FROM telemetry_points WHERE gateway_id = $1`,
            [fixture.gatewayId],
          );
          const row = rows[0];
          return row && Number(row.count) >= expectedCount ? row : undefined;
        },
        30_000,
      );
      expect(Number(stored.count)).toBe(expectedCount);
      expect(Number(stored.distinct)).toBe(expectedCount);
      expect(Number(stored.sum)).toBe(expectedSum);
    } finally {
      await owner.end();
    }
  });
});
