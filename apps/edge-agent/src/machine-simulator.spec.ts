import { stateEventSchema } from '@convergent/shared-util-contracts';
import {
  DEFAULT_DURATIONS,
  DRIFT_FAILURE_REASON,
  MachineSimulator,
  machineSeed,
  type Episode,
  type SimulatedStateChange,
  type SimulationStep,
} from './machine-simulator';

const START = Date.UTC(2026, 0, 5, 6, 0, 0);
const HOUR = 3_600_000;

function runInSteps(simulator: MachineSimulator, untilTs: number, stepMs: number): SimulationStep {
  const total: SimulationStep = { stateChanges: [], produced: 0, scrap: 0 };
  for (let ts = START + stepMs; ts <= untilTs; ts += stepMs) {
    const step = simulator.advanceTo(ts);
    total.stateChanges.push(...step.stateChanges);
    total.produced += step.produced;
    total.scrap += step.scrap;
  }
  return total;
}

function timeIn(changes: SimulatedStateChange[], untilTs: number): Record<string, number> {
  const totals: Record<string, number> = {};
  changes.forEach((change, index) => {
    const end = changes[index + 1]?.ts ?? untilTs;
    totals[change.state] = (totals[change.state] ?? 0) + (end - change.ts);
  });
  return totals;
}

const MINOR_STOPS = ['JAM', 'SENSOR_BLOCKED', 'MATERIAL_WAIT'];

function episodeOf(change: SimulatedStateChange): Episode {
  switch (change.state) {
    case 'running':
    case 'idle':
      return change.state;
    case 'setup':
      return 'changeover';
    case 'down':
      return MINOR_STOPS.includes(change.reason ?? '') ? 'minorStop' : 'breakdown';
    case 'planned_stop':
      throw new Error('a simulator never reports planned_stop');
  }
}

