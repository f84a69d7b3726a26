// Shared by the specs only; not exported from index.ts.
import type { MachineState } from '@convergent/shared-util-contracts';
import { MACHINE_STATES } from '@convergent/shared-util-contracts';
import fc from 'fast-check';
import type { Interval } from './interval';
import { toQuantities, type Quantities } from './quantities';
import type { StateSample } from './state-timeline';
import { ZERO_TIME_ELEMENTS, type TimeElements } from './time-elements';

export const MIN = 60_000;
export const HOUR = 3_600_000;

export const at = (iso: string): Date => new Date(iso);
export const interval = (start: string, end: string): Interval => ({ start: at(start), end: at(end) });
export const ms = (start: number, end: number): Interval => ({ start: new Date(start), end: new Date(end) });
export const sample = (iso: string, state: MachineState, reason?: string): StateSample =>
  reason === undefined ? { ts: at(iso), state } : { ts: at(iso), state, reason };
export const hours = (interval: Interval): number =>
  (interval.end.getTime() - interval.start.getTime()) / HOUR;

// A two-day world, in minutes, so generated intervals collide often.
export const WORLD_START = Date.UTC(2026, 2, 28, 0, 0);
export const WORLD_END = WORLD_START + 2 * 24 * HOUR;
const minuteInWorld = fc.integer({ min: 0, max: 48 * 60 }).map((m) => WORLD_START + m * MIN);

export const intervalArb: fc.Arbitrary<Interval> = fc
  .tuple(minuteInWorld, fc.integer({ min: 0, max: 16 * 60 }))
  .map(([start, length]) => ms(start, Math.min(start + length * MIN, WORLD_END)));

export const sampleArb: fc.Arbitrary<StateSample> = fc.record({
  ts: fc.integer({ min: -4 * 60, max: 48 * 60 }).map((m) => new Date(WORLD_START + m * MIN)),
  state: fc.constantFrom(...MACHINE_STATES),
});

export interface World {
  plannedOperation: Interval[];
  plannedStops: Interval[];
  samples: StateSample[];
  dataUntil: Date;
  staleAfterMs: number;
}

export const worldArb: fc.Arbitrary<World> = fc.record({
  plannedOperation: fc.array(intervalArb, { maxLength: 4 }),
  plannedStops: fc.array(intervalArb, { maxLength: 4 }),
  samples: fc.array(sampleArb, { maxLength: 40 }),
  dataUntil: fc.integer({ min: 0, max: 52 * 60 }).map((m) => new Date(WORLD_START + m * MIN)),
  staleAfterMs: fc.oneof(
    fc.integer({ min: 0, max: 180 }).map((m) => m * MIN),
    fc.constant(Number.POSITIVE_INFINITY),
  ),
});

// Sorted cut points inside the world: the range [WORLD_START, WORLD_END) split at them.
export const cutsArb: fc.Arbitrary<Interval[]> = fc
  .uniqueArray(fc.integer({ min: 1, max: 48 * 60 - 1 }), { maxLength: 8 })
  .map((cuts) => {
    const points = [WORLD_START, ...cuts.sort((a, b) => a - b).map((m) => WORLD_START + m * MIN), WORLD_END];
    return points.slice(1).map((end, i) => ms(points[i] as number, end));
  });

// KPI.md's worked example, as time elements.
export const WORKED_TIME: TimeElements = {
  ...ZERO_TIME_ELEMENTS,
  pot: 480 * MIN,
  pdt: 60 * MIN,
  pbt: 420 * MIN,
  apt: 380 * MIN,
  asut: 15 * MIN,
  adet: 25 * MIN,
  down: 25 * MIN,
};
export const WORKED_QUANTITIES = toQuantities(14_000, 350, 0);

export const timeArb: fc.Arbitrary<TimeElements> = fc
  .record({
    apt: fc.nat(50_000_000),
    asut: fc.nat(5_000_000),
    down: fc.nat(5_000_000),
    idle: fc.nat(5_000_000),
    unknown: fc.nat(5_000_000),
    calendarPdt: fc.nat(5_000_000),
    plannedStopByState: fc.nat(5_000_000),
  })
  .map((t) => {
    const pdt = t.calendarPdt + t.plannedStopByState;
    const pbt = t.apt + t.asut + t.down + t.idle + t.unknown;
    return { ...t, adet: t.down + t.idle, pdt, pbt, pot: pbt + pdt };
  })
  .map(({ calendarPdt: _calendarPdt, ...t }) => t);

export const quantitiesArb: fc.Arbitrary<Quantities> = fc
  .tuple(
    fc.nat(100_000),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  )
  .map(([pq, s, r]) => {
    const sq = Math.floor(pq * s);
    return toQuantities(pq, sq, Math.floor((pq - sq) * r));
  });

export const pruArb: fc.Arbitrary<number | null> = fc.option(fc.integer({ min: 100, max: 60_000 }), {
  nil: null,
});
