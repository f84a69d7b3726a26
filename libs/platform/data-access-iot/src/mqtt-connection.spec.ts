import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deviceTopic, ingestSubscriptionFilters } from '@convergent/shared-util-contracts';
import { createCa, generateKeyPairAndCsr, signCsr } from './local-ca';
import { findFreePort, startBroker, type BrokerHandle, type GatewayIdentityFiles } from './local-broker';
import { issueLocalGatewayIdentity } from './local-gateway-registry';
import { MqttConnection, type MqttConnectionOptions } from './mqtt-connection';
import { MqttConnectError, MqttPublishError } from './mqtt-errors';

// Against a real Mosquitto of our own, on a free port in a temporary state folder.
jest.setTimeout(30_000);

interface Received {
  topic: string;
  payload: string;
}

describe('MqttConnection against the local broker', () => {
  let stateDir: string;
  let broker: BrokerHandle;
  let gatewayA: GatewayIdentityFiles;
  let backend: MqttConnection;
  const received: Received[] = [];
  const connections: MqttConnection[] = [];

  function connection(options: Omit<MqttConnectionOptions, 'host' | 'port'>): MqttConnection {
    const created = new MqttConnection({
      host: broker.host,
      port: broker.port,
      connectTimeoutMs: 5_000,
      ...options,
    });
    connections.push(created);
    return created;
  }

  function gatewayConnection(identity: GatewayIdentityFiles): MqttConnection {
    return connection({
      clientId: identity.thingName,
      tls: { certPath: identity.certPath, keyPath: identity.keyPath, caPath: identity.caPath },
    });
  }

  async function waitFor(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((wake) => setTimeout(wake, 20));
    }
  }

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'cvg-iot-'));
    broker = await startBroker(stateDir, { port: 0 });
    gatewayA = await issueLocalGatewayIdentity(stateDir, 'gateway-A');
    backend = connection({
      clientId: 'ingest-test',
      backend: true,
      tls: {
        certPath: broker.pki.backendCertPath,
        keyPath: broker.pki.backendKeyPath,
        caPath: broker.pki.caCertPath,
      },
    });
    backend.onMessage((topic, payload) => received.push({ topic, payload: payload.toString('utf8') }));
    await backend.start();
    await backend.subscribe(ingestSubscriptionFilters().map((topic) => ({ topic, qos: 1 as const })));
  });

  afterAll(async () => {
    await Promise.all(connections.map((created) => created.stop(2_000)));
    await broker?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('delivers a gateway message on its own topic to the backend', async () => {
    const gateway = gatewayConnection(gatewayA);
    const events: string[] = [];
    gateway.onConnectionEvent((event) => events.push(event.type));
    await gateway.start();
    expect(gateway.isConnected).toBe(true);
    expect(events).toEqual(['connected']);

    await gateway.publish(deviceTopic('gateway-A', 'state'), '{"hello":1}', 1);

    await waitFor(
      () => received.some((message) => message.payload === '{"hello":1}'),
      'the backend to receive',
    );
    expect(received.find((message) => message.payload === '{"hello":1}')?.topic).toBe('cvg/gateway-A/state');
    await gateway.stop();
    expect(gateway.isConnected).toBe(false);
  });

  it("rejects gateway A publishing on gateway B's topic with reason 135, and the backend gets nothing", async () => {
    const gateway = gatewayConnection(gatewayA);
    await gateway.start();

    const rejection = gateway.publish(deviceTopic('gateway-B', 'state'), 'forged', 1);
    await expect(rejection).rejects.toBeInstanceOf(MqttPublishError);
    await expect(rejection).rejects.toMatchObject({
      reasonCode: 135,
      notAuthorized: true,
      topic: 'cvg/gateway-B/state',
    });

    // Mosquitto keeps one publisher's order: once this arrives, the forged one would have, too.
    await gateway.publish(deviceTopic('gateway-A', 'state'), 'after-forged', 1);
    await waitFor(
      () => received.some((message) => message.payload === 'after-forged'),
      'the control message',
    );
    expect(received.filter((message) => message.topic.startsWith('cvg/gateway-B/'))).toEqual([]);
    await gateway.stop();
  });

  it('with requireSubscriber, rejects a message nobody subscribes to (reason 16) instead of losing it', async () => {
    const gateway = gatewayConnection(gatewayA);
    await gateway.start();
    // The backend here subscribes to the ingest channels only, not to configuration replies.
    const topic = deviceTopic('gateway-A', 'config/reported');
    await expect(gateway.publish(topic, 'lost', 1)).resolves.toBeUndefined();
    const rejection = gateway.publish(topic, 'kept', 1, { requireSubscriber: true });
    await expect(rejection).rejects.toBeInstanceOf(MqttPublishError);
    await expect(rejection).rejects.toMatchObject({
      reasonCode: 16,
      message: `the broker has no subscriber for ${topic}: the message was not delivered`,
    });
    await expect(
      gateway.publish(deviceTopic('gateway-A', 'state'), 'subscribed', 1, { requireSubscriber: true }),
    ).resolves.toBeUndefined();
    await gateway.stop();
  });

  it('carries MQTT 5 correlation data and response topic', async () => {
    const gateway = gatewayConnection(gatewayA);
    await gateway.start();
    const seen: { correlation?: string; responseTopic?: string }[] = [];
    const stopListening = backend.onMessage((topic, _payload, properties) => {
      if (topic === 'cvg/gateway-A/cmd/res') {
        seen.push({
          correlation: properties.correlationData?.toString('utf8'),
          responseTopic: properties.responseTopic,
        });
      }
    });
    await backend.subscribe([{ topic: 'cvg/+/cmd/res', qos: 1 }]);

    await gateway.publish(deviceTopic('gateway-A', 'cmd/res'), '{}', 1, {
      correlationData: 'req-42',
      responseTopic: 'cvg/gateway-A/cmd/req',
    });

    await waitFor(() => seen.length === 1, 'the response');
    expect(seen[0]).toEqual({ correlation: 'req-42', responseTopic: 'cvg/gateway-A/cmd/req' });
    stopListening();
    await gateway.stop();
  });

  it('delivers a command request with its correlation data, response topic and message expiry', async () => {
    const gateway = gatewayConnection(gatewayA);
    await gateway.start();
    const seen: { correlation?: string; responseTopic?: string }[] = [];
    gateway.onMessage((_topic, _payload, properties) =>
      seen.push({
        correlation: properties.correlationData?.toString('utf8'),
        responseTopic: properties.responseTopic,
      }),
    );
    await gateway.subscribe([{ topic: deviceTopic('gateway-A', 'cmd/req'), qos: 1 }]);

    await backend.publish(deviceTopic('gateway-A', 'cmd/req'), '{}', 1, {
      correlationData: 'req-43',
      responseTopic: 'cvg/gateway-A/cmd/res',
      messageExpiryIntervalSeconds: 30,
    });

    await waitFor(() => seen.length === 1, 'the request');
    expect(seen[0]).toEqual({ correlation: 'req-43', responseTopic: 'cvg/gateway-A/cmd/res' });
    await gateway.stop();
  });

  it('with manual acknowledgement, redelivers to the next connection of the session what was not acknowledged', async () => {
    const consumer = (): MqttConnection =>
      connection({
        clientId: 'manual-ack-consumer',
        backend: true,
        cleanStart: false,
        sessionExpiryIntervalSeconds: 60,
        manualAcknowledgement: true,
        tls: {
          certPath: broker.pki.backendCertPath,
          keyPath: broker.pki.backendKeyPath,
          caPath: broker.pki.caCertPath,
        },
      });
    const first = consumer();
    const firstSeen: string[] = [];
    first.onMessage((topic, payload, properties) => {
      if (topic !== 'cvg/gateway-A/counts') return;
      const text = payload.toString('utf8');
      firstSeen.push(text);
      if (text === 'acknowledged') properties.acknowledge?.();
    });
    await first.start();
    await first.subscribe([{ topic: 'cvg/+/counts', qos: 1 }]);
    const gateway = gatewayConnection(gatewayA);
    await gateway.start();
    await gateway.publish(deviceTopic('gateway-A', 'counts'), 'acknowledged', 1);
    await gateway.publish(deviceTopic('gateway-A', 'counts'), 'held', 1);
    await waitFor(() => firstSeen.length === 2, 'both messages');
    await first.stop();

    const second = consumer();
    const secondSeen: string[] = [];
    second.onMessage((topic, payload, properties) => {
      if (topic !== 'cvg/gateway-A/counts') return;
      secondSeen.push(payload.toString('utf8'));
      properties.acknowledge?.();
    });
    await second.start();
    await waitFor(() => secondSeen.length === 1, 'the redelivery');
    await new Promise((wake) => setTimeout(wake, 300));
    expect(secondSeen).toEqual(['held']);
    await second.stop();

    const third = consumer();
    const thirdSeen: string[] = [];
    third.onMessage((topic, payload) => {
      if (topic === 'cvg/gateway-A/counts') thirdSeen.push(payload.toString('utf8'));
    });
    await third.start();
    await new Promise((wake) => setTimeout(wake, 500));
    expect(thirdSeen).toEqual([]);
    await third.stop();
    await gateway.stop();
  });

  it('refuses a client whose certificate comes from another CA', async () => {
    const otherCa = await createCa('Someone else');
    const { privateKeyPem, csrPem } = await generateKeyPairAndCsr('gateway-A');
    const forged = await signCsr(otherCa, csrPem, { commonName: 'gateway-A' });
    // The intruder knows the broker's CA (it is public); only its own certificate is foreign.
    const intruder = connection({
      clientId: 'gateway-A',
      connectTimeoutMs: 1_500,
      reconnect: { minDelayMs: 100, maxDelayMs: 300 },
      tls: { certPem: forged.certificatePem, keyPem: privateKeyPem, caPath: broker.pki.caCertPath },
    });

    await expect(intruder.start()).rejects.toThrow(/^cannot reach the broker at .+: .*TLS/);
    expect(intruder.isConnected).toBe(false);
    expect(await readFile(broker.logPath, 'utf8')).toContain('certificate verify failed');
  });

  it('refuses a broker whose certificate it cannot verify', async () => {
    const otherCa = await createCa('Someone else');
    const client = connection({
      clientId: 'gateway-A',
      connectTimeoutMs: 1_500,
      tls: { certPath: gatewayA.certPath, keyPath: gatewayA.keyPath, caPem: otherCa.certificatePem },
    });
    const started = Date.now();

    await expect(client.start()).rejects.toThrow(MqttConnectError);
    // The SDK only gives up on this handshake after ~10 s; start() and its stop() must not wait for that.
    expect(Date.now() - started).toBeLessThan(1_500 + 2_000);
  });

  it('fails start() with a clear message when no broker listens, within the timeout', async () => {
    const port = await findFreePort();
    const lonely = new MqttConnection({
      host: '127.0.0.1',
      port,
      clientId: 'gateway-A',
      connectTimeoutMs: 1_500,
      tls: { certPath: gatewayA.certPath, keyPath: gatewayA.keyPath, caPath: gatewayA.caPath },
    });
    const started = Date.now();

    await expect(lonely.start()).rejects.toThrow(
      new RegExp(`^cannot reach the broker at 127\\.0\\.0\\.1:${port}: .+`),
    );
    expect(Date.now() - started).toBeLessThan(1_500 + 2_000);
    await expect(lonely.stop()).resolves.toBeUndefined();
  });

  it('ends a pending start() at once when stopped', async () => {
    const lonely = new MqttConnection({
      host: '127.0.0.1',
      port: await findFreePort(),
      clientId: 'gateway-A',
      connectTimeoutMs: 20_000,
      tls: { certPath: gatewayA.certPath, keyPath: gatewayA.keyPath, caPath: gatewayA.caPath },
    });
    const started = Date.now();
    const starting = lonely.start();
    setTimeout(() => void lonely.stop(), 200);

    await expect(starting).rejects.toThrow(/was stopped while connecting/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses to publish before start() and after stop(), and stops only once', async () => {
    const gateway = gatewayConnection(gatewayA);
    await expect(gateway.publish('cvg/gateway-A/state', 'x', 1)).rejects.toThrow(/call start\(\) before/);
    await gateway.start();
    await Promise.all([gateway.stop(), gateway.stop()]);
    await expect(gateway.publish('cvg/gateway-A/state', 'x', 1)).rejects.toThrow(/is stopped/);
  });
});
