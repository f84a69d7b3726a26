import type { MachineState } from '@convergent/shared-util-contracts';

// A machine that behaves like one on a shop floor, for demos and tests without a PLC: it runs in
// stretches of tens of minutes, makes a part every cycle (a little slower than ideal, now and then
// much slower, a small share of it scrap), has minor stops, idles, breaks down and is repaired, gets
// changed over, and has sensors that can drift toward a failure on purpose. Pure and seeded: the same
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

export interface SensorDrift {
  // Running time from a repair until the drifting part fails (a breakdown with reason MECH_FAIL):
  // vibration, temperature and current climb over it, as a worn bearing's would.
  timeToFailureMs: number;
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
  // Share of cycles that are slow (1.5-3 times the ideal time), 0-1.
  slowCycleRate?: number;
  durations?: Partial<Record<Episode, DurationRange>>;
  // On purpose: sensors drift toward a failure, which then happens.
  drift?: SensorDrift;
}

export interface SimulatedStateChange {
  ts: number;
  // A simulator says one of SIMULATED_STATES; a connector's state rule may also say planned_stop.
  state: MachineState;
  reason?: string;
}

export interface SimulationStep {
  stateChanges: SimulatedStateChange[];
  // Parts finished in the step, scrap included (ISO 22400 PQ); scrap is the bad share of them.
  produced: number;
  scrap: number;
}

// What a machine's sensors read at an instant.
export interface SensorReadings {
  'spindle.speed': number;
  temperature: number;
  vibration: number;
  current: number;
}

const MINUTE = 60_000;

// What the machine is doing; each episode is reported as a state (minor stops and breakdowns are
// both "down", told apart by their reason and length).
export const EPISODES = ['running', 'idle', 'minorStop', 'breakdown', 'changeover'] as const;
export type Episode = (typeof EPISODES)[number];

const EPISODE_STATE: Record<Episode, SimulatedState> = {
  running: 'running',
  idle: 'idle',
  minorStop: 'down',
  breakdown: 'down',
  changeover: 'setup',
};

export const DEFAULT_DURATIONS: Record<Episode, DurationRange> = {
  running: { minMs: 10 * MINUTE, maxMs: 60 * MINUTE },
  idle: { minMs: 1 * MINUTE, maxMs: 8 * MINUTE },
  minorStop: { minMs: 10_000, maxMs: 3 * MINUTE },
  breakdown: { minMs: 5 * MINUTE, maxMs: 45 * MINUTE },
  changeover: { minMs: 10 * MINUTE, maxMs: 40 * MINUTE },
};

// Where a machine goes when an episode ends, with weights.
const TRANSITIONS: Record<Episode, readonly (readonly [Episode, number])[]> = {
  running: [
    ['minorStop', 0.4],
    ['idle', 0.25],
    ['breakdown', 0.2],
    ['changeover', 0.15],
  ],
  idle: [
    ['running', 0.8],
    ['changeover', 0.1],
    ['breakdown', 0.1],
  ],
  minorStop: [['running', 1]],
  breakdown: [
    ['running', 0.7],
    ['idle', 0.3],
  ],
  changeover: [['running', 1]],
};

// Reason codes of the demo tenant's downtime list (prisma/seed/demo-data.ts).
const REASONS: Partial<Record<Episode, readonly string[]>> = {
  minorStop: ['JAM', 'SENSOR_BLOCKED', 'MATERIAL_WAIT'],
  breakdown: ['MECH_FAIL', 'ELEC_FAIL', 'TOOL_BREAK'],
  changeover: ['CHANGEOVER', 'TOOL_CHANGE'],
};
export const DRIFT_FAILURE_REASON = 'MECH_FAIL';

// A normal cycle takes from the ideal time to 10 % longer; a slow one 1.5 to 3 times the ideal.
const CYCLE_JITTER = { min: 1.0, max: 1.1 };
const SLOW_CYCLE = { min: 1.5, max: 3 };

export class MachineSimulator {
  private readonly random: () => number;
  private readonly noise: () => number;
  private readonly cycleTimeMs: number;
  private readonly scrapRate: number;
  private readonly slowCycleRate: number;
  private readonly durations: Record<Episode, DurationRange>;
  private readonly drift: SensorDrift | undefined;
  private episode: Episode;
  private clock: number;
  private episodeStartedAt: number;
  private episodeEndsAt: number;
  private nextCycleAt: number | undefined;
  private pendingChanges: SimulatedStateChange[];
  // Running time accumulated since the last repair (drift).
  private wearMs = 0;
  private forcedFailure = false;

  constructor(options: MachineSimulatorOptions) {
    this.random = mulberry32(options.seed);
    this.noise = mulberry32(fmix32(options.seed ^ 0x5bd1e995));
    this.cycleTimeMs = positive(options.cycleTimeMs ?? 30_000, 'cycleTimeMs');
    this.scrapRate = share(options.scrapRate ?? 0.02, 'scrapRate');
    this.slowCycleRate = share(options.slowCycleRate ?? 0.05, 'slowCycleRate');
    this.durations = { ...DEFAULT_DURATIONS, ...options.durations };
    for (const episode of EPISODES) {
      const { minMs, maxMs } = this.durations[episode];
      if (!(positive(minMs, `${episode}.minMs`) <= maxMs))
        throw new RangeError(`${episode}: minMs must not exceed maxMs`);
    }
    if (options.drift !== undefined) positive(options.drift.timeToFailureMs, 'drift.timeToFailureMs');
    this.drift = options.drift;
    this.clock = options.startTs;
    this.episode = initialEpisode(options.initialState ?? 'running');
    this.episodeStartedAt = this.clock;
    this.episodeEndsAt = this.clock + this.drawDuration(this.episode);
    this.limitByWear();
    this.nextCycleAt = this.episode === 'running' ? this.clock + this.drawCycle() : undefined;
    this.pendingChanges = [this.change(this.clock, this.episode)];
  }

