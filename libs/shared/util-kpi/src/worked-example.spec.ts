import { describe, expect, it } from '@jest/globals';
import { dayBuckets, hourBuckets } from './buckets';
import { countsToIncrements, type CumulativeReading } from './counters';
import { sixBigLosses } from './losses';
import { quantitiesFromIncrements } from './quantities';
import { countFailures } from './reliability';
import { machineResult, rollUp } from './rollup';
import { shiftWindows, type ShiftCalendar } from './shift-calendar';
import { at, interval, MIN, sample } from './spec-helpers';
import { timeElementsForBucket } from './time-elements';

// KPI.md's worked example, from raw inputs: a Berlin site, Wednesday 2026-06-10 (CEST, UTC+2).
const BERLIN = 'Europe/Berlin';
const calendar: ShiftCalendar = {
  shifts: [{ name: 'early', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5] }],
  plannedStops: [
    { shiftName: 'early', start: '09:00', end: '09:20', reason: 'break' },
    { shiftName: 'early', start: '12:00', end: '12:40', days: [3], reason: 'planned maintenance' },
  ],
  holidays: [],
};
const local = (hhmm: string): string => `2026-06-10T${hhmm}:00+02:00`;

const samples = [
  sample(local('05:40'), 'idle'),
  sample(local('06:00'), 'setup'),
  sample(local('06:15'), 'running'),
  sample(local('10:00'), 'down', 'jam'),
  sample(local('10:25'), 'running'),
  sample(local('14:00'), 'idle'),
];

// A 16-bit produced counter that wraps mid-morning and is reset by the operator at 11:30.
const readings: CumulativeReading[] = [
  { ts: at(local('05:59')), counter: 'produced', cumulative: 65_000 },
  { ts: at(local('08:00')), counter: 'produced', cumulative: 4_464 },
  { ts: at(local('11:00')), counter: 'produced', cumulative: 9_464 },
  { ts: at(local('13:59')), counter: 'produced', cumulative: 4_000 },
  { ts: at(local('05:59')), counter: 'scrap', cumulative: 12 },
  { ts: at(local('13:59')), counter: 'scrap', cumulative: 362 },
];

const percent = (value: number | null): string | null => (value === null ? null : (value * 100).toFixed(2));

describe("KPI.md's worked example from calendar, states and counters", () => {
  const [day] = dayBuckets(interval(local('00:00'), '2026-06-11T00:00:00+02:00'), BERLIN);
  if (day === undefined) throw new Error('no day bucket');
  const schedule = shiftWindows(calendar, day, BERLIN);
  const increments = countsToIncrements(readings, { modulus: 2 ** 16 });
  const inputFor = (bucket: { start: Date; end: Date }) => ({
    bucket,
    plannedOperation: schedule.shifts,
    plannedStops: schedule.plannedStops,
    samples,
    dataUntil: at(local('14:30')),
    staleAfterMs: Number.POSITIVE_INFINITY,
  });

  it('shows the plant manager 90.48 % availability, 92.11 % effectiveness, 97.50 % quality, 81.25 % OEE', () => {
    const time = timeElementsForBucket(inputFor(day));
    expect([time.pot, time.pdt, time.pbt, time.apt, time.asut, time.adet].map((v) => v / MIN)).toEqual([
      480, 60, 420, 380, 15, 25,
    ]);
    const quantities = quantitiesFromIncrements(increments, day);
    expect(quantities).toEqual({ pq: 14_000, gq: 13_650, sq: 350, rq: 0 });

    const result = machineResult({
      time,
      quantities,
      idealCycleTimeMs: 1_500,
      failures: countFailures(inputFor(day)),
    });
    expect(percent(result.kpis.availability)).toBe('90.48');
    expect(percent(result.kpis.effectiveness)).toBe('92.11');
    expect(percent(result.kpis.quality)).toBe('97.50');
    expect(percent(result.kpis.oee)).toBe('81.25');
    expect([result.failures, result.kpis.mttrMs]).toEqual([1, 25 * MIN]);

    const losses = sixBigLosses({ time, quantities, idealCycleTimeMs: 1_500, startupRejects: 0 });
    expect(losses.reducedSpeedMs).toBe(380 * MIN - 21_000_000);
  });

  it('gives the same KPIs when the day is cut into hours and rolled up', () => {
    const whole = machineResult({
      time: timeElementsForBucket(inputFor(day)),
      quantities: quantitiesFromIncrements(increments, day),
      idealCycleTimeMs: 1_500,
    });
    const hourly = hourBuckets(day, BERLIN).map((hour) =>
      machineResult({
        time: timeElementsForBucket(inputFor(hour)),
        quantities: quantitiesFromIncrements(increments, hour),
        idealCycleTimeMs: 1_500,
      }),
    );
    expect(hourly).toHaveLength(24);
    const rolled = rollUp(hourly);
    expect(rolled.time).toEqual(whole.time);
    expect(rolled.kpis.oee).toBeCloseTo(whole.kpis.oee ?? Number.NaN, 12);
  });
});
