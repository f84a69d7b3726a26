import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CountIncrement } from './counters';
import { quantitiesFromIncrements, sumQuantities } from './quantities';
import { at, cutsArb, interval, ms, WORLD_END, WORLD_START } from './spec-helpers';

const inc = (iso: string, counter: CountIncrement['counter'], increment: number): CountIncrement => ({
  ts: at(iso),
  counter,
  increment,
});

describe('quantities', () => {
  it('take good = produced - scrap - rework, counting only increments inside the half-open bucket', () => {
    const q = quantitiesFromIncrements(
      [
        inc('2026-06-10T06:00:00Z', 'produced', 100),
        inc('2026-06-10T06:30:00Z', 'scrap', 3),
        inc('2026-06-10T06:45:00Z', 'rework', 2),
        inc('2026-06-10T07:00:00Z', 'produced', 50), // next bucket
      ],
      interval('2026-06-10T06:00:00Z', '2026-06-10T07:00:00Z'),
    );
    expect(q).toEqual({ pq: 100, gq: 95, sq: 3, rq: 2 });
  });

  it('keep a negative good quantity when the counters disagree rather than hiding it', () => {
    const q = quantitiesFromIncrements(
      [inc('2026-06-10T06:00:00Z', 'produced', 10), inc('2026-06-10T06:01:00Z', 'scrap', 12)],
      interval('2026-06-10T06:00:00Z', '2026-06-10T07:00:00Z'),
    );
    expect(q.gq).toBe(-2);
  });

  it('add up across buckets (property)', () => {
    const incrementArb = fc.record({
      ts: fc.integer({ min: WORLD_START, max: WORLD_END - 1 }).map((t) => new Date(t)),
      counter: fc.constantFrom('produced' as const, 'scrap' as const, 'rework' as const),
      increment: fc.integer({ min: 0, max: 500 }),
    });
    fc.assert(
      fc.property(fc.array(incrementArb, { maxLength: 50 }), cutsArb, (increments, buckets) => {
        const whole = quantitiesFromIncrements(increments, ms(WORLD_START, WORLD_END));
        expect(sumQuantities(buckets.map((b) => quantitiesFromIncrements(increments, b)))).toEqual(whole);
      }),
    );
  });
});
