import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import {
  PROTOCOL_VERSION,
  countMessageSchema,
  deviceTopic,
  presenceMessageSchema,
  stateMessageSchema,
  type CountMessage,
  type DeviceChannel,
  type PresenceMessage,
  type StateMessage,
} from '@convergent/shared-util-contracts';
import { MqttConnection } from '@convergent/platform-data-access-iot';
import type { AgentConfig } from './agent-config';
import { MachineFeed } from './machine-feed';
import { MachineSimulator, machineSeed, type MachineSimulatorOptions } from './machine-simulator';
import { SequenceStore } from './sequence-store';

// The gateway program's first cut: simulated machines, published as the device protocol says
// (docs/device-protocol.md). One MQTT connection per gateway (client id = thing name) carries every
// machine's messages, numbered by one gateway-wide sequence.
// TODO(issue 5): buffer on disk while offline; today a QoS 1 message waits in the
// SDK's memory queue and is lost if the process ends first.

export const AGENT_VERSION = '0.1.0';

export interface AgentOptions extends AgentConfig {
  logger?: Logger;
  // Simulator tuning (cycle time, durations), the same for every machine; seeds and start come from
  // the agent.
  simulator?: Omit<MachineSimulatorOptions, 'seed' | 'startTs'>;
  connectTimeoutMs?: number;
  // How often the simulators are read for state changes and due heartbeats; default
  // min(1 s, intervalMs, stateHeartbeatMs).
  statePollMs?: number;
  now?: () => number;
}

export interface AgentHandle {
  readonly thing: string;
  readonly machines: readonly string[];
  // The gateway seed the machines' simulators were derived from, to reproduce a run.
  readonly seed: number;
  // Publishes the counts not yet sent and "offline", then disconnects. Bounded in time.
  stop(): Promise<void>;
}

const PUBLISH_DRAIN_MS = 3_000;

export async function runAgent(options: AgentOptions): Promise<AgentHandle> {
  const now = options.now ?? Date.now;
  const log = (options.logger ?? pino({ name: 'edge-agent' })).child({ thing: options.thing });
  if (options.machines.length === 0) throw new RangeError('an agent needs at least one machine');
  if (new Set(options.machines).size !== options.machines.length)
    throw new RangeError('the machine keys of an agent must be unique');
  if (!(options.stateHeartbeatMs > 0)) throw new RangeError('stateHeartbeatMs must be positive');
  const seed = options.seed ?? randomInt(2 ** 31);
  const sequence = SequenceStore.open(join(options.dataDir, 'sequence.json'));
  const presenceTopic = deviceTopic(options.thing, 'presence');

  const connection = new MqttConnection({
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
    ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  });

  const inFlight = new Set<Promise<void>>();
  const publish = (channel: DeviceChannel, message: object): void => {
    const topic = deviceTopic(options.thing, channel);
    const sending = connection
      .publish(topic, JSON.stringify(message), 1)
      .catch((error: unknown) => log.warn({ err: error, topic }, 'publish failed'))
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };

  connection.onConnectionEvent((event) => {
    switch (event.type) {
      case 'connected':
        log.info({ endpoint: connection.endpoint, sessionPresent: event.sessionPresent }, 'connected');
        publish('presence', presenceMessageSchema.parse({ ...presence('online'), ts: now() }));
        break;
      case 'disconnected':
        log.warn({ reason: event.reason, reasonCode: event.reasonCode }, 'disconnected');
        break;
      case 'connection-failed':
        log.warn({ reason: event.reason, reasonCode: event.reasonCode }, 'connection attempt failed');
        break;
      case 'error':
        log.error({ err: event.error }, 'MQTT client error');
        break;
    }
  });

  try {
    await connection.start();
  } catch (error) {
    sequence.close();
    throw error;
  }

  // The machines' history starts once the gateway can report it.
  const startTs = now();
  let feeds: MachineFeed[];
  try {
    feeds = options.machines.map(
      (machine, index) =>
        new MachineFeed({
          machine,
          simulator: new MachineSimulator({
            ...options.simulator,
            ...(options.simulatedCycleTimesMs?.[machine] !== undefined
              ? { cycleTimeMs: options.simulatedCycleTimesMs[machine] }
              : {}),
            seed: machineSeed(seed, index),
            startTs,
          }),
          stateHeartbeatMs: options.stateHeartbeatMs,
        }),
    );
  } catch (error) {
    // Bad simulator tuning: leave nothing behind.
    await connection.stop();
    sequence.close();
    throw error;
  }

  const publishState = (feed: MachineFeed, ts: number): void => {
    const report = feed.stateReport(ts);
    if (report === undefined) return;
    const message: StateMessage = stateMessageSchema.parse({
      v: PROTOCOL_VERSION,
      seq: sequence.next(),
      machine: feed.machine,
      events: report.events,
    });
    const details = { machine: feed.machine, state: feed.state?.state, seq: message.seq };
    if (report.heartbeat) log.debug(details, 'state unchanged, re-sent');
    else log.info(details, 'state changed');
    publish('state', message);
  };
  const publishCounts = (feed: MachineFeed, ts: number): void => {
    const counts = feed.countReadings(ts);
    if (counts.length === 0) return;
    const message: CountMessage = countMessageSchema.parse({
      v: PROTOCOL_VERSION,
      seq: sequence.next(),
      machine: feed.machine,
      counts,
    });
    publish('counts', message);
  };
  const poll = (): void => {
    const ts = now();
    for (const feed of feeds) publishState(feed, ts);
  };
  // State first, so a machine's state changes never trail the counts made after them.
  const publishAllCounts = (): void => {
    const ts = now();
    for (const feed of feeds) {
      publishState(feed, ts);
      publishCounts(feed, ts);
    }
  };

  poll(); // the initial states, right away
  const statePollMs = options.statePollMs ?? Math.min(1_000, options.intervalMs, options.stateHeartbeatMs);
  const stateTimer = setInterval(poll, statePollMs);
  const countsTimer = setInterval(publishAllCounts, options.intervalMs);
  log.info(
    {
      machines: options.machines,
      seed,
      intervalMs: options.intervalMs,
      stateHeartbeatMs: options.stateHeartbeatMs,
    },
    'agent running',
  );

  let stopping: Promise<void> | undefined;
  return {
    thing: options.thing,
    machines: [...options.machines],
    seed,
    stop(): Promise<void> {
      stopping ??= (async () => {
        clearInterval(stateTimer);
        clearInterval(countsTimer);
        if (connection.isConnected) {
          publishAllCounts();
          publish('presence', presenceMessageSchema.parse({ ...presence('offline'), ts: now() }));
        }
        await drain(inFlight, PUBLISH_DRAIN_MS);
        await connection.stop();
        sequence.close();
        log.info('agent stopped');
      })();
      return stopping;
    },
  };
}

function presence(status: PresenceMessage['status']): PresenceMessage {
  return { v: PROTOCOL_VERSION, status, agentVersion: AGENT_VERSION };
}

async function drain(inFlight: Set<Promise<void>>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(inFlight),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}
