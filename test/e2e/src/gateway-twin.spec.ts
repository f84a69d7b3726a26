import { Client } from 'pg';
import { seedDemoTenant, type DemoSeed } from '@convergent/database';
import { issueLocalGatewayIdentity, MqttConnection } from '@convergent/platform-data-access-iot';
import { LiveEventSubscriber } from '@convergent/platform-data-access-queue';
import type { LiveEvent } from '@convergent/shared-util-contracts';
import { eventually, PlatformHarness } from './platform-harness';

interface TwinView {
  desiredVersion: number;
  reportedVersion: number | null;
  reportedStatus: string | null;
  reportedConfig: string | null;
  reportedAt: string | null;
  configDifference: { inSync: boolean; paths: string[] };
}

interface CommandView {
  id: string;
  name: string;
  status: string;
  result: string | null;
  error: string | null;
}

const TWIN = `query ($id: ID!) { gateway(id: $id) {
  desiredVersion reportedVersion reportedStatus reportedConfig reportedAt configDifference { inSync paths }
} }`;
const SET_DESIRED = `mutation ($g: ID!, $c: String!) { setGatewayDesiredConfig(gatewayId: $g, config: $c) { desiredVersion } }`;
const SEND = `mutation ($g: ID!, $n: String!, $t: Int) { sendGatewayCommand(gatewayId: $g, name: $n, timeoutSeconds: $t) { id status deadline } }`;
// As the harness's agents run their local machines: a simulated part every 500 ms.
const fastSimulator = (key: string) => ({ key, source: { kind: 'simulator', cycleTimeMs: 500 } });
const COMMANDS = `query ($id: ID!) { gateway(id: $id) { commands(first: 20) { edges { node { id name status result error } } } } }`;

