import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { countFailures, reliability } from './reliability';
import { at, cutsArb, interval, MIN, ms, sample, WORLD_END, WORLD_START, worldArb } from './spec-helpers';
import type { StateSample } from './state-timeline';
import { timeElementsForBucket, type TimeElementsInput } from './time-elements';

const SHIFT = interval('2026-06-10T06:00:00Z', '2026-06-10T14:00:00Z');
const input = (samples: StateSample[], overrides: Partial<TimeElementsInput> = {}): TimeElementsInput => ({
  bucket: SHIFT,
  plannedOperation: [SHIFT],
  plannedStops: [interval('2026-06-10T10:00:00Z', '2026-06-10T10:30:00Z')],
  samples,
  dataUntil: at('2026-06-10T14:00:00Z'),
  staleAfterMs: Number.POSITIVE_INFINITY,
  ...overrides,
});

describe('failures, MTBF and MTTR', () => {
  const shiftWithTwoBreakdowns = [
    sample('2026-06-10T06:00:00Z', 'running'),
    sample('2026-06-10T07:00:00Z', 'down', 'spindle'),
    sample('2026-06-10T07:20:00Z', 'running'),
    sample('2026-06-10T08:00:00Z', 'idle'),
    sample('2026-06-10T08:10:00Z', 'down', 'jam'),
    sample('2026-06-10T08:20:00Z', 'down', 'jam, waiting for fitter'),
    sample('2026-06-10T08:50:00Z', 'running'),
  ];

  it('counts each breakdown once and divides running and down time by it', () => {
    const i = input(shiftWithTwoBreakdowns);
    const failures = countFailures(i);
    expect(failures).toBe(2);
    const r = reliability(timeElementsForBucket(i), failures);
    // Running 06:00-07:00, 07:20-08:00, 08:50-14:00 minus the 30-minute break = 380 minutes.
    expect([r.mtbfMs, r.mttrMs]).toEqual([190 * MIN, 30 * MIN]);
  });

  it('treats down, gateway silent, still down as one breakdown', () => {
    const samples = [
      sample('2026-06-10T06:00:00Z', 'running'),
      sample('2026-06-10T07:00:00Z', 'down'),
      sample('2026-06-10T09:00:00Z', 'down'),
      sample('2026-06-10T09:30:00Z', 'running'),
    ];
    expect(countFailures(input(samples, { staleAfterMs: 15 * MIN }))).toBe(1);
  });

  it('does not count a machine switched to down before the shift, or during a break, as a failure', () => {
    const samples = [
      sample('2026-06-10T05:00:00Z', 'down'),
      sample('2026-06-10T06:15:00Z', 'running'),
      sample('2026-06-10T10:10:00Z', 'down'),
      sample('2026-06-10T10:40:00Z', 'running'),
    ];
    expect(countFailures(input(samples))).toBe(0);
  });

  it('has no MTBF or MTTR without failures', () => {
    expect(reliability(timeElementsForBucket(input([sample('2026-06-10T06:00:00Z', 'running')])), 0)).toEqual(
      {
        failures: 0,
        mtbfMs: null,
        mttrMs: null,
      },
    );
  });

  it('adds up across buckets, a breakdown counted in the bucket where it starts (property)', () => {
    fc.assert(
      fc.property(worldArb, cutsArb, (world, buckets) => {
        const whole = countFailures({ ...world, bucket: ms(WORLD_START, WORLD_END) });
        const parts = buckets.map((bucket) => countFailures({ ...world, bucket }));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(whole);
      }),
      { numRuns: 300 },
    );
  });
});
