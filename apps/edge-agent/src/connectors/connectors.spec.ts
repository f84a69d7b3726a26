import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerTCP } from 'modbus-serial';
import {
  DataType,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  Variant,
} from 'node-opcua';
import { pino } from 'pino';
import {
  countMessageSchema,
  ingestSubscriptionFilters,
  parseDeviceTopic,
  stateMessageSchema,
  telemetryMessageSchema,
} from '@convergent/shared-util-contracts';
import {
  MqttConnection,
  findFreePort,
  issueLocalGatewayIdentity,
  startBroker,
  type BrokerHandle,
} from '@convergent/platform-data-access-iot';
import { runAgent, type AgentHandle } from '../agent';
import { machineSpecSchema } from '@convergent/shared-util-contracts';
import { encodeRegisters } from '../signals/register-codec';
import { readStatus } from '../status-file';
import { cloudConnection } from '../testing/cloud-connection';

// Done means: values read through the connectors from real servers (modbus-serial's ServerTCP,
// node-opcua's OPCUAServer, in this process) end up in the messages the cloud receives.
jest.setTimeout(90_000);

interface Received {
  channel: string;
  body: { machine?: string } & Record<string, unknown>;
}

describe('machine connectors into published messages', () => {
  let dir: string;
  let broker: BrokerHandle;
  let backend: MqttConnection;
  let modbus: ServerTCP;
  let opcua: OPCUAServer;
  let agent: AgentHandle | undefined;
  let startAgent: () => Promise<AgentHandle>;
  const received: Received[] = [];
  const holding = new Map<number, number>();
  const input = new Map<number, number>();
  const coils = new Map<number, boolean>();
  let opcuaSpeed = 0;

  const setHolding = (address: number, words: number[]) =>
    words.forEach((word, index) => holding.set(address + index, word));

  async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((wake) => setTimeout(wake, 50));
    }
  }

  const points = (machine: string) =>
    received
      .filter((message) => message.channel === 'telemetry' && message.body.machine === machine)
      .flatMap((message) => telemetryMessageSchema.parse(message.body).points);
  const states = (machine: string) =>
    received
      .filter((message) => message.channel === 'state' && message.body.machine === machine)
      .flatMap((message) => stateMessageSchema.parse(message.body).events);
  const counts = (machine: string) =>
    received
      .filter((message) => message.channel === 'counts' && message.body.machine === machine)
      .flatMap((message) => countMessageSchema.parse(message.body).counts);

  let modbusPort: number;
  let opcuaPort: number;

  async function startModbusServer(): Promise<ServerTCP> {
    const server = new ServerTCP(
      {
        getHoldingRegister: (address: number) => holding.get(address) ?? 0,
        getInputRegister: (address: number) => input.get(address) ?? 0,
        getCoil: (address: number) => coils.get(address) ?? false,
      },
      { host: '127.0.0.1', port: modbusPort, unitID: 7 },
    );
    await new Promise<void>((resolve) => server.on('initialized', () => resolve()));
    return server;
  }

  // A fresh server process as far as the client can tell: new sessions, no subscriptions.
  async function startOpcuaServer(): Promise<OPCUAServer> {
    const server = new OPCUAServer({
      port: opcuaPort,
      serverCertificateManager: new OPCUACertificateManager({
        rootFolder: join(dir, 'opcua-server-pki'),
        automaticallyAcceptUnknownCertificate: true,
      }),
      securityModes: [MessageSecurityMode.SignAndEncrypt],
      securityPolicies: [SecurityPolicy.Basic256Sha256],
    });
    await server.initialize();
    const addressSpace = server.engine.addressSpace;
    if (addressSpace === null) throw new Error('the OPC UA server has no address space');
    const namespace = addressSpace.getOwnNamespace();
    const press = namespace.addObject({ organizedBy: addressSpace.rootFolder.objects, browseName: 'Press' });
    namespace.addVariable({
      componentOf: press,
      browseName: 'SpindleSpeed',
      nodeId: 's=Press.SpindleSpeed',
      dataType: 'Double',
      minimumSamplingInterval: 100,
      value: { get: () => new Variant({ dataType: DataType.Double, value: opcuaSpeed }) },
    });
    await server.start();
    return server;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvg-edge-connectors-'));
    broker = await startBroker(join(dir, 'broker'), { port: 0 });
    backend = cloudConnection(broker, 'connectors-test-backend');
    backend.onMessage((topic, payload) => {
      const parsed = parseDeviceTopic(topic);
      if (parsed !== null)
        received.push({
          channel: parsed.channel,
          body: JSON.parse(payload.toString('utf8')) as Received['body'],
        });
    });
    await backend.start();
    await backend.subscribe(ingestSubscriptionFilters().map((topic) => ({ topic, qos: 1 as const })));

    modbusPort = await findFreePort();
    modbus = await startModbusServer();
    opcuaPort = await findFreePort();
    opcua = await startOpcuaServer();

    const identity = await issueLocalGatewayIdentity(join(dir, 'broker'), 'gw-connectors');
    // Big-endian float in little word order (CDAB), a scaled int16 and a 32-bit part counter.
    setHolding(0, encodeRegisters(1234.5, { type: 'float32', wordOrder: 'little' }));
    input.set(10, encodeRegisters(61.5, { type: 'int16', scale: 0.1 })[0] ?? 0);
    setHolding(20, encodeRegisters(4_294_967_290, { type: 'uint32' }));
    coils.set(3, false);
    opcuaSpeed = 1500;

    const machines = [
      machineSpecSchema.parse({
        key: 'lathe-modbus',
        source: {
          kind: 'modbus',
          host: '127.0.0.1',
          port: modbusPort,
          unitId: 7,
          tags: [
            {
              name: 'spindle.speed',
              area: 'holding',
              address: 0,
              type: 'float32',
              wordOrder: 'little',
              sampleMs: 200,
            },
            { name: 'spindle.temp', area: 'input', address: 10, type: 'int16', scale: 0.1, sampleMs: 200 },
            { name: 'parts', area: 'holding', address: 20, type: 'uint32', sampleMs: 200 },
            { name: 'fault', area: 'coil', address: 3, sampleMs: 200 },
          ],
        },
        state: { runningTag: 'spindle.speed', runningAbove: 100, forMs: 0, faultTag: 'fault' },
        counters: [{ counter: 'produced', tag: 'parts', bits: 32 }],
      }),
      machineSpecSchema.parse({
        key: 'mill-opcua',
        source: {
          kind: 'opcua',
          endpointUrl: opcua.getEndpointUrl(),
          securityMode: 'SignAndEncrypt',
          securityPolicy: 'Basic256Sha256',
          acceptUnknownServerCertificate: true,
          tags: [{ name: 'spindle.speed', nodeId: `ns=1;s=Press.SpindleSpeed`, sampleMs: 200 }],
        },
        state: { runningTag: 'spindle.speed', runningAbove: 100, forMs: 0 },
      }),
    ];
    startAgent = () =>
      runAgent({
        endpoint: { host: broker.host, port: broker.port },
        certPath: identity.certPath,
        keyPath: identity.keyPath,
        caPath: identity.caPath,
        thing: identity.thingName,
        machines,
        intervalMs: 300,
        stateHeartbeatMs: 5_000,
        dataDir: join(dir, 'agent'),
        statePollMs: 100,
        logger: pino({ level: 'silent' }),
      });
    agent = await startAgent();
  });

  afterAll(async () => {
    await agent?.stop();
    await backend?.stop(2_000);
    await broker?.stop();
    await new Promise<void>((resolve) => (modbus ? modbus.close(() => resolve()) : resolve()));
    await opcua?.shutdown(0);
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes Modbus registers decoded by type, word order and scale, with the state and counts they imply', async () => {
    await waitFor(() => points('lathe-modbus').find((point) => point.metric === 'parts'), 'Modbus telemetry');
    const latest = (metric: string) => points('lathe-modbus').find((point) => point.metric === metric)?.value;
    expect(latest('spindle.speed')).toBeCloseTo(1234.5, 3);
    expect(latest('spindle.temp')).toBeCloseTo(61.5, 6);
    expect(latest('fault')).toBe(0);
    await waitFor(() => states('lathe-modbus').find((event) => event.state === 'running'), 'running');

    // The PLC's counter wraps at the top of its 32 bits: 6 to the top, then 4 more.
    setHolding(20, encodeRegisters(4, { type: 'uint32' }));
    await waitFor(() => counts('lathe-modbus').find((count) => count.counter === 'produced'), 'counts');
    expect(counts('lathe-modbus')).toEqual([expect.objectContaining({ counter: 'produced', increment: 10 })]);

    coils.set(3, true);
    const down = await waitFor(() => states('lathe-modbus').find((event) => event.state === 'down'), 'down');
    expect(down.reason).toBe('fault');
  });

  it('publishes OPC UA values pushed by a subscription over a signed and encrypted channel', async () => {
    await waitFor(() => points('mill-opcua').find((point) => point.value === 1500), 'the first OPC UA value');
    await waitFor(() => states('mill-opcua').find((event) => event.state === 'running'), 'running');
    opcuaSpeed = 0;
    await waitFor(() => points('mill-opcua').find((point) => point.value === 0), 'the changed OPC UA value');
    await waitFor(() => states('mill-opcua').find((event) => event.state === 'idle'), 'idle');
  });

  it('keeps reading after both controllers restart: Modbus reconnects, the OPC UA subscription comes back', async () => {
    await new Promise<void>((resolve) => modbus.close(() => resolve()));
    await opcua.shutdown(0);
    await waitFor(() => {
      const machines = readStatus(join(dir, 'agent'))?.machines ?? [];
      return machines.every((machine) => machine.status === 'unreachable') ? machines : undefined;
    }, 'both machines reported unreachable');
    setHolding(0, encodeRegisters(999.5, { type: 'float32', wordOrder: 'little' }));
    opcuaSpeed = 777;
    modbus = await startModbusServer();
    opcua = await startOpcuaServer();
    await waitFor(
      () => points('lathe-modbus').find((point) => point.value === 999.5),
      'Modbus values again',
      40_000,
    );
    await waitFor(
      () => points('mill-opcua').find((point) => point.value === 777),
      'OPC UA values again',
      40_000,
    );
  });

  it('counts the parts a PLC made while the agent was stopped', async () => {
    const produced = () =>
      counts('lathe-modbus')
        .filter((count) => count.counter === 'produced')
        .map((count) => ('increment' in count ? count.increment : 0));
    setHolding(20, encodeRegisters(30, { type: 'uint32' }));
    await waitFor(() => (produced().includes(26) ? true : undefined), 'the parts since the roll-over test');
    await agent?.stop();
    setHolding(20, encodeRegisters(50, { type: 'uint32' }));
    agent = await startAgent();
    await waitFor(() => (produced().includes(20) ? true : undefined), 'the 20 parts made meanwhile');
  });
});
