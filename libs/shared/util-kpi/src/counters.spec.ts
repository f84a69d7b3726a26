import type { Counter } from '@convergent/shared-util-contracts';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { countsToIncrements, type CumulativeReading } from './counters';
import { MIN } from './spec-helpers';

const T0 = Date.UTC(2026, 5, 10, 6);
const readings = (counter: Counter, values: number[]): CumulativeReading[] =>
  values.map((cumulative, i) => ({ ts: new Date(T0 + i * MIN), counter, cumulative }));
const amounts = (rs: CumulativeReading[], modulus: number | null = null): number[] =>
  countsToIncrements(rs, { modulus }).map((i) => i.increment);

describe('cumulative counters', () => {
  it('turn readings into the parts made since the previous reading; the first reading is only a baseline', () => {
    const increments = countsToIncrements(readings('produced', [1000, 1012, 1012, 1030]));
    expect(increments).toEqual([
      { ts: new Date(T0 + MIN), counter: 'produced', increment: 12 },
      { ts: new Date(T0 + 3 * MIN), counter: 'produced', increment: 18 },
    ]);
  });

  it('count from zero after a reset instead of booking a huge negative output', () => {
    expect(amounts(readings('produced', [5000, 5040, 7, 30]))).toEqual([40, 7, 23]);
  });

  it('count across a 16-bit roll-over instead of mistaking it for a reset', () => {
    expect(amounts(readings('produced', [65_500, 65_530, 4, 20]), 2 ** 16)).toEqual([30, 10, 16]);
  });

  it('still read a drop far from the top of the register as a reset', () => {
    expect(amounts(readings('produced', [40_000, 5]), 2 ** 16)).toEqual([5]);
    expect(amounts(readings('produced', [1_000_000, 3]), 2 ** 32)).toEqual([3]);
  });

  it('honour a tighter wrap limit when the machine cannot make that many parts between readings', () => {
    const rs = readings('produced', [62_000, 10]);
    expect(countsToIncrements(rs, { modulus: 2 ** 16 }).map((i) => i.increment)).toEqual([3_546]);
    expect(
      countsToIncrements(rs, { modulus: 2 ** 16, maxWrapIncrement: 500 }).map((i) => i.increment),
    ).toEqual([10]);
  });

  it('keep counters apart, sort readings by time and skip values the register cannot hold', () => {
    const mixed: CumulativeReading[] = [
      { ts: new Date(T0 + 2 * MIN), counter: 'scrap', cumulative: 9 },
      { ts: new Date(T0), counter: 'produced', cumulative: 100 },
      { ts: new Date(T0), counter: 'scrap', cumulative: 5 },
      { ts: new Date(T0 + MIN), counter: 'produced', cumulative: Number.NaN },
      { ts: new Date(T0 + MIN), counter: 'produced', cumulative: 70_000 },
      { ts: new Date(T0 + 2 * MIN), counter: 'produced', cumulative: 160 },
    ];
    expect(countsToIncrements(mixed, { modulus: 2 ** 16 }).map((i) => [i.counter, i.increment])).toEqual([
      ['scrap', 4],
      ['produced', 60],
    ]);
  });

  it('recover the true output of a wrapping register exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2 ** 16, 2 ** 32),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 6_000 }), { maxLength: 60 }),
        (modulus, startFraction, produced) => {
          let register = Math.floor(startFraction * (modulus - 1));
          const rs: CumulativeReading[] = [{ ts: new Date(T0), counter: 'produced', cumulative: register }];
          produced.forEach((n, i) => {
            register = (register + n) % modulus;
            rs.push({ ts: new Date(T0 + (i + 1) * MIN), counter: 'produced', cumulative: register });
          });
          const total = countsToIncrements(rs, { modulus }).reduce((sum, i) => sum + i.increment, 0);
          expect(total).toBe(produced.reduce((a, b) => a + b, 0));
        },
      ),
    );
  });
});
