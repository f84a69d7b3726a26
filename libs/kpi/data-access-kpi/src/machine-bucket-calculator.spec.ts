import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { rollUp } from '@convergent/shared-util-kpi';
import { bucketsOverlapping } from './kpi-buckets';
import type { Interval } from '@convergent/shared-util-kpi';
import type { MachineHourInputs, MachineSchedule } from './machine-hour-inputs.repository';
import { MachineBucketCalculator } from './machine-hour-kpi';
import { WindowedBackfill } from './windowed-backfill';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STATES = ['running', 'idle', 'down', 'setup', 'planned_stop'] as const;
// Two local days in Kathmandu (+05:45): neither days nor shifts start on a UTC hour.
const range = { start: new Date('2026-03-28T18:15:00Z'), end: new Date('2026-03-30T18:15:00Z') };
const now = new Date('2026-04-01T00:00:00Z');

const inputsArb = fc
  .record({
    samples: fc.array(
      fc.record({
        at: fc.integer({ min: -HOUR, max: 2 * DAY }),
        state: fc.constantFrom(...STATES),
        reason: fc.constantFrom(undefined, 'JAM', 'WAIT'),
      }),
      { maxLength: 80 },
    ),
    counts: fc.array(
      fc.record({
        at: fc.integer({ min: 0, max: 2 * DAY - 1 }),
        counter: fc.constantFrom('produced' as const, 'scrap' as const),
        increment: fc.integer({ min: 0, max: 500 }),
      }),
      { maxLength: 40 },
    ),
    withCalendar: fc.boolean(),
  })
  .map(({ samples, counts, withCalendar }): MachineHourInputs => ({
    timeZone: 'Asia/Kathmandu',
    siteId: null,
    idealCycleTimeMs: 1500,
    productRuns: [],
    calendar: withCalendar
      ? {
          shifts: [
            { name: 'Early', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5, 6, 7] },
            { name: 'Night', start: '22:00', end: '06:00', days: [1, 2, 3, 4, 5, 6, 7] },
          ],
          plannedStops: [{ start: '02:00', end: '02:30', days: [1, 2, 3, 4, 5, 6, 7], reason: 'Break' }],
          holidays: [],
        }
      : null,
    oneOffPlannedStops: [],
    samples: samples.map((s) => ({
      ts: new Date(range.start.getTime() + s.at),
      state: s.state,
      ...(s.reason ? { reason: s.reason } : {}),
    })),
    increments: counts.map((c) => ({
      ts: new Date(range.start.getTime() + c.at),
      counter: c.counter,
      increment: c.increment,
    })),
    cumulative: [],
  }));

