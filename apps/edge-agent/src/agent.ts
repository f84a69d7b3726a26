import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import {
  PROTOCOL_VERSION,
  commandResponseMessageSchema,
  countMessageSchema,
  desiredConfigMessageSchema,
  deviceTopic,
  presenceMessageSchema,
  reportedConfigMessageSchema,
  simulatedMachine,
  stateMessageSchema,
  telemetryMessageSchema,
  type MachineSpec,
  type PresenceMessage,
} from '@convergent/shared-util-contracts';
import {
  MqttConnectError,
  MqttConnection,
  type MqttMessageProperties,
} from '@convergent/platform-data-access-iot';
import type { AgentConfig } from './agent-config';
import { DesiredConfigStore, parseDesiredConfig, type GatewayMachines } from './desired-config';
import { commandIdOf, runCommand, type CommandHandlers } from './control/commands';
import { ReplyOutbox } from './control/reply-outbox';
import { machineSeed, type MachineSimulatorOptions } from './machine-simulator';
import { createMachineRuntime, type MachineMessageBody, type MachineRuntime } from './machine-runtime';
import { MessageLog } from './outbox/message-log';
import { OutboxPublisher } from './outbox/outbox-publisher';
import { SequenceStore } from './sequence-store';
import { writeStatus, type AgentStatus } from './status-file';

// The gateway program: reads its machines (simulated, Modbus TCP or OPC UA), turns what they say
// into the device protocol's messages (docs/device-protocol.md), writes every message to the
// on-disk log first and publishes the log in order over one MQTT connection (client id = thing
// name), one gateway-wide sequence numbering them all. A broker outage, a restart or a power cut
// loses nothing that reached the log; the cloud de-duplicates re-sent messages by sequence number.

export const AGENT_VERSION = '0.2.0';

export interface AgentOptions extends Omit<AgentConfig, 'machines'> {
  machines: readonly (string | MachineSpec)[];
  logger?: Logger;
  // Simulator tuning (cycle time, durations), the same for every machine; seeds and start come from
  // the agent.
  simulator?: Omit<MachineSimulatorOptions, 'seed' | 'startTs'>;
  connectTimeoutMs?: number;
  // How often the machines are read for state changes and due heartbeats; default
  // min(1 s, intervalMs, stateHeartbeatMs).
  statePollMs?: number;
  now?: () => number;
}

export interface AgentHandle {
  readonly thing: string;
  readonly machines: readonly string[];
  // The gateway seed the machines' simulators were derived from, to reproduce a run.
  readonly seed: number;
  // Flushes what the machines have, publishes what the broker takes within a few seconds (the
  // rest stays in the log for the next start), says "offline" and disconnects.
  stop(): Promise<void>;
}

const DRAIN_ON_STOP_MS = 3_000;
const STATUS_EVERY_MS = 1_000;
const REPLY_KEEP_MS = 60_000;