  get state(): SimulatedState {
    return EPISODE_STATE[this.episode];
  }

  // Simulated time reached so far.
  get now(): number {
    return this.clock;
  }

  // Wear of the drifting part, 0 (new) to 1 (failing); 0 without drift.
  get wear(): number {
    if (this.drift === undefined) return 0;
    const running = this.episode === 'running' ? this.clock - this.episodeStartedAt : 0;
    return Math.min(1, (this.wearMs + running) / this.drift.timeToFailureMs);
  }

  // Everything that happened after the previous call, up to and including ts.
  advanceTo(ts: number): SimulationStep {
    const step: SimulationStep = { stateChanges: this.pendingChanges, produced: 0, scrap: 0 };
    this.pendingChanges = [];
    if (ts <= this.clock) return step;
    for (;;) {
      // A cycle that completes at the very moment the episode ends still counts.
      if (
        this.nextCycleAt !== undefined &&
        this.nextCycleAt <= this.episodeEndsAt &&
        this.nextCycleAt <= ts
      ) {
        step.produced += 1;
        if (this.random() < this.scrapRate) step.scrap += 1;
        this.nextCycleAt += this.drawCycle();
        continue;
      }
      if (this.episodeEndsAt > ts) break;
      const at = this.episodeEndsAt;
      if (this.episode === 'running') this.wearMs += at - this.episodeStartedAt;
      // A repair replaces the worn part.
      if (this.episode === 'breakdown') this.wearMs = 0;
      this.episode = this.forcedFailure ? 'breakdown' : this.drawNext(this.episode);
      this.episodeStartedAt = at;
      this.episodeEndsAt = at + this.drawDuration(this.episode);
      const change = this.forcedFailure
        ? { ts: at, state: EPISODE_STATE.breakdown, reason: DRIFT_FAILURE_REASON }
        : this.change(at, this.episode);
      this.forcedFailure = false;
      this.limitByWear();
      // Leaving "running" abandons the part in progress; entering it starts a fresh cycle.
      this.nextCycleAt = this.episode === 'running' ? at + this.drawCycle() : undefined;
      step.stateChanges.push(change);
    }
    this.clock = ts;
    return step;
  }

  // The sensors at the simulated time reached (call advanceTo first). Their noise comes from a
  // generator of its own, so reading sensors never changes the machine's history.
  sensors(): SensorReadings {
    const running = this.episode === 'running';
    const wear = this.wear;
    const jitter = (spread: number): number => (this.noise() - 0.5) * 2 * spread;
    const warm = running ? 1 : Math.exp(-(this.clock - this.episodeStartedAt) / (20 * MINUTE));
    return {
      'spindle.speed': running ? round(1450 + jitter(15), 1) : 0,
      temperature: round(25 + 30 * warm + 25 * wear ** 2 + jitter(0.4), 2),
      vibration: round((running ? 1.2 + 6 * wear ** 3 : 0.05) + Math.abs(jitter(0.1)), 3),
      current: round(running ? 12 + 4 * wear ** 2 + jitter(0.3) : 1.5 + jitter(0.05), 2),
    };
  }

  private change(ts: number, episode: Episode): SimulatedStateChange {
    const reasons = REASONS[episode];
    const state = EPISODE_STATE[episode];
    if (reasons === undefined) return { ts, state };
    return {
      ts,
      state,
      reason: reasons[Math.floor(this.random() * reasons.length)] ?? reasons[0] ?? 'UNKNOWN',
    };
  }

  // With drift, a running episode ends when the part fails, if that comes first.
  private limitByWear(): void {
    if (this.drift === undefined || this.episode !== 'running') return;
    const failsAt = this.episodeStartedAt + Math.max(0, this.drift.timeToFailureMs - this.wearMs);
    if (failsAt < this.episodeEndsAt) {
      this.episodeEndsAt = failsAt;
      this.forcedFailure = true;
    }
  }

  private drawDuration(episode: Episode): number {
    const { minMs, maxMs } = this.durations[episode];
    return Math.round(minMs + this.random() * (maxMs - minMs));
  }

  private drawCycle(): number {
    const { min, max } = this.random() < this.slowCycleRate ? SLOW_CYCLE : CYCLE_JITTER;
    return Math.round(this.cycleTimeMs * (min + this.random() * (max - min)));
  }

  private drawNext(from: Episode): Episode {
    const options = TRANSITIONS[from];
    let pick = this.random() * options.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [episode, weight] of options) {
      pick -= weight;
      if (pick < 0) return episode;
    }
    return options[options.length - 1]?.[0] ?? 'running';
  }
}

function initialEpisode(state: SimulatedState): Episode {
  switch (state) {
    case 'running':
      return 'running';
    case 'idle':
      return 'idle';
    case 'down':
      return 'breakdown';
    case 'setup':
      return 'changeover';
  }
}

function share(value: number, name: string): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
  return value;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
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