describe('MachineBucketCalculator', () => {
  it('gives buckets that add up to the whole range: local hours or local days in a +05:45 zone (property)', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const calc = new MachineBucketCalculator(inputs, range);
        const whole = calc.result(range, now);
        // The range is two local days: 48 local hours, each starting at :15 UTC.
        const hours = bucketsOverlapping('hour', range, inputs.timeZone, inputs.calendar);
        expect(hours).toHaveLength(48);
        expect(hours.every((h) => h.start.getUTCMinutes() === 15)).toBe(true);
        const days = bucketsOverlapping('day', range, inputs.timeZone, inputs.calendar);
        expect(days).toHaveLength(2);
        for (const parts of [hours, days]) {
          const sum = rollUp(parts.map((p) => calc.result(p, now)));
          expect(sum.time).toEqual(whole.time);
          expect(sum.quantities).toEqual(whole.quantities);
          expect(sum.idealGoodMs).toBe(whole.idealGoodMs);
          expect(sum.failures).toBe(whole.failures);
          expect(sum.kpis.oee).toBe(whole.kpis.oee);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps every time element within its bucket and none below 0, with OEE = PRU × GQ / PBT (property)', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const calc = new MachineBucketCalculator(inputs, range);
        for (const bucket of bucketsOverlapping('shift', range, inputs.timeZone, inputs.calendar)) {
          const { time, quantities, kpis } = calc.result(bucket, now);
          expect(time.apt + time.asut + time.adet + time.unknown + time.pdt).toBe(time.pot);
          expect(time.pot).toBeLessThanOrEqual(bucket.end.getTime() - bucket.start.getTime());
          for (const value of Object.values(time)) expect(value).toBeGreaterThanOrEqual(0);
          if (time.pbt > 0) expect(kpis.oee).toBeCloseTo((1500 * quantities.gq) / time.pbt, 12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives every hour, shift, day and week of a backfill the result computed alone, also while open (property)', () => {
    const granularities = ['hour', 'shift', 'day', 'week'] as const;
    fc.assert(
      fc.property(
        inputsArb,
        fc.integer({ min: 1, max: 3 * DAY }),
        fc.integer({ min: 0, max: 2 * DAY }),
        (inputs, nowAt, runAt) => {
          // A product change with another PRU somewhere in the range, so buckets' PRUs differ.
          const withRun: MachineHourInputs = {
            ...inputs,
            productRuns: [
              { start: new Date(range.start.getTime() + runAt), end: null, idealCycleTimeMs: 900 },
            ],
          };
          const at = new Date(range.start.getTime() + nowAt);
          const buckets = granularities
            .flatMap((g) => bucketsOverlapping(g, range, inputs.timeZone, inputs.calendar))
            .filter((b) => b.start < at);
          const envelope = {
            start: new Date(Math.min(...buckets.map((b) => b.start.getTime()))),
            end: new Date(Math.max(...buckets.map((b) => b.end.getTime()))),
          };
          const calc = new MachineBucketCalculator(withRun, envelope);
          expect(calc.results(buckets, at)).toEqual(buckets.map((b) => calc.result(b, at)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

// What the repository reads for a window: its events, the last state before it, and each counter's
// last cumulative reading before it.
function inputsFor(inputs: MachineHourInputs, w: Interval): MachineHourInputs {
  const inside = (t: Date) => t >= w.start && t < w.end;
  const before = inputs.samples.filter((s) => s.ts < w.start);
  const last = before.reduce<(typeof before)[number] | null>((a, s) => (!a || s.ts >= a.ts ? s : a), null);
  const baselines = (['produced', 'scrap'] as const).flatMap((counter) =>
    inputs.cumulative.filter((c) => c.counter === counter && c.ts < w.start).slice(-1),
  );
  return {
    ...inputs,
    samples: [...(last ? [last] : []), ...inputs.samples.filter((s) => inside(s.ts))],
    increments: inputs.increments.filter((i) => inside(i.ts)),
    cumulative: [...baselines, ...inputs.cumulative.filter((c) => inside(c.ts))],
  };
}

const cumulativeArb = fc.array(
  fc.record({
    at: fc.integer({ min: -DAY, max: 2 * DAY }),
    counter: fc.constantFrom('produced' as const, 'scrap' as const),
    // Small values now and then: a counter that was reset.
    value: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1000, max: 100_000 })),
  }),
  { maxLength: 30 },
);

describe('WindowedBackfill', () => {
  const granularities = ['hour', 'shift', 'day', 'week'] as const;

  it('gives every bucket, window by window and after a resume, the result of one pass (property)', () => {
    fc.assert(
      fc.property(
        inputsArb,
        cumulativeArb,
        fc.integer({ min: 1, max: 3 * DAY }),
        fc.integer({ min: 0, max: 8 }),
        (base, readings, nowAt, crashAfter) => {
          const inputs: MachineHourInputs = {
            ...base,
            cumulative: readings
              .map((r) => ({
                ts: new Date(range.start.getTime() + r.at),
                counter: r.counter,
                cumulative: r.value,
              }))
              .sort((a, b) => a.ts.getTime() - b.ts.getTime()),
          };
          const at = new Date(range.start.getTime() + nowAt);
          const schedule: MachineSchedule = {
            ancestors: [],
            timeZone: inputs.timeZone,
            siteId: null,
            idealCycleTimeMs: inputs.idealCycleTimeMs,
            calendar: inputs.calendar,
          };
          const bucketsFrom = (from: Date | null) => () =>
            granularities
              .flatMap((g) => bucketsOverlapping(g, range, inputs.timeZone, inputs.calendar))
              .filter((b) => !from || b.start >= from);
          const run = (backfill: WindowedBackfill, windows: Interval[]) =>
            windows.flatMap((w) =>
              backfill.compute('m', new MachineBucketCalculator(inputsFor(inputs, w), w), w),
            );

          const first = new WindowedBackfill(new Map([['m', schedule]]), bucketsFrom(null), at);
          const windows = first.windows();
          // Kathmandu's local days and hours start at :15 UTC, so UTC-day windows cut through them.
          expect(windows.length).toBeGreaterThan(2);
          const beforeCrash = windows.slice(0, crashAfter);
          const written = run(first, beforeCrash);
          const crashedAt = beforeCrash.length
            ? first.progress(beforeCrash.at(-1) as Interval).restartAt
            : null;
          const resumed = new WindowedBackfill(new Map([['m', schedule]]), bucketsFrom(crashedAt), at);
          const rows = [...written, ...run(resumed, resumed.windows(crashedAt))];

          const buckets = bucketsFrom(null)().filter((b) => b.start < at);
          const envelope = {
            start: new Date(Math.min(...buckets.map((b) => b.start.getTime()))),
            end: new Date(Math.max(...buckets.map((b) => b.end.getTime()))),
          };
          const whole = new MachineBucketCalculator(inputs, envelope).results(buckets, at);
          const key = (b: { granularity: string; start: Date }) =>
            `${b.granularity}@${b.start.toISOString()}`;
          const expected = new Map(buckets.map((b, i) => [key(b), whole[i]]));
          // A bucket finished before the crash may be computed again after it: the upsert writes
          // the same figures twice.
          for (const row of rows) expect(row.result).toEqual(expected.get(key(row.bucket)));
          expect(new Set(rows.map((r) => key(r.bucket)))).toEqual(new Set(expected.keys()));
        },
      ),
      { numRuns: 60 },
    );
  });
});
