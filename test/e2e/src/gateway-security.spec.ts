import { Client } from 'pg';
import { seedDemoTenant, type DemoSeed } from '@convergent/database';
import {
  issueLocalGatewayIdentity,
  MqttConnection,
  MqttPublishError,
  MqttSubscribeError,
  type GatewayIdentityFiles,
  type MqttConnectionEvent,
} from '@convergent/platform-data-access-iot';
import { eventually, PlatformHarness } from './platform-harness';

const REVOKE = `mutation ($id: ID!) { revokeGateway(id: $id) { gatewayId thingName revokedAt } }`;

// The broker keeps each gateway to its own topics, and a revoked gateway out for good, with the
// real api, ingest and the local broker with its dynamic-security plugin.
describe('gateway isolation and revocation', () => {
  const platform = new PlatformHarness();
  let seed: DemoSeed;
  let owner: Client;
  const connections: MqttConnection[] = [];

  beforeAll(async () => {
    await platform.start();
    seed = await seedDemoTenant(platform.db.ownerUrl);
    owner = new Client({ connectionString: platform.db.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.stop(2_000)));
    await owner?.end();
    await platform.stop();
  });

  const connect = async (identity: GatewayIdentityFiles): Promise<MqttConnection> => {
    const connection = new MqttConnection({
      host: platform.broker.host,
      port: platform.broker.port,
      clientId: identity.thingName,
      tls: { certPath: identity.certPath, keyPath: identity.keyPath, caPath: identity.caPath },
      connectTimeoutMs: 3_000,
      reconnect: { minDelayMs: 200, maxDelayMs: 500 },
    });
    connections.push(connection);
    await connection.start();
    return connection;
  };

  async function login(role: string): Promise<string> {
    const user = seed.users.find((u) => u.role === role && u.sites === 'all');
    if (!user) throw new Error(`the demo seed has no ${role}`);
    const result = await platform.graphql<{ login: { accessToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      { e: user.email, p: user.password },
    );
    if (!result.data) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
    return result.data.login.accessToken;
  }

  it("denies gateway A publishing and subscribing on gateway B's topics, and nothing of it reaches the database", async () => {
    const [a, b] = seed.gateways;
    const machineOfB = b?.machines[0];
    if (!a || !b || !machineOfB) throw new Error('the demo seed has fewer than two gateways');
    const gatewayA = await connect(await issueLocalGatewayIdentity(platform.stateDir, a.thingName));
    const forged = JSON.stringify({
      v: 1,
      seq: 424_242,
      machine: machineOfB.sourceKey,
      events: [{ ts: Date.now() - 1000, state: 'down', reason: 'forged' }],
    });
    await expect(gatewayA.publish(`cvg/${b.thingName}/state`, forged, 1)).rejects.toMatchObject({
      reasonCode: 135,
    });
    await expect(gatewayA.publish(`cvg/${b.thingName}/state`, forged, 1)).rejects.toBeInstanceOf(
      MqttPublishError,
    );
    await expect(
      gatewayA.subscribe([{ topic: `cvg/${b.thingName}/cmd/req`, qos: 1 }]),
    ).rejects.toBeInstanceOf(MqttSubscribeError);
    await expect(gatewayA.subscribe([{ topic: '$share/ingest/cvg/+/state', qos: 1 }])).rejects.toBeInstanceOf(
      MqttSubscribeError,
    );
    // A's own topic works, so the batch after it has been written when this looks.
    const own = a.machines[0];
    if (!own) throw new Error('gateway A has no machine');
    await gatewayA.publish(
      `cvg/${a.thingName}/state`,
      JSON.stringify({
        v: 1,
        seq: 424_243,
        machine: own.sourceKey,
        events: [{ ts: Date.now() - 500, state: 'running' }],
      }),
      1,
    );
    await eventually(
      "gateway A's own message",
      async () => {
        const { rowCount } = await owner.query(`SELECT 1 FROM machine_state_events WHERE seq = 424243`);
        return rowCount === 1 ? true : undefined;
      },
      30_000,
    );
    const forgedRows = await owner.query(`SELECT 1 FROM machine_state_events WHERE seq = 424242`);
    const letters = await owner.query(`SELECT 1 FROM dead_letters WHERE payload LIKE '%forged%'`);
    expect(forgedRows.rowCount).toBe(0);
    expect(letters.rowCount).toBe(0);
  });

  it('revokes a gateway through GraphQL: disconnected at once, refused on reconnect, no longer active, audited', async () => {
    const target = seed.gateways[2];
    if (!target) throw new Error('the demo seed has fewer than three gateways');
    const identity = await issueLocalGatewayIdentity(platform.stateDir, target.thingName);
    const victim = await connect(identity);
    const events: MqttConnectionEvent[] = [];
    victim.onConnectionEvent((event) => events.push(event));

    const operator = await platform.graphql(REVOKE, { id: target.id }, await login('operator'));
    expect(operator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const technician = await login('technician');
    const unknown = await platform.graphql(
      REVOKE,
      { id: '00000000-0000-4000-8000-000000000000' },
      technician,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const revoked = await platform.graphql<{ revokeGateway: { thingName: string } }>(
      REVOKE,
      { id: target.id },
      technician,
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data?.revokeGateway.thingName).toBe(target.thingName);
    await eventually(
      'the disconnection',
      async () => (events.some((event) => event.type === 'disconnected') ? true : undefined),
      5_000,
    );
    await victim.stop();
    await expect(connect(identity)).rejects.toThrow();

    const { rows } = await owner.query<{ status: string; action: string }>(
      `SELECT g.status::text AS status, a.action FROM gateways g
       JOIN audit_log a ON a.entity_id = g.id::text AND a.action = 'gateway.revoke' WHERE g.id = $1`,
      [target.id],
    );
    expect(rows).toEqual([{ status: 'decommissioned', action: 'gateway.revoke' }]);
    // Repeating it is harmless.
    const again = await platform.graphql(REVOKE, { id: target.id }, technician);
    expect(again.errors).toBeUndefined();
  });
});
