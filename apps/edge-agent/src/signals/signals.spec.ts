import { counterStep } from './cumulative-counter';
import { passesDeadband } from './deadband';
import { decodeRegisters, encodeRegisters } from './register-codec';
import { deriveState, initialStateMemory, type StateRule } from './state-derivation';

describe('cumulative counters', () => {
  it('takes the first reading as the baseline, then increments', () => {
    expect(counterStep(undefined, { value: 100, bits: 32 })).toEqual({ kind: 'baseline' });
    expect(counterStep(100, { value: 105, bits: 32 })).toEqual({ kind: 'increment', increment: 5 });
  });
  it('runs through the top of the register on a roll-over, and counts from zero after a reset', () => {
    expect(counterStep(65_530, { value: 4, bits: 16 })).toEqual({ kind: 'rollover', increment: 10 });
    expect(counterStep(5_000, { value: 7, bits: 32 })).toEqual({ kind: 'reset', increment: 7 });
    expect(() => counterStep(1, { value: 70_000, bits: 16 })).toThrow(RangeError);
  });
});

describe('state derivation', () => {
  const rule: StateRule = { runningTag: 'speed', runningAbove: 100, forMs: 5_000, faultTag: 'fault' };
  const feed = (samples: [number, Record<string, number>][]) => {
    let memory = initialStateMemory();
    const changes = [];
    for (const [ts, values] of samples) {
      const step = deriveState(rule, memory, ts, values);
      memory = step.memory;
      if (step.change) changes.push(step.change);
    }
    return changes;
  };
  it('says running only after the speed held for forMs, dated when it started', () => {
    expect(
      feed([
        [0, { speed: 0 }],
        [1_000, { speed: 500 }],
        [3_000, { speed: 50 }],
        [4_000, { speed: 500 }],
        [9_000, { speed: 500 }],
      ]),
    ).toEqual([
      { state: 'idle', ts: 0 },
      { state: 'running', ts: 4_000 },
    ]);
  });
  it('takes a fault at once', () => {
    expect(
      feed([
        [0, { speed: 500 }],
        [100, { speed: 500, fault: 1 }],
      ]),
    ).toEqual([
      { state: 'running', ts: 0 },
      { state: 'down', ts: 100, reason: 'fault' },
    ]);
  });
});

describe('register decoding', () => {
  it.each([
    [{ type: 'int16' as const }, -2],
    [{ type: 'uint32' as const, wordOrder: 'little' as const }, 4_000_000_000],
    [{ type: 'int32' as const, byteOrder: 'little' as const }, -123_456],
    [{ type: 'float32' as const, wordOrder: 'little' as const, byteOrder: 'little' as const }, 3.5],
    [{ type: 'uint16' as const, scale: 0.1, offset: -40 }, 21.5],
  ])('round-trips %o', (format, value) => {
    expect(decodeRegisters(encodeRegisters(value, format), format)).toBeCloseTo(value, 5);
  });
  it('reads a CDAB float the way a PLC writes it', () => {
    // 1234.5 = 0x449A5000: high word 0x449A, low word 0x5000; CDAB puts the low word first.
    expect(decodeRegisters([0x5000, 0x449a], { type: 'float32', wordOrder: 'little' })).toBe(1234.5);
  });
});

describe('deadband', () => {
  const rule = { deadband: 0.5, maxSilenceMs: 60_000 };
  it('sends changes beyond the deadband and a flat signal once a minute', () => {
    expect(passesDeadband(undefined, 1, 0, rule)).toBe(true);
    expect(passesDeadband({ value: 1, ts: 0 }, 1.4, 1_000, rule)).toBe(false);
    expect(passesDeadband({ value: 1, ts: 0 }, 1.6, 1_000, rule)).toBe(true);
    expect(passesDeadband({ value: 1, ts: 0 }, 1, 60_000, rule)).toBe(true);
  });
});