export async function runAgent(options: AgentOptions): Promise<AgentHandle> {
  const now = options.now ?? Date.now;
  const log = (options.logger ?? pino({ name: 'edge-agent' })).child({ thing: options.thing });
  if (!(options.stateHeartbeatMs > 0)) throw new RangeError('stateHeartbeatMs must be positive');
  const seed = options.seed ?? randomInt(2 ** 31);
  const desiredStore = new DesiredConfigStore(join(options.dataDir, 'desired-config.json'));
  let machines: GatewayMachines = loadDesired(desiredStore, log) ?? localMachines(options);
  const sequence = SequenceStore.open(join(options.dataDir, 'sequence.json'));
  const messageLog = MessageLog.open(join(options.dataDir, 'buffer'), {
    ...(options.buffer?.maxBytes !== undefined ? { maxBytes: options.buffer.maxBytes } : {}),
    fsync: options.buffer?.fsyncIntervalMs ? { intervalMs: options.buffer.fsyncIntervalMs } : 'always',
  });
  const presenceTopic = deviceTopic(options.thing, 'presence');
  const status: AgentStatus = {
    pid: process.pid,
    thing: options.thing,
    agentVersion: AGENT_VERSION,
    startedAt: now(),
    updatedAt: now(),
    connection: { state: 'connecting', endpoint: `${options.endpoint.host}:${options.endpoint.port}` },
    buffer: messageLog.stats(),
    published: 0,
    config: { version: machines.version, source: machines.version > 0 ? 'cloud' : 'local file' },
    machines: [],
  };

  let connection: MqttConnection | undefined;
  const transport = {
    get isConnected() {
      return connection?.isConnected === true;
    },
    // requireSubscriber: a broker that restarted accepts messages before ingest has subscribed
    // again and drops them (PUBACK 16); refused like this they stay in the log and go again.
    publish: (topic: string, payload: string, options: { correlationData?: string } = {}) =>
      connection === undefined
        ? Promise.reject(new Error('not connected'))
        : connection.publish(topic, payload, 1, { ...options, requireSubscriber: true }),
  };
  const replies = new ReplyOutbox(transport, now, (error, reply) =>
    log.debug({ err: error, topic: reply.topic }, 'reply not delivered; it will be sent again'),
  );
  let droppedReported = messageLog.stats().dropped;
  const publisher = new OutboxPublisher({
    log: messageLog,
    transport,
    ...(options.publish?.maxPerSecond !== undefined ? { maxPerSecond: options.publish.maxPerSecond } : {}),
    onError: (error, topic) =>
      log.debug({ err: error, topic }, 'publish not acknowledged; it will be sent again'),
    now,
  });

  // Presence is live-only: not worth replaying after an outage, and sent whether or not anyone
  // listens (the will and the next connect say it again).
  const publishLive = (topic: string, message: object): Promise<void> => {
    if (connection === undefined || !connection.isConnected) return Promise.resolve();
    return connection
      .publish(topic, JSON.stringify(message), 1)
      .catch((error: unknown) => log.warn({ err: error, topic }, 'publish failed'));
  };

  const enqueue = (machine: string, bodies: MachineMessageBody[]): void => {
    const messages = bodies.map((body) => toMessage(machine, body, () => sequence.next()));
    if (messages.length === 0) return;
    messageLog.append(
      messages.map((message) => ({
        topic: deviceTopic(options.thing, message.channel),
        payload: message.payload,
      })),
    );
    const { dropped } = messageLog.stats();
    if (dropped > droppedReported) {
      log.warn(
        { dropped: dropped - droppedReported, droppedTotal: dropped },
        'buffer full: oldest messages dropped',
      );
      droppedReported = dropped;
    }
    publisher.pump();
  };

  // The machines: replaced as a whole when the cloud sends another configuration.
  let runtimes: MachineRuntime[] = [];
  let samplers: NodeJS.Timeout[] = [];
  const startMachines = async (specs: readonly MachineSpec[]): Promise<void> => {
    const startTs = now();
    const context = { startTs, stateHeartbeatMs: options.stateHeartbeatMs, dataDir: options.dataDir };
    const created = specs.map((spec, index) =>
      createMachineRuntime(spec, {
        ...context,
        seed: machineSeed(seed, index),
        ...(options.simulator !== undefined ? { simulator: options.simulator } : {}),
      }),
    );
    await Promise.all(created.map((runtime) => runtime.start()));
    runtimes = created;
    samplers = created.map((runtime) => {
      const sample = (): void => {
        runtime
          .sample(now())
          .catch((error: unknown) => log.warn({ err: error, machine: runtime.key }, 'sample failed'));
      };
      sample();
      return setInterval(sample, runtime.sampleMs);
    });
  };
  const stopMachines = async (): Promise<void> => {
    samplers.forEach(clearInterval);
    samplers = [];
    const ts = now();
    for (const runtime of runtimes) enqueue(runtime.key, runtime.collect(ts, true));
    await Promise.all(runtimes.map((runtime) => runtime.stop()));
    runtimes = [];
  };

  let applying = Promise.resolve();
  const applyDesired = async (payload: Buffer): Promise<void> => {
    let version = 0;
    try {
      const message = desiredConfigMessageSchema.parse(JSON.parse(payload.toString('utf8')));
      version = message.version;
      // Already running it (the retained message after a reconnect), or older than what runs.
      if (version <= machines.version) return;
      const next = parseDesiredConfig(message);
      await stopMachines();
      await startMachines(next.machines);
      machines = next;
      desiredStore.save(next);
      status.config = { version, source: 'cloud' };
      log.info(
        { version, machines: next.machines.map((machine) => machine.key) },
        'desired configuration applied',
      );
      report({ version, status: 'applied' });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.warn({ version, reason }, 'desired configuration rejected; the previous one stays');
      report({ version, status: 'rejected', error: reason.slice(0, 4000) });
    }
  };
  // Only the latest report matters: it replaces one not yet delivered.
  const report = (outcome: { version: number; status: 'applied' | 'rejected'; error?: string }): void =>
    replies.send({
      key: 'config/reported',
      topic: deviceTopic(options.thing, 'config/reported'),
      payload: JSON.stringify(
        reportedConfigMessageSchema.parse({
          v: PROTOCOL_VERSION,
          seq: sequence.next(),
          ...outcome,
          ts: now(),
          config: { machines: machines.machines },
        }),
      ),
    });

  const commands: CommandHandlers = {
    ping: () =>
      Promise.resolve({
        agentVersion: AGENT_VERSION,
        uptimeS: Math.round((now() - status.startedAt) / 1000),
        configVersion: machines.version,
        buffered: messageLog.stats().depth,
      }),
    'machine-health': () =>
      Promise.resolve(
        Object.fromEntries(
          runtimes.flatMap((runtime) => {
            const health = runtime.health();
            return [
              [runtime.key, health.status],
              ...(health.lastError ? [[`${runtime.key}.error`, health.lastError.slice(0, 1024)]] : []),
            ];
          }),
        ),
      ),
    // Reconnects every machine's PLC link (after a PLC was swapped or its address moved).
    'restart-connectors': async () => {
      await stopMachines();
      await startMachines(machines.machines);
      return { machines: runtimes.length };
    },
  };
  const answerCommand = async (payload: Buffer, properties: MqttMessageProperties): Promise<void> => {
    const id = commandIdOf(properties.correlationData);
    if (id === null) {
      log.warn('command without a command id (correlation data) ignored: nobody to answer');
      return;
    }
    const answer = await runCommand(payload, commands, now);
    log.info({ command: id, status: answer.status, error: answer.error }, 'command answered');
    const { expiresAt, ...reply } = answer;
    replies.send({
      key: id,
      // Our own reply topic whatever the request says: the broker grants no other.
      topic: deviceTopic(options.thing, 'cmd/res'),
      payload: JSON.stringify(
        commandResponseMessageSchema.parse({
          v: PROTOCOL_VERSION,
          seq: sequence.next(),
          ...reply,
          ts: now(),
        }),
      ),
      correlationData: id,
      // Until the command expires, and at least a minute: a late answer still tells the cloud
      // what happened (it keeps it without changing the command's status).
      expiresAt: Math.max(expiresAt ?? 0, now() + REPLY_KEEP_MS),
    });
  };

  const stateTimer = setInterval(
    () => {
      const ts = now();
      for (const runtime of runtimes) enqueue(runtime.key, runtime.collect(ts, false));
    },
    options.statePollMs ?? Math.min(1_000, options.intervalMs, options.stateHeartbeatMs),
  );
  const publishTimer = setInterval(() => {
    const ts = now();
    for (const runtime of runtimes) enqueue(runtime.key, runtime.collect(ts, true));
  }, options.intervalMs);
  const statusTimer = setInterval(() => {
    refreshStatus();
    replies.retry();
  }, STATUS_EVERY_MS);
  const refreshStatus = (): void => {
    const stats = publisher.stats();
    status.updatedAt = now();
    messageLog.persistCommit();
    status.buffer = messageLog.stats();
    status.published = stats.published;
    if (stats.lastPublishAt !== undefined) status.lastPublishAt = stats.lastPublishAt;
    status.machines = runtimes.map((runtime) => ({ key: runtime.key, ...runtime.health() }));
    try {
      writeStatus(options.dataDir, status);
    } catch (error) {
      log.warn({ err: error }, 'cannot write the status file');
    }
  };

  await startMachines(machines.machines);

  let stopped = false;
  const connecting = connectUntilStopped();
  async function connectUntilStopped(): Promise<void> {
    let delayMs = 1_000;
    while (!stopped) {
      const attempt = newConnection();
      try {
        await attempt.start();
        if (stopped) {
          await attempt.stop(1_000);
          return;
        }
        connection = attempt;
        await attempt
          .subscribe([
            { topic: deviceTopic(options.thing, 'config/desired'), qos: 1 },
            { topic: deviceTopic(options.thing, 'cmd/req'), qos: 1 },
          ])
          .catch((error: unknown) =>
            log.warn({ err: error }, 'cannot subscribe to the desired configuration and commands'),
          );
        onConnected();
        return;
      } catch (error) {
        const refused = error instanceof MqttConnectError && error.code === 'refused';
        const reason = error instanceof Error ? error.message : String(error);
        status.connection = {
          ...status.connection,
          state: refused ? 'refused' : 'unreachable',
          lastError: reason,
        };
        log.warn({ reason, retryInMs: delayMs }, 'cannot connect; buffering on disk and trying again');
        await sleep(delayMs, () => stopped);
        delayMs = Math.min(delayMs * 2, refused ? 300_000 : 10_000);
      }
    }
  }

  function newConnection(): MqttConnection {
    const next = new MqttConnection({
      host: options.endpoint.host,
      port: options.endpoint.port,
      clientId: options.thing,
      tls: {
        certPath: options.certPath,
        keyPath: options.keyPath,
        ...(options.caPath ? { caPath: options.caPath } : {}),
      },
      // What the broker says for us when we vanish without a goodbye. No timestamp: it is written now.
      will: { topic: presenceTopic, payload: JSON.stringify(presence('offline')), qos: 1 },
      reconnect: { minDelayMs: 500, maxDelayMs: 15_000 },
      ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    });
    next.onConnectionEvent((event) => {
      switch (event.type) {
        case 'connected':
          // The first connect is handled after start(); these are the reconnects.
          if (connection === next) onConnected();
          break;
        case 'disconnected':
          status.connection = { ...status.connection, state: 'unreachable', lastError: event.reason };
          log.warn({ reason: event.reason, reasonCode: event.reasonCode }, 'disconnected; buffering on disk');
          break;
        case 'connection-failed':
          status.connection = { ...status.connection, state: 'unreachable', lastError: event.reason };
          log.debug({ reason: event.reason }, 'reconnect attempt failed');
          break;
        case 'error':
          log.error({ err: event.error }, 'MQTT client error');
          break;
      }
    });
    next.onMessage((topic, payload, properties) => {
      // One configuration or command at a time, in the order they came: a command never sees
      // machines half replaced.
      if (topic === deviceTopic(options.thing, 'config/desired'))
        applying = applying.then(() => applyDesired(payload));
      else if (topic === deviceTopic(options.thing, 'cmd/req'))
        applying = applying.then(() => answerCommand(payload, properties));
    });
    return next;
  }

  function onConnected(): void {
    status.connection = { state: 'connected', endpoint: status.connection.endpoint, since: now() };
    log.info({ endpoint: status.connection.endpoint, backlog: messageLog.stats().depth }, 'connected');
    void publishLive(presenceTopic, presenceMessageSchema.parse({ ...presence('online'), ts: now() }));
    report({ version: machines.version, status: 'applied' });
    replies.retry();
    publisher.pump();
  }

  refreshStatus();
  log.info(
    {
      machines: machines.machines.map((machine) => machine.key),
      seed,
      intervalMs: options.intervalMs,
      configVersion: machines.version,
    },
    'agent running',
  );

  let stopping: Promise<void> | undefined;
  return {
    thing: options.thing,
    machines: machines.machines.map((machine) => machine.key),
    seed,
    stop(): Promise<void> {
      stopping ??= (async () => {
        stopped = true;
        await applying;
        clearInterval(stateTimer);
        clearInterval(publishTimer);
        clearInterval(statusTimer);
        await stopMachines();
        if (transport.isConnected) {
          await publisher.drain(DRAIN_ON_STOP_MS);
          // The goodbye must be out before the connection closes, or the cloud waits for the will.
          await withTimeout(
            publishLive(presenceTopic, presenceMessageSchema.parse({ ...presence('offline'), ts: now() })),
            DRAIN_ON_STOP_MS,
          );
        }
        publisher.stop();
        await connecting;
        await connection?.stop();
        status.connection = { ...status.connection, state: 'stopped' };
        refreshStatus();
        messageLog.close();
        sequence.close();
        log.info({ buffered: messageLog.stats().depth }, 'agent stopped');
      })();
      return stopping;
    },
  };
}