// The digital twin end to end on real services: a technician sets a gateway's configuration
// through GraphQL, the API queues it, ingest publishes it retained on the broker, the edge agent
// applies it and reports back, ingest stores the report, and the API shows no difference left.
// Commands go the same way and come back with their result, or time out.
describe('gateway twin and commands: GraphQL → broker → edge agent → ingest → GraphQL', () => {
  const platform = new PlatformHarness();
  let seed: DemoSeed;
  let owner: Client;
  let token: string;
  const live: LiveEvent[] = [];
  let subscriber: LiveEventSubscriber;

  beforeAll(async () => {
    await platform.start();
    seed = await seedDemoTenant(platform.db.ownerUrl);
    owner = new Client({ connectionString: platform.db.ownerUrl });
    await owner.connect();
    const technician = seed.users.find((u) => u.role === 'technician' && u.sites === 'all');
    if (!technician) throw new Error('the demo seed has no all-sites technician');
    const login = await platform.graphql<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: technician.email, p: technician.password },
    );
    if (!login.data) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);
    token = login.data.login.accessToken;
    subscriber = new LiveEventSubscriber(
      process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      platform.queuePrefix,
    );
    subscriber.listen((event) => live.push(event));
    await subscriber.start();
  });

  afterAll(async () => {
    await subscriber?.close();
    await owner?.end();
    await platform.stop();
  });

  const gatewayAt = (index: number) => {
    const gateway = seed.gateways[index];
    if (!gateway || gateway.machines.length === 0)
      throw new Error(`the demo seed has no gateway ${index} with machines`);
    return gateway;
  };

  async function twin(gatewayId: string): Promise<TwinView> {
    const result = await platform.graphql<{ gateway: TwinView }>(TWIN, { id: gatewayId }, token);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.gateway;
  }

  const inSyncAt = (gatewayId: string, version: number) =>
    eventually(
      `gateway ${gatewayId} to run desired version ${version}`,
      async () => {
        const view = await twin(gatewayId);
        return view.reportedVersion === version && view.configDifference.inSync ? view : undefined;
      },
      60_000,
    );

  async function commandOf(gatewayId: string, id: string): Promise<CommandView | undefined> {
    const result = await platform.graphql<{ gateway: { commands: { edges: Array<{ node: CommandView }> } } }>(
      COMMANDS,
      { id: gatewayId },
      token,
    );
    return result.data?.gateway.commands.edges.map((edge) => edge.node).find((node) => node.id === id);
  }

  it('brings a running agent to the desired configuration, refuses an invalid one, and answers a command', async () => {
    const gateway = gatewayAt(0);
    const [first] = gateway.machines.map((m) => m.sourceKey);
    await platform.startAgent(gateway.thingName, [first ?? '']);
    // Nothing desired yet: the agent reports its local file (version 0) and is in sync.
    const initial = await eventually(
      'the local configuration reported',
      async () => {
        const view = await twin(gateway.id);
        return view.reportedAt ? view : undefined;
      },
      60_000,
    );
    expect(initial).toMatchObject({
      desiredVersion: 0,
      reportedVersion: 0,
      configDifference: { inSync: true },
    });

    const keys = gateway.machines.map((m) => m.sourceKey);
    const set = await platform.graphql<{ setGatewayDesiredConfig: { desiredVersion: number } }>(
      SET_DESIRED,
      { g: gateway.id, c: JSON.stringify({ machines: keys.map(fastSimulator) }) },
      token,
    );
    expect(set.data?.setGatewayDesiredConfig.desiredVersion).toBe(1);
    // Until the agent answers (it rarely has yet), the API shows what differs: the added machines.
    expect(keys.length).toBeGreaterThan(1);
    const pending = await twin(gateway.id);
    if (pending.reportedVersion === 0)
      expect(pending.configDifference).toEqual({
        inSync: false,
        paths: keys.filter((key) => key !== first).map((key) => `machines.${key}`),
      });
    const synced = await inSyncAt(gateway.id, 1);
    expect(synced.configDifference.paths).toEqual([]);
    expect(
      (JSON.parse(synced.reportedConfig ?? '{}') as { machines: Array<{ key: string }> }).machines.map(
        (m) => m.key,
      ),
    ).toEqual(keys);
    expect(
      live.some((e) => e.type === 'gateway.twin' && e.change === 'reported' && e.gatewayId === gateway.id),
    ).toBe(true);

    // An invalid configuration is refused with the field and the rule; version 1 keeps running.
    const invalid = await platform.graphql(
      SET_DESIRED,
      {
        g: gateway.id,
        c: JSON.stringify({ machines: [{ key: keys[0], source: { kind: 'modbus', tags: [] } }] }),
      },
      token,
    );
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0]?.message).toBe(
      'invalid configuration: config.machines.0.source.host: required: the PLC address; config.machines.0.source.tags: list at least one tag',
    );
    expect(await twin(gateway.id)).toMatchObject({
      desiredVersion: 1,
      reportedVersion: 1,
      configDifference: { inSync: true },
    });

    const sent = await platform.graphql<{ sendGatewayCommand: { id: string; status: string } }>(
      SEND,
      { g: gateway.id, n: 'ping', t: 20 },
      token,
    );
    const commandId = sent.data?.sendGatewayCommand.id ?? '';
    expect(sent.data?.sendGatewayCommand.status).toBe('pending');
    const answered = await eventually(
      'the ping answered',
      async () => {
        const command = await commandOf(gateway.id, commandId);
        return command?.status === 'succeeded' ? command : undefined;
      },
      30_000,
    );
    expect(JSON.parse(answered.result ?? '{}')).toMatchObject({
      configVersion: 1,
      agentVersion: expect.any(String) as string,
    });

    const outOfRange = await platform.graphql(SEND, { g: gateway.id, n: 'ping', t: 601 }, token);
    expect(outOfRange.errors?.[0]?.message).toBe(
      'timeoutSeconds must be between 1 and 600 (10 minutes); got 601',
    );
  });

  it('gives a gateway that was offline when its configuration was set that configuration when it connects', async () => {
    const gateway = gatewayAt(1);
    const keys = gateway.machines.map((m) => m.sourceKey);
    const set = await platform.graphql<{ setGatewayDesiredConfig: { desiredVersion: number } }>(
      SET_DESIRED,
      { g: gateway.id, c: JSON.stringify({ machines: keys.map(fastSimulator) }) },
      token,
    );
    expect(set.errors).toBeUndefined();
    // Published retained before the agent ever connected.
    await eventually(
      'the desired configuration published',
      async () =>
        live.some((e) => e.type === 'gateway.twin' && e.change === 'desired' && e.gatewayId === gateway.id)
          ? true
          : undefined,
      30_000,
    );
    await platform.startAgent(gateway.thingName, [keys[0] ?? '']);
    const synced = await inSyncAt(gateway.id, 1);
    expect(synced.reportedStatus).toBe('applied');
  });

  it('times a command out when its gateway does not answer, and keeps a late answer without changing that', async () => {
    await platform.stopAgents();
    const gateway = gatewayAt(0);
    const sent = await platform.graphql<{ sendGatewayCommand: { id: string; deadline: string } }>(
      SEND,
      { g: gateway.id, n: 'machine-health', t: 2 },
      token,
    );
    const commandId = sent.data?.sendGatewayCommand.id ?? '';
    const timedOut = await eventually(
      'the command timed out',
      async () => {
        const command = await commandOf(gateway.id, commandId);
        return command?.status === 'timed_out' ? command : undefined;
      },
      30_000,
    );
    expect(timedOut.error).toBe('no answer before the deadline');
    await eventually(
      'the timeout announced',
      async () =>
        live.some((e) => e.type === 'gateway.twin' && e.commandId === commandId) ? true : undefined,
      10_000,
    );

    // The gateway answers after all: kept as its response, the status stays timed_out. And a
    // reply that is not valid is dead-lettered with its reason.
    const identity = await issueLocalGatewayIdentity(platform.stateDir, gateway.thingName);
    const connection = new MqttConnection({
      host: platform.broker.host,
      port: platform.broker.port,
      clientId: gateway.thingName,
      tls: { certPath: identity.certPath, keyPath: identity.keyPath, caPath: identity.caPath },
    });
    await connection.start();
    try {
      const answer = {
        v: 1,
        seq: Date.now() * 1000,
        status: 'succeeded',
        ts: Date.now(),
        result: { late: true },
      };
      await connection.publish(`cvg/${gateway.thingName}/cmd/res`, JSON.stringify(answer), 1, {
        correlationData: commandId,
      });
      await connection.publish(`cvg/${gateway.thingName}/cmd/res`, JSON.stringify(answer), 1);
      await connection.publish(
        `cvg/${gateway.thingName}/config/reported`,
        JSON.stringify({
          v: 1,
          seq: 1,
          version: 1,
          ts: Date.now(),
          status: 'applied',
          config: { machines: [] },
        }),
        1,
      );
    } finally {
      await connection.stop();
    }
    const late = await eventually(
      'the late answer kept',
      async () => {
        const { rows } = await owner.query<{
          status: string;
          response: { result?: { late?: boolean } } | null;
        }>(`SELECT status::text, response FROM gateway_commands WHERE id = $1`, [commandId]);
        return rows[0]?.response ? rows[0] : undefined;
      },
      30_000,
    );
    expect(late).toEqual({
      status: 'timed_out',
      response: expect.objectContaining({ result: { late: true } }) as object,
    });
    const letters = await eventually(
      'the invalid replies dead-lettered',
      async () => {
        const { rows } = await owner.query<{ reason: string }>(
          `SELECT reason FROM dead_letters WHERE thing_name = $1 ORDER BY received_at, id`,
          [gateway.thingName],
        );
        return rows.length >= 2 ? rows.map((row) => row.reason) : undefined;
      },
      30_000,
    );
    expect(letters).toEqual([
      "command answer without a command id: the correlation data must be the request's",
      'schema violation: config.machines: required: at least one machine key',
    ]);
    // The bad report changed nothing.
    expect((await twin(gateway.id)).reportedVersion).toBe(1);
  });
});
