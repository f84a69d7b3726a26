import { join } from 'node:path';
import type { Counter } from '@convergent/shared-util-contracts';
import type { Connector, ConnectorHealth } from './connectors/connector';
import type { MachineSpec } from '@convergent/shared-util-contracts';
import { MachineFeed, type MachineSignals } from './machine-feed';
import {
  MachineSimulator,
  type MachineSimulatorOptions,
  type SimulatedStateChange,
  type SimulationStep,
} from './machine-simulator';
import { counterStep } from './signals/cumulative-counter';
import { deriveState, initialStateMemory, type StateDeriverMemory } from './signals/state-derivation';
import { CounterBaselineStore } from './counter-baselines';
import { TelemetryBatch } from './telemetry-batch';

// One machine of the gateway at run time: samples it at its rate, and hands the agent what to
// publish (state events, count increments, telemetry points), without knowing about MQTT.

export type MachineMessageBody =
  | { channel: 'state'; events: SimulatedStateChange[]; heartbeat: boolean }
  | { channel: 'counts'; counts: ReturnType<MachineFeed['countReadings']> }
  | { channel: 'telemetry'; points: ReturnType<TelemetryBatch['take']>[number] };

export interface MachineRuntime {
  readonly key: string;
  readonly sampleMs: number;
  start(): Promise<void>;
  sample(ts: number): Promise<void>;
  // State changes (and due heartbeats) always; counts and telemetry when `everything`.
  collect(ts: number, everything: boolean): MachineMessageBody[];
  health(): ConnectorHealth & { source: string };
  stop(): Promise<void>;
}

export interface RuntimeContext {
  seed: number;
  startTs: number;
  stateHeartbeatMs: number;
  dataDir: string;
  simulator?: Omit<MachineSimulatorOptions, 'seed' | 'startTs'>;
}

export function createMachineRuntime(spec: MachineSpec, context: RuntimeContext): MachineRuntime {
  return spec.source.kind === 'simulator'
    ? new SimulatedMachine(spec, spec.source, context)
    : new ConnectedMachine(spec, context);
}

class SimulatedMachine implements MachineRuntime {
  readonly sampleMs: number;
  private readonly simulator: MachineSimulator;
  private readonly feed: MachineFeed;
  private readonly batch = new TelemetryBatch();

  constructor(
    readonly spec: MachineSpec,
    private readonly source: Extract<MachineSpec['source'], { kind: 'simulator' }>,
    context: RuntimeContext,
  ) {
    this.sampleMs = source.sensorSampleMs;
    const options: MachineSimulatorOptions = {
      ...context.simulator,
      seed: context.seed,
      startTs: context.startTs,
    };
    if (source.cycleTimeMs !== undefined) options.cycleTimeMs = source.cycleTimeMs;
    if (source.scrapRate !== undefined) options.scrapRate = source.scrapRate;
    if (source.slowCycleRate !== undefined) options.slowCycleRate = source.slowCycleRate;
    if (source.driftToFailureMs !== undefined) options.drift = { timeToFailureMs: source.driftToFailureMs };
    this.simulator = new MachineSimulator(options);
    this.feed = new MachineFeed({
      machine: spec.key,
      simulator: this.simulator,
      stateHeartbeatMs: context.stateHeartbeatMs,
    });
  }

  get key(): string {
    return this.spec.key;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  sample(ts: number): Promise<void> {
    this.feed.advance(ts);
    const rule = { deadband: this.source.sensorDeadband, maxSilenceMs: 60_000 };
    const sensors: Record<string, number> = { ...this.simulator.sensors() };
    for (const [metric, value] of Object.entries(sensors)) this.batch.add(ts, metric, value, rule);
    return Promise.resolve();
  }

  collect(ts: number, everything: boolean): MachineMessageBody[] {
    return collectFrom(this.feed, this.batch, ts, everything);
  }

  health(): ConnectorHealth & { source: string } {
    return { source: 'simulator', status: 'ok', lastReadAt: this.simulator.now };
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }
}

// States and parts from a connector's tags: the state rule and the cumulative counters.
class DerivedSignals implements MachineSignals {
  private changes: SimulatedStateChange[] = [];
  private readonly increments: Record<Counter, number> = { produced: 0, scrap: 0, rework: 0 };
  private memory: StateDeriverMemory = initialStateMemory();
  private readonly lastCounts: Map<string, number>;

  // `baselines`: each counter tag's last reading already turned into published increments.
  constructor(
    private readonly spec: MachineSpec,
    baselines: Readonly<Record<string, number>>,
  ) {
    const tags = new Set(spec.counters.map((rule) => rule.tag));
    this.lastCounts = new Map(Object.entries(baselines).filter(([tag]) => tags.has(tag)));
  }

  baselines(): Record<string, number> {
    return Object.fromEntries(this.lastCounts);
  }