// A damaged copy of the cloud's configuration must not keep the gateway down: it runs its local
// file until the cloud sends the configuration again (it is retained on the broker).
function loadDesired(store: DesiredConfigStore, log: Logger): GatewayMachines | undefined {
  try {
    return store.load();
  } catch (error) {
    log.error({ err: error }, 'the stored configuration from the cloud is unusable; running the local file');
    return undefined;
  }
}

function localMachines(options: Pick<AgentOptions, 'machines' | 'simulatedCycleTimesMs'>): GatewayMachines {
  const specs = options.machines.map((machine) => {
    const spec = typeof machine === 'string' ? simulatedMachine(machine) : structuredClone(machine);
    const cycleTimeMs = options.simulatedCycleTimesMs?.[spec.key];
    if (
      spec.source.kind === 'simulator' &&
      spec.source.cycleTimeMs === undefined &&
      cycleTimeMs !== undefined
    )
      spec.source.cycleTimeMs = cycleTimeMs;
    return spec;
  });
  if (specs.length === 0) throw new RangeError('an agent needs at least one machine');
  if (new Set(specs.map((spec) => spec.key)).size !== specs.length)
    throw new RangeError('the machine keys of an agent must be unique');
  return { version: 0, machines: specs };
}

function toMessage(
  machine: string,
  body: MachineMessageBody,
  nextSeq: () => number,
): { channel: MachineMessageBody['channel']; payload: string } {
  const header = { v: PROTOCOL_VERSION, seq: nextSeq(), machine };
  switch (body.channel) {
    case 'state':
      return {
        channel: 'state',
        payload: JSON.stringify(stateMessageSchema.parse({ ...header, events: body.events })),
      };
    case 'counts':
      return {
        channel: 'counts',
        payload: JSON.stringify(countMessageSchema.parse({ ...header, counts: body.counts })),
      };
    case 'telemetry':
      return {
        channel: 'telemetry',
        payload: JSON.stringify(telemetryMessageSchema.parse({ ...header, points: body.points })),
      };
  }
}

function presence(status: PresenceMessage['status']): PresenceMessage {
  return { v: PROTOCOL_VERSION, status, agentVersion: AGENT_VERSION };
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

async function sleep(ms: number, cancelled: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !cancelled())
    await new Promise((wake) => setTimeout(wake, Math.min(200, until - Date.now())));
}
