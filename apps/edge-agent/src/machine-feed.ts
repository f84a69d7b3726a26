import { COUNTERS, type Counter, type CountReading } from '@convergent/shared-util-contracts';
import type { SimulatedStateChange, SimulationStep } from './machine-simulator';

// Where a feed's states and parts come from: a simulator, or a connector's derived signals.
export interface MachineSignals {
  advanceTo(ts: number): SimulationStep & { rework?: number };
}

// What one machine of a gateway has to say, read from its simulator and turned into the items of
// the device protocol's state and count messages. No MQTT and no clock of its own: the agent asks
// it at a time and publishes what it gets, so the rules below are testable with plain numbers.
//
// - State: every change, and when the state has not been sent for `stateHeartbeatMs`, the current
//   state again, stamped now (the cloud turns a state that is not repeated for 15 minutes into
//   unknown time). A change resets the heartbeat.
// - Counts: the increments since the previous reading, only of counters that moved: a message of
//   zeros only makes the cloud recompute an hour for nothing.

export interface MachineFeedOptions {
  machine: string;
  simulator: MachineSignals;
  stateHeartbeatMs: number;
}

export interface StateReport {
  events: [SimulatedStateChange, ...SimulatedStateChange[]];
  // True when the events are only the unchanged current state, re-sent.
  heartbeat: boolean;
}

export class MachineFeed {
  readonly machine: string;
  private readonly simulator: MachineSignals;
  private readonly stateHeartbeatMs: number;
  private pendingChanges: SimulatedStateChange[] = [];
  private readonly increments: Record<Counter, number> = { produced: 0, scrap: 0, rework: 0 };
  // The state last handed out and the time it was stamped with.
  private lastState: SimulatedStateChange | undefined;

  constructor(options: MachineFeedOptions) {
    if (!(Number.isFinite(options.stateHeartbeatMs) && options.stateHeartbeatMs > 0))
      throw new RangeError('stateHeartbeatMs must be a positive number of milliseconds');
    this.machine = options.machine;
    this.simulator = options.simulator;
    this.stateHeartbeatMs = options.stateHeartbeatMs;
  }

  // The machine's current state, or undefined before the first stateReport() call.
  get state(): SimulatedStateChange | undefined {
    return this.lastState;
  }

  // The state events to send now: the changes since the previous call, or else a heartbeat (one
  // event: the current state, with its reason, at `now`) when it is due, or else nothing.
  stateReport(now: number): StateReport | undefined {
    this.advance(now);
    const [first, ...rest] = this.pendingChanges;
    this.pendingChanges = [];
    if (first !== undefined) {
      this.lastState = rest[rest.length - 1] ?? first;
      return { events: [first, ...rest], heartbeat: false };
    }
    if (this.lastState === undefined || now - this.lastState.ts < this.stateHeartbeatMs) return undefined;
    this.lastState = { ...this.lastState, ts: now };
    return { events: [this.lastState], heartbeat: true };
  }

  // The counter increments since the previous call, at `now`; counters that did not move are left
  // out, so a machine that made nothing gives an empty list.
  countReadings(now: number): CountReading[] {
    this.advance(now);
    const readings: CountReading[] = [];
    for (const counter of COUNTERS) {
      const increment = this.increments[counter];
      if (increment > 0) readings.push({ ts: now, counter, increment });
      this.increments[counter] = 0;
    }
    return readings;
  }

  // Takes in what happened up to `now` (also called by the report methods).
  advance(now: number): void {
    const step = this.simulator.advanceTo(now);
    this.pendingChanges.push(...step.stateChanges);
    this.increments.produced += step.produced;
    this.increments.scrap += step.scrap;
    this.increments.rework += step.rework ?? 0;
  }
}
