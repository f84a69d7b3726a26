import type { Counter } from '@convergent/shared-util-contracts';

export interface CumulativeReading {
  ts: Date;
  counter: Counter;
  cumulative: number;
}

export interface CountIncrement {
  ts: Date;
  counter: Counter;
  increment: number;
}

export interface CounterOptions {
  // The PLC register size, e.g. 2 ** 16 or 2 ** 32; null when the counter never wraps.
  modulus: number | null;
  // A drop is read as a wrap only when the implied increment (modulus - previous + current) is at
  // most this; otherwise it is a reset. Defaults to modulus / 10.
  maxWrapIncrement?: number;
}

function wrapLimit(options: CounterOptions): number | null {
  const { modulus } = options;
  if (modulus === null) return null;
  if (!Number.isFinite(modulus) || modulus <= 0)
    throw new RangeError('modulus must be a positive number or null');
  const limit = options.maxWrapIncrement ?? modulus / 10;
  if (Number.isNaN(limit) || limit < 0) throw new RangeError('maxWrapIncrement must be >= 0');
  return limit;
}

// Readings for one machine, any mix of counters. The first reading of each counter is only a
// baseline (pass the last reading before the range you care about). Parts are dated at the
// reading that reports them. Readings that cannot come from the register (negative, not finite,
// or >= modulus) are skipped and do not become the baseline.
export function countsToIncrements(
  readings: readonly CumulativeReading[],
  options: CounterOptions = { modulus: null },
): CountIncrement[] {
  const limit = wrapLimit(options);
  const modulus = options.modulus;
  const byCounter = new Map<Counter, { ts: number; index: number; reading: CumulativeReading }[]>();
  readings.forEach((reading, index) => {
    const ts = reading.ts.getTime();
    const value = reading.cumulative;
    if (!Number.isFinite(ts) || !Number.isFinite(value) || value < 0) return;
    if (modulus !== null && value >= modulus) return;
    const list = byCounter.get(reading.counter) ?? [];
    list.push({ ts, index, reading });
    byCounter.set(reading.counter, list);
  });

  const out: { ts: number; index: number; increment: CountIncrement }[] = [];
  for (const [counter, list] of byCounter) {
    list.sort((a, b) => a.ts - b.ts || a.index - b.index);
    let previous: number | null = null;
    for (const { ts, index, reading } of list) {
      const current = reading.cumulative;
      if (previous !== null) {
        const increment = incrementBetween(previous, current, modulus, limit);
        if (increment !== 0) out.push({ ts, index, increment: { ts: new Date(ts), counter, increment } });
      }
      previous = current;
    }
  }
  return out.sort((a, b) => a.ts - b.ts || a.index - b.index).map((entry) => entry.increment);
}

function incrementBetween(
  previous: number,
  current: number,
  modulus: number | null,
  limit: number | null,
): number {
  if (current >= previous) return current - previous;
  if (modulus !== null && limit !== null) {
    const wrapped = modulus - previous + current;
    if (wrapped <= limit) return wrapped;
  }
  // A reset (job change, power cycle): the register restarted from zero, so its value is what
  // was produced since. Parts made between the last reading and the reset are lost; nothing
  // in the readings can recover them.
  return current;
}
