import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import {
  commandResponseMessageSchema,
  countMessageSchema,
  ingestSubscriptionFilters,
  parseDeviceTopic,
  presenceMessageSchema,
  reportedConfigMessageSchema,
  stateMessageSchema,
} from '@convergent/shared-util-contracts';
import {
  MqttConnection,
  issueLocalGatewayIdentity,
  startBroker,
  type BrokerHandle,
  type GatewayIdentityFiles,
} from '@convergent/platform-data-access-iot';
import { AGENT_VERSION, runAgent, type AgentOptions } from './agent';
import { readStatus } from './status-file';
import { cloudConnection } from './testing/cloud-connection';

// The agent against a real broker of its own: what the backend receives must pass the contracts.
jest.setTimeout(30_000);

interface Received {
  thing: string;
  channel: string;
  body: unknown;
  correlationData?: string;
}

describe('edge agent against the local broker', () => {
  let stateDir: string;
  let broker: BrokerHandle;
  let identity: GatewayIdentityFiles;
  let backend: MqttConnection;
  const received: Received[] = [];

  async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((wake) => setTimeout(wake, 20));
    }
  }

  function options(overrides: Partial<AgentOptions> = {}): AgentOptions {
    return {
      endpoint: { host: broker.host, port: broker.port },
      certPath: identity.certPath,
      keyPath: identity.keyPath,
      caPath: identity.caPath,
      thing: identity.thingName,
      machines: ['press-1', 'press-2'],
      intervalMs: 200,
      stateHeartbeatMs: 1_000,
      dataDir: join(stateDir, 'agent'),
      seed: 11,
      // Fast enough for parts and state changes to happen within the test.
      simulator: {
        cycleTimeMs: 20,
        durations: {
          running: { minMs: 150, maxMs: 300 },
          idle: { minMs: 100, maxMs: 200 },
          minorStop: { minMs: 100, maxMs: 200 },
          breakdown: { minMs: 100, maxMs: 200 },
          changeover: { minMs: 100, maxMs: 200 },
        },
      },
      statePollMs: 50,
      logger: pino({ level: 'silent' }),
      ...overrides,
    };
  }

  const seqOf = (message: Received): number => (message.body as { seq: number }).seq;
  const ofMachine = (channel: string, machine: string) =>
    ofChannel(channel).filter((message) => (message.body as { machine?: string }).machine === machine);

  const ofChannel = (channel: string) => received.filter((message) => message.channel === channel);

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'cvg-agent-'));
    broker = await startBroker(join(stateDir, 'broker'), { port: 0 });
    identity = await issueLocalGatewayIdentity(join(stateDir, 'broker'), 'gateway-sim-1');
    backend = cloudConnection(broker, 'ingest-agent-test');
    backend.onMessage((topic, payload, properties) => {
      const parsed = parseDeviceTopic(topic);
      if (parsed !== null) {
        received.push({
          thing: parsed.thingName,
          channel: parsed.channel,
          body: JSON.parse(payload.toString('utf8')),
          ...(properties.correlationData
            ? { correlationData: properties.correlationData.toString('utf8') }
            : {}),
        });
      }
    });
    await backend.start();
    await backend.subscribe(ingestSubscriptionFilters().map((topic) => ({ topic, qos: 1 as const })));
  });

  afterAll(async () => {
    await backend?.stop(2_000);
    await broker?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it("publishes two machines' state changes and counts on one connection, with one sequence that continues", async () => {
    received.length = 0;
    const agent = await runAgent(options());
    expect(agent.machines).toEqual(['press-1', 'press-2']);
    await waitFor(
      () =>
        ['press-1', 'press-2'].every(
          (machine) => ofMachine('state', machine).length >= 3 && ofMachine('counts', machine).length >= 2,
        ),
      'state and count messages of both machines',
    );
    await agent.stop();
    await waitFor(
      () =>
        ofChannel('presence').some((message) => (message.body as { status?: string }).status === 'offline'),
      'offline presence',
    );

    // One gateway, one connection: a single online/offline pair, everything under its thing name.
    expect(received.every((message) => message.thing === 'gateway-sim-1')).toBe(true);
    const presence = ofChannel('presence').map((message) => presenceMessageSchema.parse(message.body).status);
    expect(presence).toEqual(['online', 'offline']);

    const states = ofChannel('state').map((message) => stateMessageSchema.parse(message.body));
    const counts = ofChannel('counts').map((message) => countMessageSchema.parse(message.body));
    expect(states.every((message) => message.v === 1)).toBe(true);
    expect(new Set(states.map((message) => message.machine))).toEqual(new Set(['press-1', 'press-2']));
    expect(new Set(counts.map((message) => message.machine))).toEqual(new Set(['press-1', 'press-2']));
    for (const machine of ['press-1', 'press-2']) {
      expect(states.find((message) => message.machine === machine)?.events[0]?.state).toBe('running');
    }
    // The two simulators have seeds of their own: their histories differ.
    const historyOf = (machine: string) =>
      states
        .filter((message) => message.machine === machine)
        .flatMap((message) => message.events.map((event) => `${event.state}@${event.ts}`));
    expect(historyOf('press-1')).not.toEqual(historyOf('press-2'));

    // Only counters that moved: no zero increments, and every message has something to say.
    const readings = counts.flatMap((message) => message.counts);
    expect(readings.every((reading) => 'increment' in reading && reading.increment > 0)).toBe(true);
    const produced = readings
      .filter((reading) => reading.counter === 'produced')
      .reduce((sum, reading) => sum + ('increment' in reading ? reading.increment : 0), 0);
    expect(produced).toBeGreaterThan(0);

    // One sequence per gateway across machines and channels, strictly increasing in publish (=
    // arrival) order.
    const firstRun = received
      .filter((message) => message.channel === 'state' || message.channel === 'counts')
      .map(seqOf);
    expect(firstRun).toEqual([...firstRun].sort((a, b) => a - b));
    expect(new Set(firstRun).size).toBe(firstRun.length);

    received.length = 0;
    const again = await runAgent(options());
    await waitFor(() => ofChannel('counts').length >= 1, 'counts after the restart');
    await again.stop();
    const secondRun = [...ofChannel('state'), ...ofChannel('counts')].map(seqOf);
    expect(Math.min(...secondRun)).toBe(Math.max(...firstRun) + 1);
  });

  it("re-sends each machine's unchanged state every heartbeat, and sends no counts while nothing is made", async () => {
    received.length = 0;
    const agent = await runAgent(
      options({
        dataDir: join(stateDir, 'agent-heartbeat'),
        // Idle for longer than the test: no state change and no parts.
        simulator: {
          initialState: 'idle',
          cycleTimeMs: 20,
          durations: { idle: { minMs: 60_000, maxMs: 60_000 } },
        },
      }),
    );
    await waitFor(
      () => ['press-1', 'press-2'].every((machine) => ofMachine('state', machine).length >= 3),
      'two heartbeats of each machine',
    );
    await agent.stop();

    for (const machine of ['press-1', 'press-2']) {
      const states = ofMachine('state', machine).map((message) => stateMessageSchema.parse(message.body));
      // Each message one event: the current state, stamped when it was (re-)sent.
      expect(states.every((message) => message.events.length === 1)).toBe(true);
      const events = states.map((message) => message.events[0]);
      expect(events.every((event) => event?.state === 'idle')).toBe(true);
      const gaps = events.slice(1).map((event, index) => (event?.ts ?? 0) - (events[index]?.ts ?? 0));
      expect(gaps.every((gap) => gap >= 1_000 && gap < 1_500)).toBe(true);
    }
    const seqs = ofChannel('state').map(seqOf);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // Counts were due every 200 ms, but there was nothing to count.
    expect(ofChannel('counts')).toEqual([]);
  });

  it('is announced offline by its last will when the process dies', async () => {
    const killed = await issueLocalGatewayIdentity(join(stateDir, 'broker'), 'gateway-sim-2');
    const workspaceRoot = resolve(__dirname, '../../..');
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join(__dirname, 'main.ts'),
        'run',
        ...[
          '--endpoint',
          `${broker.host}:${broker.port}`,
          '--thing',
          killed.thingName,
          ...['--machine', 'press-2', '--machine', 'press-3'],
        ],
        ...['--cert', killed.certPath, '--key', killed.keyPath, '--ca', killed.caPath],
        ...['--data-dir', join(stateDir, 'agent-2')],
      ],
      {
        cwd: workspaceRoot,
        env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
        stdio: 'ignore',
      },
    );
    const presenceOf = () =>
      received
        .filter((message) => message.thing === killed.thingName && message.channel === 'presence')
        .map((message) => presenceMessageSchema.parse(message.body));
    try {
      await waitFor(
        () => presenceOf().some((message) => message.status === 'online'),
        'the agent to come online',
        20_000,
      );
    } finally {
      child.kill('SIGKILL');
    }

    await waitFor(() => presenceOf().some((message) => message.status === 'offline'), 'the last will');
    // The will was written at connect time: no timestamp, the broker's receipt time is the truth.
    expect(presenceOf().find((message) => message.status === 'offline')?.ts).toBeUndefined();
  });

  it('applies a desired configuration from the cloud without a restart, reports it, and refuses an invalid one', async () => {
    received.length = 0;
    const dataDir = join(stateDir, 'agent-desired');
    const desiredTopic = 'cvg/gateway-sim-1/config/desired';
    await backend.subscribe([{ topic: 'cvg/gateway-sim-1/config/reported', qos: 1 }]);
    const reports = () =>
      ofChannel('config/reported').map((message) => reportedConfigMessageSchema.parse(message.body));
    const agent = await runAgent(options({ dataDir }));
    await waitFor(() => ofMachine('state', 'press-1').length > 0, 'the local machines');
    await waitFor(() => reports().some((report) => report.version === 0), 'the local configuration reported');

    await backend.publish(
      desiredTopic,
      JSON.stringify({ v: 1, version: 1, ts: Date.now(), config: { machines: ['press-9'] } }),
      1,
    );
    await waitFor(() => reports().some((report) => report.version === 1), 'version 1 reported');
    const applied = reports().find((report) => report.version === 1);
    expect(applied?.status).toBe('applied');
    // What it runs now, defaults filled in, as the cloud compares it with what it wanted.
    expect(applied?.config.machines.map((machine) => machine.key)).toEqual(['press-9']);
    const appliedAt = received.length;
    await waitFor(() => ofMachine('state', 'press-9').length > 0, 'the new machine');
    // The old machines are gone, and the connection stayed up: one "online".
    expect(
      received
        .slice(appliedAt + 1)
        .some((message) => (message.body as { machine?: string }).machine === 'press-1'),
    ).toBe(false);
    expect(ofChannel('presence')).toHaveLength(1);

    await backend.publish(
      desiredTopic,
      JSON.stringify({
        v: 1,
        version: 2,
        ts: Date.now(),
        config: { machines: [{ key: 'lathe-1', source: { kind: 'modbus', tags: [] } }] },
      }),
      1,
    );
    await waitFor(() => reports().some((report) => report.version === 2), 'version 2 reported');
    const rejected = reports().find((report) => report.version === 2);
    expect(rejected?.status).toBe('rejected');
    expect(rejected?.error).toMatch(/config\.machines\.0\.source\.host: required: the PLC address/);
    const before = ofMachine('state', 'press-9').length;
    await waitFor(
      () => ofMachine('state', 'press-9').length > before,
      'the previous configuration still running',
    );
    await agent.stop();

    // Kept on disk: a restart comes back with the cloud's machines.
    const again = await runAgent(options({ dataDir }));
    expect(again.machines).toEqual(['press-9']);
    await again.stop();
  });

  it('answers commands on its response topic with the correlation data, and refuses unknown or expired ones', async () => {
    received.length = 0;
    const agent = await runAgent(options({ dataDir: join(stateDir, 'agent-commands') }));
    // Online means subscribed to its requests.
    await waitFor(
      () =>
        ofChannel('presence').some((message) => (message.body as { status?: string }).status === 'online'),
      'the agent online',
    );
    const send = (id: string, request: object) =>
      backend.publish('cvg/gateway-sim-1/cmd/req', JSON.stringify({ v: 1, seq: 1, ...request }), 1, {
        correlationData: id,
        responseTopic: 'cvg/gateway-sim-1/cmd/res',
      });
    const answerTo = (id: string) => {
      const message = ofChannel('cmd/res').find((candidate) => candidate.correlationData === id);
      return message ? commandResponseMessageSchema.parse(message.body) : undefined;
    };
    const ping = '11111111-1111-4111-8111-111111111111';
    const health = '22222222-2222-4222-8222-222222222222';
    const unknown = '33333333-3333-4333-8333-333333333333';
    const expired = '44444444-4444-4444-8444-444444444444';
    await send(ping, { name: 'ping', expiresAt: Date.now() + 10_000 });
    // Nobody listens for answers yet (as after a broker restart, before ingest subscribed again):
    // the broker would drop the answer, so the agent keeps it and sends it again.
    await new Promise((wake) => setTimeout(wake, 1_500));
    await backend.subscribe([{ topic: 'cvg/gateway-sim-1/cmd/res', qos: 1 }]);
    await send(health, { name: 'machine-health', expiresAt: Date.now() + 10_000 });
    await send(unknown, { name: 'format-disk', expiresAt: Date.now() + 10_000 });
    await send(expired, { name: 'ping', expiresAt: Date.now() - 1_000 });
    await waitFor(() => [ping, health, unknown, expired].every((id) => answerTo(id)), 'four answers');
    await agent.stop();

    expect(answerTo(ping)).toMatchObject({
      status: 'succeeded',
      result: { agentVersion: AGENT_VERSION, configVersion: 0 },
    });
    expect(answerTo(health)).toMatchObject({
      status: 'succeeded',
      result: { 'press-1': 'ok', 'press-2': 'ok' },
    });
    expect(answerTo(unknown)?.status).toBe('rejected');
    expect(answerTo(unknown)?.error).toMatch(/^invalid request: name: /);
    expect(answerTo(expired)).toMatchObject({ status: 'rejected', error: 'expired before it arrived' });
  });

  it('keeps reading its machines into the on-disk buffer while the broker cannot be reached, and says so', async () => {
    const dataDir = join(stateDir, 'agent-offline');
    const agent = await runAgent({
      ...options(),
      endpoint: { host: '127.0.0.1', port: 1 },
      connectTimeoutMs: 500,
      dataDir,
    });
    try {
      await waitFor(() => (readStatus(dataDir)?.buffer.depth ?? 0) > 2, 'messages to be buffered');
      const status = readStatus(dataDir);
      expect(status?.connection).toMatchObject({ state: 'unreachable', endpoint: '127.0.0.1:1' });
      expect(status?.connection.lastError).toMatch(/cannot reach the broker at 127\.0\.0\.1:1/);
      expect(status?.machines.map((machine) => machine.key)).toEqual(['press-1', 'press-2']);
    } finally {
      await agent.stop();
    }
  });
});
