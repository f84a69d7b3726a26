import type { MachineState } from '@convergent/shared-util-contracts';

// A machine that behaves like one on a shop floor, for demos and tests without a PLC: it runs in
// stretches of tens of minutes, makes a part every cycle (a little slower than ideal now and then,
// a small share of it scrap), idles, breaks down and gets changed over. Pure and seeded: the same
// seed and start give the same history however often advanceTo() is called.

export const SIMULATED_STATES = [
  'running',
  'idle',
  'down',
  'setup',
] as const satisfies readonly MachineState[];
export type SimulatedState = (typeof SIMULATED_STATES)[number];

export interface DurationRange {
  minMs: number;
  maxMs: number;
}

export interface MachineSimulatorOptions {
  seed: number;
  // Simulated time starts here (epoch ms); the initial state is reported at this instant.
  startTs: number;
  initialState?: SimulatedState;
  // The ideal cycle time: one part per cycle while running.
  cycleTimeMs?: number;
  // Share of parts that are scrap, 0-1.
  scrapRate?: number;
  durations?: Partial<Record<SimulatedState, DurationRange>>;
}

export interface SimulatedStateChange {
  ts: number;
  state: SimulatedState;
  reason?: string;
}

export interface SimulationStep {
  stateChanges: SimulatedStateChange[];
  // Parts finished in the step, scrap included (ISO 22400 PQ); scrap is the bad share of them.
  produced: number;
  scrap: number;
}

const MINUTE = 60_000;

export const DEFAULT_DURATIONS: Record<SimulatedState, DurationRange> = {
  running: { minMs: 10 * MINUTE, maxMs: 60 * MINUTE },
  idle: { minMs: 1 * MINUTE, maxMs: 8 * MINUTE },
  down: { minMs: 2 * MINUTE, maxMs: 25 * MINUTE },
  setup: { minMs: 10 * MINUTE, maxMs: 40 * MINUTE },
};

// Where a machine goes when a state ends, with weights.
const TRANSITIONS: Record<SimulatedState, readonly (readonly [SimulatedState, number])[]> = {
  running: [
    ['idle', 0.55],
    ['down', 0.3],
    ['setup', 0.15],
  ],
  idle: [
    ['running', 0.8],
    ['setup', 0.1],
    ['down', 0.1],
  ],
  down: [
    ['running', 0.7],
    ['idle', 0.3],
  ],
  setup: [['running', 1]],
};

const DOWN_REASONS = ['jam', 'breakdown', 'no_material', 'tool_break'] as const;

// A cycle takes from the ideal time to 20 % longer (operator, material, minor hiccups).
const CYCLE_JITTER = { min: 1.0, max: 1.2 };

export class MachineSimulator {
  private readonly random: () => number;
  private readonly cycleTimeMs: number;
  private readonly scrapRate: number;
  private readonly durations: Record<SimulatedState, DurationRange>;
  private current: SimulatedState;
  private clock: number;
  private stateEndsAt: number;
  private nextCycleAt: number | undefined;
  private pendingChanges: SimulatedStateChange[];

  constructor(options: MachineSimulatorOptions) {
    this.random = mulberry32(options.seed);
    this.cycleTimeMs = positive(options.cycleTimeMs ?? 30_000, 'cycleTimeMs');
    this.scrapRate = options.scrapRate ?? 0.02;
    if (!(this.scrapRate >= 0 && this.scrapRate <= 1))
      throw new RangeError('scrapRate must be between 0 and 1');
    this.durations = { ...DEFAULT_DURATIONS, ...options.durations };
    for (const state of SIMULATED_STATES) {
      const { minMs, maxMs } = this.durations[state];
      if (!(positive(minMs, `${state}.minMs`) <= maxMs))
        throw new RangeError(`${state}: minMs must not exceed maxMs`);
    }
    this.clock = options.startTs;
    this.current = options.initialState ?? 'running';
    this.stateEndsAt = this.clock + this.drawDuration(this.current);
    this.nextCycleAt = this.current === 'running' ? this.clock + this.drawCycle() : undefined;
    this.pendingChanges = [this.change(this.clock, this.current)];
  }

  get state(): SimulatedState {
    return this.current;
  }

  // Simulated time reached so far.
  get now(): number {
    return this.clock;
  }

  // Everything that happened after the previous call, up to and including ts.
  advanceTo(ts: number): SimulationStep {
    const step: SimulationStep = { stateChanges: this.pendingChanges, produced: 0, scrap: 0 };
    this.pendingChanges = [];
    if (ts <= this.clock) return step;
    for (;;) {
      // A cycle that completes at the very moment the state ends still counts.
      if (this.nextCycleAt !== undefined && this.nextCycleAt <= this.stateEndsAt && this.nextCycleAt <= ts) {
        step.produced += 1;
        if (this.random() < this.scrapRate) step.scrap += 1;
        this.nextCycleAt += this.drawCycle();
        continue;
      }
      if (this.stateEndsAt > ts) break;
      const at = this.stateEndsAt;
      this.current = this.drawNextState(this.current);
      this.stateEndsAt = at + this.drawDuration(this.current);
      // Leaving "running" abandons the part in progress; entering it starts a fresh cycle.
      this.nextCycleAt = this.current === 'running' ? at + this.drawCycle() : undefined;
      step.stateChanges.push(this.change(at, this.current));
    }
    this.clock = ts;
    return step;
  }

  private change(ts: number, state: SimulatedState): SimulatedStateChange {
    if (state !== 'down') return { ts, state };
    return {
      ts,
      state,
      reason: DOWN_REASONS[Math.floor(this.random() * DOWN_REASONS.length)] ?? 'breakdown',
    };
  }

  private drawDuration(state: SimulatedState): number {
    const { minMs, maxMs } = this.durations[state];
    return Math.round(minMs + this.random() * (maxMs - minMs));
  }

  private drawCycle(): number {
    return Math.round(
      this.cycleTimeMs * (CYCLE_JITTER.min + this.random() * (CYCLE_JITTER.max - CYCLE_JITTER.min)),
    );
  }

  private drawNextState(from: SimulatedState): SimulatedState {
    const options = TRANSITIONS[from];
    let pick = this.random() * options.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [state, weight] of options) {
      pick -= weight;
      if (pick < 0) return state;
    }
    return options[options.length - 1]?.[0] ?? 'running';
  }
}

function positive(value: number, name: string): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`${name} must be a positive number of milliseconds`);
  return value;
}

// Small, fast, good enough for a simulation, and the same on every platform.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// The seed of the index-th machine of a gateway, from the gateway's seed: reproducible, and distinct
// for every machine (adding distinct multiples of an odd constant and mixing with a bijection keeps
// 2^32 indices apart), so machines on one gateway do not move in lockstep.
export function machineSeed(agentSeed: number, index: number): number {
  if (!Number.isInteger(agentSeed)) throw new RangeError('agentSeed must be an integer');
  if (!Number.isInteger(index) || index < 0) throw new RangeError('index must be a non-negative integer');
  return fmix32(((agentSeed >>> 0) + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
}

// MurmurHash3's finaliser: a bijection on 32-bit integers that spreads nearby inputs far apart.
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