describe('MachineSimulator', () => {
  it('reports its initial state at the start, once', () => {
    const simulator = new MachineSimulator({ seed: 1, startTs: START, initialState: 'setup' });
    const [initial, ...more] = simulator.advanceTo(START).stateChanges;
    expect(more).toEqual([]);
    expect(initial).toMatchObject({ ts: START, state: 'setup' });
    expect(['CHANGEOVER', 'TOOL_CHANGE']).toContain(initial?.reason);
    expect(simulator.advanceTo(START + 1).stateChanges).toEqual([]);
  });

  it('is deterministic for a seed, however finely it is advanced', () => {
    const end = START + 24 * HOUR;
    const coarse = runInSteps(new MachineSimulator({ seed: 42, startTs: START }), end, 4 * HOUR);
    const fine = runInSteps(new MachineSimulator({ seed: 42, startTs: START }), end, 7_000);
    const other = runInSteps(new MachineSimulator({ seed: 43, startTs: START }), end, 4 * HOUR);

    expect(fine).toEqual(coarse);
    expect(other).not.toEqual(coarse);
  });

  it('produces a day that looks like a machine: all states, realistic durations and valid events', () => {
    const end = START + 24 * HOUR;
    const { stateChanges } = runInSteps(new MachineSimulator({ seed: 7, startTs: START }), end, 60_000);

    expect(new Set(stateChanges.map((change) => change.state))).toEqual(
      new Set(['running', 'idle', 'down', 'setup']),
    );
    stateChanges.forEach((change, index) => {
      expect(stateEventSchema.safeParse(change).success).toBe(true);
      const next = stateChanges[index + 1];
      if (next === undefined) return;
      expect(next.state).not.toBe(change.state);
      const { minMs, maxMs } = DEFAULT_DURATIONS[episodeOf(change)];
      expect(next.ts - change.ts).toBeGreaterThanOrEqual(minMs);
      expect(next.ts - change.ts).toBeLessThanOrEqual(maxMs);
    });
    expect(
      stateChanges.filter((change) => change.state === 'down').every((change) => change.reason !== undefined),
    ).toBe(true);
    // A plausible availability for a simulated shop floor, not 0 % or 100 %.
    const running = timeIn(stateChanges, end)['running'] ?? 0;
    expect(running / (24 * HOUR)).toBeGreaterThan(0.4);
    expect(running / (24 * HOUR)).toBeLessThan(0.9);
  });

  it('makes parts at the cycle time while running, a small share scrap, and none otherwise', () => {
    const cycleTimeMs = 20_000;
    const end = START + 48 * HOUR;
    const simulator = new MachineSimulator({ seed: 3, startTs: START, cycleTimeMs, scrapRate: 0.05 });
    const total = runInSteps(simulator, end, 60_000);

    const running = timeIn(total.stateChanges, end)['running'] ?? 0;
    const idealParts = running / cycleTimeMs;
    expect(total.produced).toBeLessThanOrEqual(idealParts);
    expect(total.produced).toBeGreaterThan(idealParts / 1.2 - total.stateChanges.length);
    expect(total.scrap / total.produced).toBeGreaterThan(0.03);
    expect(total.scrap / total.produced).toBeLessThan(0.07);

    const idle = new MachineSimulator({
      seed: 3,
      startTs: START,
      initialState: 'down',
      durations: { breakdown: { minMs: HOUR, maxMs: HOUR } },
    });
    expect(idle.advanceTo(START + HOUR - 1)).toMatchObject({ produced: 0, scrap: 0 });
  });

  it('has minor stops, breakdowns with repair and changeovers, each with its reason code', () => {
    const end = START + 48 * HOUR;
    const { stateChanges } = runInSteps(new MachineSimulator({ seed: 5, startTs: START }), end, 60_000);
    const episodes = new Set(stateChanges.map(episodeOf));
    expect(episodes).toEqual(new Set(['running', 'idle', 'minorStop', 'breakdown', 'changeover']));
    const reasons = new Set(stateChanges.map((change) => change.reason).filter(Boolean));
    for (const code of ['JAM', 'MECH_FAIL', 'CHANGEOVER']) expect(reasons.has(code)).toBe(true);
  });

  it('makes some cycles slow: fewer parts than the ideal rate, more than half of it', () => {
    const simulator = new MachineSimulator({
      seed: 9,
      startTs: START,
      cycleTimeMs: 10_000,
      slowCycleRate: 0.2,
      durations: { running: { minMs: 10 * HOUR, maxMs: 10 * HOUR } },
    });
    const { produced } = simulator.advanceTo(START + HOUR);
    expect(produced).toBeLessThan(360 / 1.15);
    expect(produced).toBeGreaterThan(360 / 2);
  });

  it('drifts toward a failure on purpose: vibration and temperature climb, then it breaks down and is repaired', () => {
    const running = { minMs: 10 * HOUR, maxMs: 10 * HOUR };
    const simulator = new MachineSimulator({
      seed: 4,
      startTs: START,
      durations: { running },
      drift: { timeToFailureMs: 2 * HOUR },
    });
    simulator.advanceTo(START + 10 * 60_000);
    const early = simulator.sensors();
    const failure = simulator.advanceTo(START + 2 * HOUR - 60_000);
    const late = simulator.sensors();
    // Still running: the wear shows in the sensors before the machine stops.
    expect(failure.stateChanges).toEqual([]);
    expect(late.vibration).toBeGreaterThan(early.vibration * 2);
    expect(late.temperature).toBeGreaterThan(early.temperature + 10);
    const broken = simulator.advanceTo(START + 2 * HOUR + 1);
    expect(broken.stateChanges).toEqual([
      { ts: START + 2 * HOUR, state: 'down', reason: DRIFT_FAILURE_REASON },
    ]);
    expect(simulator.sensors()['spindle.speed']).toBe(0);
    // After the repair the part is new again.
    simulator.advanceTo(START + 4 * HOUR);
    expect(simulator.wear).toBeLessThan(0.9);
  });

  it('reads the same sensors for a seed and sampling times', () => {
    const read = () => {
      const simulator = new MachineSimulator({ seed: 21, startTs: START });
      return [1, 2, 3].map((minute) => {
        simulator.advanceTo(START + minute * 60_000);
        return simulator.sensors();
      });
    };
    expect(read()).toEqual(read());
  });

  it('refuses nonsense options', () => {
    expect(() => new MachineSimulator({ seed: 1, startTs: START, cycleTimeMs: 0 })).toThrow(RangeError);
    expect(() => new MachineSimulator({ seed: 1, startTs: START, scrapRate: 1.5 })).toThrow(RangeError);
    expect(
      () => new MachineSimulator({ seed: 1, startTs: START, durations: { idle: { minMs: 10, maxMs: 5 } } }),
    ).toThrow(/minMs must not exceed maxMs/);
  });
});

describe('machineSeed', () => {
  it('gives every machine of a gateway its own seed, the same in every run', () => {
    const seeds = Array.from({ length: 64 }, (_, index) => machineSeed(11, index));
    expect(new Set(seeds).size).toBe(64);
    expect(seeds.every((seed) => Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)).toBe(true);
    expect(Array.from({ length: 64 }, (_, index) => machineSeed(11, index))).toEqual(seeds);
    expect(machineSeed(12, 0)).not.toBe(machineSeed(11, 0));
    expect(machineSeed(-3, 1)).toBe(machineSeed(2 ** 32 - 3, 1));
  });

  it('makes machines of one gateway behave differently', () => {
    const end = START + 24 * HOUR;
    const first = runInSteps(new MachineSimulator({ seed: machineSeed(11, 0), startTs: START }), end, HOUR);
    const second = runInSteps(new MachineSimulator({ seed: machineSeed(11, 1), startTs: START }), end, HOUR);
    expect(second).not.toEqual(first);
  });

  it('refuses a seed or index that is not an integer', () => {
    expect(() => machineSeed(1.5, 0)).toThrow(RangeError);
    expect(() => machineSeed(1, -1)).toThrow(RangeError);
  });
});
