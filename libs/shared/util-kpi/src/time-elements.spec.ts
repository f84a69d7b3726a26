import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dayBuckets, hourBuckets } from './buckets';
import {
  at,
  cutsArb,
  interval,
  MIN,
  ms,
  sample,
  WORLD_END,
  WORLD_START,
  worldArb,
  type World,
} from './spec-helpers';
import {
  stopTimeByReason,
  sumTimeElements,
  timeElementsForBucket,
  type TimeElements,
  type TimeElementsInput,
} from './time-elements';

const SHIFT = interval('2026-06-10T06:00:00Z', '2026-06-10T14:00:00Z');
const minutes = (t: TimeElements): Record<string, number> =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v / MIN]));

const base: Omit<TimeElementsInput, 'samples'> = {
  bucket: interval('2026-06-10T00:00:00Z', '2026-06-11T00:00:00Z'),
  plannedOperation: [SHIFT],
  plannedStops: [interval('2026-06-10T09:00:00Z', '2026-06-10T09:20:00Z')],
  dataUntil: at('2026-06-11T00:00:00Z'),
  staleAfterMs: Number.POSITIVE_INFINITY,
};

describe('time elements', () => {
  it('classifies running, setup, idle, down and unknown inside planned busy time only', () => {
    const t = timeElementsForBucket({
      ...base,
      samples: [
        sample('2026-06-10T05:00:00Z', 'down'), // before the shift: not counted anywhere
        sample('2026-06-10T06:10:00Z', 'setup'),
        sample('2026-06-10T06:30:00Z', 'running'),
        sample('2026-06-10T10:00:00Z', 'idle'),
        sample('2026-06-10T10:05:00Z', 'running'),
        sample('2026-06-10T12:00:00Z', 'down'),
        sample('2026-06-10T12:30:00Z', 'running'),
      ],
    });
    expect(minutes(t)).toEqual({
      pot: 480,
      pdt: 20,
      pbt: 460,
      apt: 460 - 10 - 20 - 5 - 30,
      asut: 20,
      adet: 45,
      down: 10 + 30,
      idle: 5,
      unknown: 0,
      plannedStopByState: 0,
    });
  });

  it('counts a calendar break as planned downtime even if the machine kept running through it', () => {
    const t = timeElementsForBucket({ ...base, samples: [sample('2026-06-10T06:00:00Z', 'running')] });
    expect(t.pdt / MIN).toBe(20);
    expect(t.apt / MIN).toBe(460);
  });

  it("counts a machine reporting 'planned_stop' during busy time as planned downtime, so it does not hurt availability", () => {
    const t = timeElementsForBucket({
      ...base,
      samples: [sample('2026-06-10T06:00:00Z', 'running'), sample('2026-06-10T13:00:00Z', 'planned_stop')],
    });
    expect(t.plannedStopByState / MIN).toBe(60);
    expect(t.pdt / MIN).toBe(80);
    expect(t.pbt).toBe(t.apt);
  });

  it('reports time with no trustworthy state as unknown', () => {
    const t = timeElementsForBucket({
      ...base,
      dataUntil: at('2026-06-10T12:00:00Z'),
      staleAfterMs: 30 * MIN,
      samples: [sample('2026-06-10T06:00:00Z', 'running'), sample('2026-06-10T08:00:00Z', 'running')],
    });
    // 06:30-08:00 stale, 08:30-14:00 stale or past dataUntil, minus the 20-minute break.
    expect(t.unknown / MIN).toBe(90 + 330 - 20);
    expect(t.apt / MIN).toBe(60);
  });

  it('splits a state interval exactly at the bucket boundary', () => {
    const samples = [sample('2026-06-10T06:00:00Z', 'down'), sample('2026-06-10T07:30:00Z', 'running')];
    const first = timeElementsForBucket({
      ...base,
      samples,
      bucket: interval('2026-06-10T06:00:00Z', '2026-06-10T07:00:00Z'),
    });
    const second = timeElementsForBucket({
      ...base,
      samples,
      bucket: interval('2026-06-10T07:00:00Z', '2026-06-10T08:00:00Z'),
    });
    expect([first.down / MIN, second.down / MIN, second.apt / MIN]).toEqual([60, 30, 30]);
  });

  it('never counts overlapping shifts or stops twice', () => {
    const t = timeElementsForBucket({
      ...base,
      plannedOperation: [SHIFT, interval('2026-06-10T13:00:00Z', '2026-06-10T15:00:00Z')],
      plannedStops: [
        interval('2026-06-10T09:00:00Z', '2026-06-10T09:20:00Z'),
        interval('2026-06-10T09:10:00Z', '2026-06-10T09:30:00Z'),
      ],
      samples: [sample('2026-06-10T06:00:00Z', 'running')],
    });
    expect([t.pot / MIN, t.pdt / MIN]).toEqual([540, 30]);
  });

  it('ranks stop time by state and reason for the downtime Pareto', () => {
    const pareto = stopTimeByReason({
      ...base,
      samples: [
        sample('2026-06-10T06:00:00Z', 'down', 'tool breakage'),
        sample('2026-06-10T06:10:00Z', 'running'),
        sample('2026-06-10T07:00:00Z', 'down', 'no material'),
        sample('2026-06-10T07:30:00Z', 'running'),
        sample('2026-06-10T08:00:00Z', 'down', 'tool breakage'),
        sample('2026-06-10T08:05:00Z', 'idle'),
        sample('2026-06-10T08:07:00Z', 'running'),
      ],
    });
    expect(pareto.map((p) => [p.state, p.reason, p.ms / MIN])).toEqual([
      ['down', 'no material', 30],
      ['down', 'tool breakage', 15],
      ['idle', null, 2],
    ]);
  });
});

describe('time element invariants', () => {
  const inputOf = (world: World, bucket = ms(WORLD_START, WORLD_END)): TimeElementsInput => ({
    ...world,
    bucket,
  });
  const sums = (t: TimeElements): boolean =>
    t.apt + t.asut + t.adet + t.unknown + t.pdt === t.pot &&
    t.pbt === t.pot - t.pdt &&
    t.adet === t.idle + t.down &&
    Object.values(t).every((v) => v >= 0);

  it('sum to POT and are never negative', () => {
    fc.assert(
      fc.property(worldArb, (world) => sums(timeElementsForBucket(inputOf(world)))),
      { numRuns: 300 },
    );
  });

  it('add up: splitting a range into buckets and summing equals computing the whole', () => {
    fc.assert(
      fc.property(worldArb, cutsArb, (world, buckets) => {
        const whole = timeElementsForBucket(inputOf(world));
        const parts = buckets.map((b) => timeElementsForBucket(inputOf(world, b)));
        expect(sumTimeElements(parts)).toEqual(whole);
        expect(parts.every(sums)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('add up over Berlin hour and day buckets across the spring-forward night', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom(hourBuckets, dayBuckets), (world, bucketsOf) => {
        const whole = timeElementsForBucket(inputOf(world));
        const parts = bucketsOf(ms(WORLD_START, WORLD_END), 'Europe/Berlin').map((b) =>
          timeElementsForBucket(inputOf(world, b)),
        );
        expect(sumTimeElements(parts)).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });
});
