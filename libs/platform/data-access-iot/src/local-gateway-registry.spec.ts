import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deviceTopic, ingestSubscriptionFilters } from '@convergent/shared-util-contracts';
import { generateKeyPairAndCsr, signCsr } from './local-ca';
import { readLocalCa, startBroker, type BrokerHandle, type GatewayIdentityFiles } from './local-broker';
import {
  issueLocalGatewayIdentity,
  registerLocalGateway,
  revokeLocalGateway,
} from './local-gateway-registry';
import { MqttConnection, type MqttConnectionEvent, type MqttTlsCredentials } from './mqtt-connection';
import { MqttPublishError, MqttSubscribeError } from './mqtt-errors';

jest.setTimeout(30_000);

// Isolation and revocation on a real Mosquitto of our own with the dynamic-security plugin.
describe('local gateway registry', () => {
  let stateDir: string;
  let broker: BrokerHandle;
  let backend: MqttConnection;
  const received: string[] = [];
  const connections: MqttConnection[] = [];

  const connect = async (clientId: string, tls: MqttTlsCredentials): Promise<MqttConnection> => {
    const connection = new MqttConnection({
      host: broker.host,
      port: broker.port,
      clientId,
      tls,
      connectTimeoutMs: 4_000,
      reconnect: { minDelayMs: 100, maxDelayMs: 200 },
    });
    connections.push(connection);
    await connection.start();
    return connection;
  };
  const files = (identity: GatewayIdentityFiles): MqttTlsCredentials => ({
    certPath: identity.certPath,
    keyPath: identity.keyPath,
    caPath: identity.caPath,
  });
  const settle = () => new Promise((wake) => setTimeout(wake, 300));

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'cvg-registry-'));
    broker = await startBroker(stateDir, { port: 0 });
    backend = await connect('ingest-registry-test', {
      certPath: broker.pki.backendCertPath,
      keyPath: broker.pki.backendKeyPath,
      caPath: broker.pki.caCertPath,
    });
    backend.onMessage((topic) => received.push(topic));
    await backend.subscribe(ingestSubscriptionFilters().map((topic) => ({ topic, qos: 1 as const })));
  });

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.stop(2_000)));
    await broker?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('gives a certificate no rights at all until its gateway is registered', async () => {
    const ca = await readLocalCa(broker.pki.caCertPath, broker.pki.caKeyPath);
    const { privateKeyPem, csrPem } = await generateKeyPairAndCsr('press-unregistered');
    const { certificatePem } = await signCsr(ca, csrPem, { commonName: 'press-unregistered' });
    const tls = { certPem: certificatePem, keyPem: privateKeyPem, caPath: broker.pki.caCertPath };
    const early = await connect('press-unregistered', tls);
    await expect(early.publish(deviceTopic('press-unregistered', 'state'), '{}', 1)).rejects.toMatchObject({
      reasonCode: 135,
    });
    await expect(
      early.subscribe([{ topic: deviceTopic('press-unregistered', 'cmd/req'), qos: 1 }]),
    ).rejects.toBeInstanceOf(MqttSubscribeError);
    await early.stop();

    await registerLocalGateway(stateDir, 'press-unregistered');
    const registered = await connect('press-unregistered', tls);
    await registered.publish(deviceTopic('press-unregistered', 'state'), '{}', 1);
    await registered.subscribe([{ topic: deviceTopic('press-unregistered', 'cmd/req'), qos: 1 }]);
    await registered.stop();
  });

  it("denies gateway A publishing or subscribing on gateway B's topics and joining ingest's share group", async () => {
    const a = await connect('press-a', files(await issueLocalGatewayIdentity(stateDir, 'press-a')));
    await issueLocalGatewayIdentity(stateDir, 'press-b');
    await expect(a.publish(deviceTopic('press-b', 'telemetry'), '{}', 1)).rejects.toBeInstanceOf(
      MqttPublishError,
    );
    await expect(a.subscribe([{ topic: deviceTopic('press-b', 'cmd/req'), qos: 1 }])).rejects.toBeInstanceOf(
      MqttSubscribeError,
    );
    await expect(a.subscribe([{ topic: 'cvg/#', qos: 1 }])).rejects.toBeInstanceOf(MqttSubscribeError);
    await expect(
      a.subscribe([{ topic: ingestSubscriptionFilters()[0] ?? '', qos: 1 }]),
    ).rejects.toBeInstanceOf(MqttSubscribeError);
    await settle();
    expect(received).not.toContain(deviceTopic('press-b', 'telemetry'));
  });

  it('disconnects a revoked gateway at once and refuses its reconnection, while others carry on', async () => {
    const identity = await issueLocalGatewayIdentity(stateDir, 'press-revoked');
    const other = await connect(
      'press-other',
      files(await issueLocalGatewayIdentity(stateDir, 'press-other')),
    );
    const victim = await connect('press-revoked', files(identity));
    const events: MqttConnectionEvent[] = [];
    victim.onConnectionEvent((event) => events.push(event));

    expect(await revokeLocalGateway(stateDir, 'press-revoked')).toEqual({ revokedCertificates: 1 });

    const deadline = Date.now() + 5_000;
    while (!events.some((event) => event.type === 'disconnected') && Date.now() < deadline) await settle();
    expect(events[0]).toMatchObject({ type: 'disconnected' });
    await settle();
    expect(victim.isConnected).toBe(false);
    await victim.stop();
    await expect(connect('press-revoked', files(identity))).rejects.toThrow();

    await other.publish(deviceTopic('press-other', 'state'), '{}', 1);
  });
});
