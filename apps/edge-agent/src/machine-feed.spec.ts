import { countReadingSchema, stateEventSchema } from '@convergent/shared-util-contracts';
import { MachineFeed } from './machine-feed';
import { MachineSimulator, type MachineSimulatorOptions } from './machine-simulator';

const START = Date.UTC(2026, 0, 5, 6, 0, 0);
const SECOND = 1_000;
const MINUTE = 60_000;
const HEARTBEAT = MINUTE;

function feed(options: Partial<MachineSimulatorOptions> = {}): MachineFeed {
  return new MachineFeed({
    machine: 'press-1',
    simulator: new MachineSimulator({ seed: 5, startTs: START, ...options }),
    stateHeartbeatMs: HEARTBEAT,
  });
}

// Every state lasts exactly `ms`, so the times of changes are known.
const fixed = (ms: number): MachineSimulatorOptions['durations'] => ({
  running: { minMs: ms, maxMs: ms },
  idle: { minMs: ms, maxMs: ms },
  minorStop: { minMs: ms, maxMs: ms },
  breakdown: { minMs: ms, maxMs: ms },
  changeover: { minMs: ms, maxMs: ms },
});

describe('MachineFeed', () => {
  it('reports the initial state, then re-sends the unchanged state every heartbeat, stamped now', () => {
    const machine = feed({ durations: fixed(60 * MINUTE) });

    expect(machine.stateReport(START)).toEqual({
      events: [{ ts: START, state: 'running' }],
      heartbeat: false,
    });
    expect(machine.stateReport(START + HEARTBEAT - 1)).toBeUndefined();
    expect(machine.stateReport(START + HEARTBEAT)).toEqual({
      events: [{ ts: START + HEARTBEAT, state: 'running' }],
      heartbeat: true,
    });
    expect(machine.stateReport(START + HEARTBEAT + 30 * SECOND)).toBeUndefined();
    // Due once a period has passed since the last state sent; stamped with the time it is sent.
    expect(machine.stateReport(START + 2 * HEARTBEAT + 400)?.events).toEqual([
      { ts: START + 2 * HEARTBEAT + 400, state: 'running' },
    ]);
  });

  it('sends every change as it happens, and a change restarts the heartbeat', () => {
    const machine = feed({ durations: fixed(90 * SECOND) });
    machine.stateReport(START);

    const report = machine.stateReport(START + 90 * SECOND + 500);
    expect(report?.heartbeat).toBe(false);
    expect(report?.events).toHaveLength(1);
    expect(report?.events[0]).toMatchObject({ ts: START + 90 * SECOND });
    expect(report?.events[0]?.state).not.toBe('running');

    // One heartbeat period after the change, not after the previous message.
    expect(machine.stateReport(START + 150 * SECOND - 1)).toBeUndefined();
    expect(machine.stateReport(START + 150 * SECOND)).toEqual({
      events: [{ ...report?.events[0], ts: START + 150 * SECOND }],
      heartbeat: true,
    });
  });

  it("repeats a down state's reason in its heartbeat", () => {
    const machine = feed({ initialState: 'down', durations: fixed(60 * MINUTE) });
    const [initial] = machine.stateReport(START)?.events ?? [];
    expect(initial?.reason).toEqual(expect.any(String));

    const heartbeat = machine.stateReport(START + HEARTBEAT)?.events;
    expect(heartbeat).toEqual([{ ts: START + HEARTBEAT, state: 'down', reason: initial?.reason }]);
    expect(heartbeat?.every((event) => stateEventSchema.safeParse(event).success)).toBe(true);
  });

  it('keeps changes seen while reading counts for the next state report', () => {
    const machine = feed({ durations: fixed(90 * SECOND), cycleTimeMs: 10 * SECOND });
    machine.countReadings(START + 100 * SECOND);

    const events = machine.stateReport(START + 100 * SECOND)?.events;
    expect(events?.map((event) => event.ts)).toEqual([START, START + 90 * SECOND]);
  });

  it('reads only the counters that moved, and nothing when none did', () => {
    const good = feed({ durations: fixed(60 * MINUTE), cycleTimeMs: 10 * SECOND, scrapRate: 0 });
    const readings = good.countReadings(START + 35 * SECOND);
    expect(readings).toHaveLength(1);
    const [reading] = readings;
    expect(reading).toMatchObject({ ts: START + 35 * SECOND, counter: 'produced' });
    expect(reading !== undefined && 'increment' in reading ? reading.increment : 0).toBeGreaterThanOrEqual(2);
    // The increments were taken: the next reading starts from zero.
    expect(good.countReadings(START + 35 * SECOND)).toEqual([]);

    const bad = feed({ durations: fixed(60 * MINUTE), cycleTimeMs: 10 * SECOND, scrapRate: 1 });
    const both = bad.countReadings(START + 35 * SECOND);
    expect(both.map((reading) => reading.counter)).toEqual(['produced', 'scrap']);
    expect(both.every((reading) => countReadingSchema.safeParse(reading).success)).toBe(true);

    const idle = feed({ initialState: 'idle', durations: fixed(60 * MINUTE), cycleTimeMs: 10 * SECOND });
    expect(idle.countReadings(START + 30 * MINUTE)).toEqual([]);
  });

  it('refuses a heartbeat that is not a positive duration', () => {
    expect(
      () =>
        new MachineFeed({
          machine: 'press-1',
          simulator: new MachineSimulator({ seed: 1, startTs: START }),
          stateHeartbeatMs: 0,
        }),
    ).toThrow(RangeError);
  });
});
