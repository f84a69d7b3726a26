import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  INGEST_CHANNELS,
  TOPIC_ROOT,
  parseDeviceTopic,
  stateMessageSchema,
  telemetryMessageSchema,
} from '@convergent/shared-util-contracts';
import {
  MqttConnection,
  issueLocalGatewayIdentity,
  startBroker,
  type BrokerHandle,
} from '@convergent/platform-data-access-iot';
import { readStatus } from './status-file';
import { cloudConnection } from './testing/cloud-connection';

// Done means: the broker stops for 30 seconds while the simulator produces data, the agent is
// killed (SIGKILL) and restarted once during the outage; after recovery the cloud has every point
// exactly once and in order per machine. "The cloud" is a subscriber that de-duplicates by
// sequence number as ingest does (QoS 1 is at least once: a PUBACK lost to the outage means a
// re-send, which the cloud recognises by its seq).
jest.setTimeout(150_000);

const OUTAGE_MS = 30_000;
const SAMPLE_MS = 200;

interface Message {
  at: number;
  channel: string;
  seq: number;
  machine: string;
  body: unknown;
}

describe('store-and-forward through a broker outage and an agent crash', () => {
  let dir: string;
  let brokerDir: string;
  let broker: BrokerHandle;
  let backend: MqttConnection;
  const children: ChildProcess[] = [];
  const arrivals: Message[] = [];

  function startAgent(configPath: string): ChildProcess {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(resolve(__dirname, '../../..'), 'tools/register-ts.cjs'),
        join(__dirname, 'main.ts'),
        'run',
        '--config',
        configPath,
      ],
      { cwd: resolve(__dirname, '../../..'), stdio: 'ignore' },
    );
    children.push(child);
    return child;
  }

  async function waitFor(predicate: () => boolean, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((wake) => setTimeout(wake, 100));
    }
  }

  const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvg-edge-outage-'));
    brokerDir = join(dir, 'broker');
    broker = await startBroker(brokerDir, { port: 0 });
    // A persistent session, as ingest has: what the gateway publishes while this subscriber is
    // still reconnecting after the broker's restart is kept for it.
    backend = cloudConnection(broker, 'outage-test-cloud', {
      cleanStart: false,
      sessionExpiryIntervalSeconds: 3600,
      reconnect: { minDelayMs: 200, maxDelayMs: 1_000 },
    });
    backend.onMessage((topic, payload) => {
      const parsed = parseDeviceTopic(topic);
      if (parsed === null || parsed.channel === 'presence' || parsed.channel.startsWith('config')) return;
      const body = JSON.parse(payload.toString('utf8')) as { seq: number; machine: string };
      arrivals.push({ at: Date.now(), channel: parsed.channel, seq: body.seq, machine: body.machine, body });
    });
    await backend.start();
    // Plain filters: Mosquitto 2.0 does not restore a persistent session's shared subscriptions
    // after a restart.
    await backend.subscribe(
      INGEST_CHANNELS.map((channel) => ({ topic: `${TOPIC_ROOT}/+/${channel}`, qos: 1 as const })),
    );
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await backend?.stop(2_000);
    await broker?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers every point once and in order per machine', async () => {
    const identity = await issueLocalGatewayIdentity(brokerDir, 'gw-outage');
    const dataDir = join(dir, 'agent');
    const configPath = join(dir, 'agent.json');
    await writeFile(
      configPath,
      JSON.stringify({
        endpoint: `${broker.host}:${broker.port}`,
        cert: identity.certPath,
        key: identity.keyPath,
        ca: identity.caPath,
        thing: identity.thingName,
        machines: ['m-1', 'm-2'].map((key) => ({
          key,
          source: { kind: 'simulator', cycleTimeMs: 1_000, sensorSampleMs: SAMPLE_MS },
        })),
        intervalMs: 500,
        stateHeartbeatMs: 5_000,
        dataDir,
      }),
    );

    const first = startAgent(configPath);
    await waitFor(
      () => arrivals.some((message) => message.channel === 'telemetry'),
      'data before the outage',
      30_000,
    );
    await sleep(1_000);

    await broker.stop();
    const outageStart = Date.now();
    await sleep(8_000);
    first.kill('SIGKILL');
    await new Promise((done) => first.once('exit', done));
    const killedAt = Date.now();
    await sleep(3_000);
    const second = startAgent(configPath);
    const restartedAt = Date.now();
    await sleep(outageStart + OUTAGE_MS - Date.now());
    broker = await startBroker(brokerDir, { port: broker.port });
    const outageEnd = Date.now();

    // Recovered: the buffer is empty and data made after the outage has arrived.
    await waitFor(
      () => {
        const status = readStatus(dataDir);
        return (
          status !== undefined &&
          status.pid === second.pid &&
          status.buffer.depth === 0 &&
          status.lastPublishAt !== undefined &&
          status.lastPublishAt > outageEnd + 2_000
        );
      },
      'the backlog to be delivered',
      60_000,
    );
    second.kill('SIGTERM');
    await new Promise((done) => second.once('exit', done));
    await sleep(1_000);

    // The backlog was replayed within AWS IoT Core's 100 publishes per second per connection,
    // measured over 5 s windows: the broker's deliveries to this subscriber bunch up a little.
    const busiestFiveSeconds = Math.max(
      ...arrivals.map(
        (first) => arrivals.filter((other) => other.at >= first.at && other.at < first.at + 5_000).length,
      ),
    );
    expect(busiestFiveSeconds).toBeLessThanOrEqual(500);

    // The cloud's view: the first arrival of each seq.
    const seen = new Set<number>();
    const delivered = arrivals.filter((message) => !seen.has(message.seq) && seen.add(message.seq));
    expect(readStatus(dataDir)?.buffer.dropped).toBe(0);

    for (const machine of ['m-1', 'm-2']) {
      const messages = delivered.filter((message) => message.machine === machine);
      // In order: a machine's messages arrive in the order they were made.
      const seqs = messages.map((message) => message.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

      const temperature = messages
        .filter((message) => message.channel === 'telemetry')
        .flatMap((message) => telemetryMessageSchema.parse(message.body).points)
        .filter((point) => point.metric === 'temperature')
        .map((point) => point.ts);
      // Exactly once and in order: strictly increasing sample times.
      temperature.slice(1).forEach((ts, index) => expect(ts).toBeGreaterThan(temperature[index] ?? 0));
      // Every point: no gap beyond sampling jitter (generous: two cores shared with other work),
      // except while no agent ran (kill to restart, at least 3 s).
      const gaps = temperature
        .slice(1)
        .map((ts, index) => ({ from: temperature[index] ?? 0, to: ts }))
        .filter(({ from, to }) => to - from > 2_000);
      expect(gaps).toHaveLength(1);
      expect(gaps[0]?.from).toBeLessThanOrEqual(killedAt);
      expect(gaps[0]?.to).toBeGreaterThanOrEqual(restartedAt - 1_000);
      // Data made during the outage by both agent runs arrived.
      expect(temperature.some((ts) => ts > outageStart + 1_000 && ts < killedAt - 1_000)).toBe(true);
      expect(temperature.some((ts) => ts > restartedAt && ts < outageEnd - 1_000)).toBe(true);
      expect(temperature.some((ts) => ts > outageEnd + 1_000)).toBe(true);

      const states = messages
        .filter((message) => message.channel === 'state')
        .flatMap((message) => stateMessageSchema.parse(message.body).events.map((event) => event.ts));
      expect(states).toEqual([...states].sort((a, b) => a - b));
    }
  });
});