  observe(ts: number, values: Record<string, number>): void {
    if (this.spec.state !== undefined) {
      const { memory, change } = deriveState(this.spec.state, this.memory, ts, values);
      this.memory = memory;
      if (change !== undefined) this.changes.push(change);
    }
    for (const rule of this.spec.counters) {
      const value = values[rule.tag];
      if (value === undefined) continue;
      const step = counterStep(this.lastCounts.get(rule.tag), { value, bits: rule.bits });
      this.lastCounts.set(rule.tag, value);
      if (step.kind !== 'baseline') this.increments[rule.counter] += step.increment;
    }
  }

  advanceTo(): SimulationStep & { rework: number } {
    const step = {
      stateChanges: this.changes,
      produced: this.increments.produced,
      scrap: this.increments.scrap,
      rework: this.increments.rework,
    };
    this.changes = [];
    this.increments.produced = 0;
    this.increments.scrap = 0;
    this.increments.rework = 0;
    return step;
  }
}

class ConnectedMachine implements MachineRuntime {
  readonly sampleMs: number;
  private connector: Connector | undefined;
  private readonly pkiDir: string;
  private readonly baselines: CounterBaselineStore;
  private readonly signals: DerivedSignals;
  private readonly feed: MachineFeed;
  private readonly batch = new TelemetryBatch();
  private readonly tags: ReadonlyMap<string, { deadband: number; maxSilenceMs: number }>;

  constructor(
    readonly spec: MachineSpec,
    context: RuntimeContext,
  ) {
    const source = spec.source;
    if (source.kind === 'simulator') throw new TypeError('a simulated machine has no connector');
    this.pkiDir = join(context.dataDir, 'opcua-pki');
    this.baselines = new CounterBaselineStore(join(context.dataDir, 'counters', `${spec.key}.json`));
    this.tags = new Map(source.tags.map((tag) => [tag.name, tag]));
    this.sampleMs = Math.min(...source.tags.map((tag) => tag.sampleMs));
    this.signals = new DerivedSignals(spec, this.baselines.load());
    this.feed = new MachineFeed({
      machine: spec.key,
      simulator: this.signals,
      stateHeartbeatMs: context.stateHeartbeatMs,
    });
  }

  get key(): string {
    return this.spec.key;
  }

  // The connector libraries load only when a machine needs them (the OPC UA stack takes seconds).
  async start(): Promise<void> {
    const source = this.spec.source;
    if (source.kind === 'modbus') {
      const { ModbusConnector } = await import('./connectors/modbus-connector.js');
      this.connector = new ModbusConnector(source);
    } else if (source.kind === 'opcua') {
      const { OpcuaConnector } = await import('./connectors/opcua-connector.js');
      this.connector = new OpcuaConnector({ ...source, pkiDir: this.pkiDir });
    }
    await this.connector?.start();
  }

  async sample(ts: number): Promise<void> {
    if (this.connector === undefined) return;
    let values: Record<string, number>;
    try {
      values = await this.connector.read();
    } catch {
      // Health says why; no data is better than made-up data.
      return;
    }
    for (const [name, value] of Object.entries(values)) {
      const rule = this.tags.get(name);
      if (rule !== undefined) this.batch.add(ts, name, value, rule);
    }
    this.signals.observe(ts, values);
  }

  collect(ts: number, everything: boolean): MachineMessageBody[] {
    // A machine the gateway cannot reach gets no state heartbeat: the cloud then shows unknown time
    // instead of the last state going on and on.
    if (this.connector?.health().status !== 'ok')
      return everything ? collectFrom(undefined, this.batch, ts, true) : [];
    const bodies = collectFrom(this.feed, this.batch, ts, everything);
    // The readings behind the increments handed out: after a restart, parts made while the agent
    // was down are counted from here instead of being lost to a fresh baseline.
    if (everything && this.spec.counters.length > 0) this.baselines.save(this.signals.baselines());
    return bodies;
  }

  health(): ConnectorHealth & { source: string } {
    if (this.connector === undefined) return { source: this.spec.source.kind, status: 'connecting' };
    return { source: this.connector.description, ...this.connector.health() };
  }

  async stop(): Promise<void> {
    await this.connector?.stop();
  }
}

function collectFrom(
  feed: MachineFeed | undefined,
  batch: TelemetryBatch,
  ts: number,
  everything: boolean,
): MachineMessageBody[] {
  const bodies: MachineMessageBody[] = [];
  const report = feed?.stateReport(ts);
  if (report !== undefined)
    bodies.push({ channel: 'state', events: report.events, heartbeat: report.heartbeat });
  if (!everything) return bodies;
  const counts = feed?.countReadings(ts) ?? [];
  if (counts.length > 0) bodies.push({ channel: 'counts', counts });
  for (const points of batch.take()) bodies.push({ channel: 'telemetry', points });
  return bodies;
}
