import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  findFreePort,
  issueLocalGatewayIdentity,
  MqttConnection,
  startBroker,
  type BrokerHandle,
} from '@convergent/platform-data-access-iot';
import {
  createTenantFixture,
  ProcessSupervisor,
  startPostgresServer,
  type ManagedProcess,
  type PostgresServer,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { ingestEnvironment, publishUntilDelivered, storedPoints } from './platform-harness';

const root = resolve(__dirname, '../../..');
const MESSAGES = 300;
const POINTS_PER_MESSAGE = 40;

// Every point a gateway published (and the broker delivered) ends up in the database exactly
// once, although PostgreSQL crashes and restarts, the broker restarts, and ingest is killed
// (SIGKILL) and restarted, while the gateway keeps publishing. Mosquitto 2.0 resumes ingest's
// persistent session after its restart but not its shared subscriptions: ingest subscribes again
// on every reconnection. The gateway keeps each message until the broker has delivered it to a
// subscriber, as a store-and-forward gateway does. A PostgreSQL server and a broker of this
// test's own.
describe('ingest durability under faults', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'convergent-durability-'));
  const supervisor = new ProcessSupervisor(root, join(stateDir, 'logs'));
  let server: PostgresServer;
  let db: TestDatabase;
  let broker: BrokerHandle;
  let fixture: TenantFixture;
  let ingest: ManagedProcess;
  let healthUrl: string;

  beforeAll(async () => {
    server = await startPostgresServer();
    db = await server.createDatabase();
    fixture = await createTenantFixture(db.ownerUrl);
    broker = await startBroker(stateDir, { port: 0 });
    const healthPort = await findFreePort();
    healthUrl = `http://127.0.0.1:${healthPort}/health`;
    ingest = supervisor.start(
      'ingest',
      ['-r', join(root, 'tools/register-ts.cjs'), 'apps/ingest/src/main.ts'],
      {
        DATABASE_URL: db.appUrl,
        QUEUE_PREFIX: `durability-${randomUUID().slice(0, 8)}`,
        LOG_LEVEL: 'warn',
        ...ingestEnvironment(broker, healthPort),
        INGEST_BATCH_MAX_DELAY_MS: '150',
      },
      // As a process manager would: a killed ingest comes back (after 1 s).
      { restart: true },
    );
    await supervisor.waitForHttp(ingest, healthUrl, 90_000);
  });

  afterAll(async () => {
    await supervisor.stopAll();
    await broker?.stop();
    await server?.destroy();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('stores every published point exactly once across a database crash, a broker restart and an ingest kill', async () => {
    const identity = await issueLocalGatewayIdentity(stateDir, fixture.thingName);
    const gateway = new MqttConnection({
      host: broker.host,
      port: broker.port,
      clientId: fixture.thingName,
      tls: { certPath: identity.certPath, keyPath: identity.keyPath, caPath: identity.caPath },
    });
    await gateway.start();
    const topic = `cvg/${fixture.thingName}/telemetry`;
    const faults: Promise<void>[] = [];
    let brokerRestarted = false;
    let publishedAfterBrokerRestart = 0;
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
        await publishUntilDelivered(
          gateway,
          topic,
          JSON.stringify({ v: 1, seq, machine: fixture.machineKey, points }),
        );
        if (seq === 60) {
          faults.push(
            (async () => {
              await server.stop('immediate');
              await new Promise((wake) => setTimeout(wake, 2_000));
              await server.start();
            })(),
          );
        }
        if (seq === 120) {
          const port = broker.port;
          faults.push(
            (async () => {
              await broker.stop();
              await new Promise((wake) => setTimeout(wake, 1_000));
              broker = await startBroker(stateDir, { port });
              brokerRestarted = true;
            })(),
          );
        }
        if (brokerRestarted) publishedAfterBrokerRestart += 1;
        if (seq === 180) ingest.child.kill('SIGKILL');
        await new Promise((wake) => setTimeout(wake, 15));
      }
    } finally {
      await gateway.stop();
    }
    await Promise.all(faults);
    expect(ingest.restarts).toBe(1);
    expect(publishedAfterBrokerRestart).toBeGreaterThan(50);

    const stored = await storedPoints(db.ownerUrl, fixture.gatewayId, MESSAGES * POINTS_PER_MESSAGE);
    expect(stored).toEqual({
      count: MESSAGES * POINTS_PER_MESSAGE,
      distinct: MESSAGES * POINTS_PER_MESSAGE,
      sum: expectedSum,
    });
  });
});
