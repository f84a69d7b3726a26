// A PLC's part counter is a register that only grows, until someone resets it or it wraps at the
// top of its range. The gateway turns consecutive readings into increments:
// - a value that went down close to the top of the register's range wrapped: the increment runs
//   through the top;
// - any other value that went down is a reset: the new value is what was made since;
// - the first reading only sets the baseline.

export interface CounterReading {
  value: number;
  // The register's width: 16 or 32 bits (unsigned).
  bits: 16 | 32;
}

export type CounterStep =
  | { kind: 'baseline' }
  | { kind: 'increment'; increment: number }
  | { kind: 'reset'; increment: number }
  | { kind: 'rollover'; increment: number };

// How close to the top the previous value must be for a decrease to be a wrap rather than a reset.
const WRAP_WINDOW_SHARE = 0.1;

export function counterStep(previous: number | undefined, reading: CounterReading): CounterStep {
  const { value, bits } = reading;
  const top = 2 ** bits;
  if (!Number.isInteger(value) || value < 0 || value >= top)
    throw new RangeError(`counter value ${value} is outside an unsigned ${bits}-bit register`);
  if (previous === undefined) return { kind: 'baseline' };
  if (value >= previous) return { kind: 'increment', increment: value - previous };
  if (previous >= top * (1 - WRAP_WINDOW_SHARE) && value < top * WRAP_WINDOW_SHARE)
    return { kind: 'rollover', increment: top - previous + value };
  return { kind: 'reset', increment: value };
}
