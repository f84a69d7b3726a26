import {
  countFailures,
  countStartupRejects,
  countsToIncrements,
  machineResult,
  quantitiesFromIncrements,
  sixBigLosses,
  stopTimeByReason,
  timeElementsForBucket,
  type CountIncrement,
  type Interval,
  type KpiResult,
  type SixBigLosses,
  type StateSample,
  type StopReasonTime,
  type TimeElementsInput,
} from '@convergent/shared-util-kpi';
import type { PlannedBucket } from './kpi-buckets';
import { cachedShiftWindows } from './shift-window-cache';
import { BucketPlan, BucketSweep, type BucketParts } from './bucket-sweep';
import type { MachineHourInputs, ProductRunPru } from './machine-hour-inputs.repository';

// A state that is not repeated for this long becomes unknown time: the edge agent re-sends the
// current state well within it, so silence means the gateway or the machine link is gone.
export const STALE_STATE_AFTER_MS = 15 * 60_000;

// Scrap and rework this soon after a changeover are start-up rejects (KPI.md, six big losses).
export const STARTUP_WINDOW_MS = 15 * 60_000;

const DAY = 86_400_000;

export interface MachineBucketAnalysis {
  result: KpiResult;
  losses: SixBigLosses;
  stops: StopReasonTime[];
}

// Index of the first element whose time is >= t in an array sorted by time.
function lowerBound<T>(items: readonly T[], t: number, time: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time(items[mid] as T) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const tsOf = (x: { ts: Date }) => x.ts.getTime();
const startOf = (w: Interval) => w.start.getTime();

// Calendar windows sorted by start, with the longest one's length: the windows overlapping a
// bucket are found by binary search instead of a scan of a month of shifts for every hour.
class WindowIndex {
  private readonly sorted: Interval[];
  private readonly longest: number;

  constructor(windows: readonly Interval[]) {
    this.sorted = [...windows].sort((a, b) => startOf(a) - startOf(b));
    this.longest = this.sorted.reduce((max, w) => Math.max(max, w.end.getTime() - startOf(w)), 0);
  }

  // A window ending after start began after start - longest.
  overlapping(start: number, end: number): Interval[] {
    return this.sorted
      .slice(lowerBound(this.sorted, start - this.longest, startOf), lowerBound(this.sorted, end, startOf))
      .filter((w) => w.end.getTime() > start);
  }
}

// Pure: one machine's KPIs for any number of buckets inside the range its inputs were loaded for.
// The inputs are sorted and the calendar expanded once, and each bucket only looks at its own
// slice, so a 30-day backfill of hour, shift, day and week buckets costs one pass per bucket.
// A bucket still in progress is computed "so far": its time elements cover the elapsed part only.
export class MachineBucketCalculator {
  private readonly samples: StateSample[];
  private readonly increments: CountIncrement[];
  private readonly shifts: WindowIndex;
  private readonly plannedStops: WindowIndex;

  constructor(
    private readonly inputs: MachineHourInputs,
    range: Interval,
  ) {
    this.samples = [...inputs.samples].sort((a, b) => tsOf(a) - tsOf(b));
    this.increments = [
      ...inputs.increments,
      ...countsToIncrements(inputs.cumulative, { modulus: 2 ** 32 }),
    ].sort((a, b) => tsOf(a) - tsOf(b));
    const plannedStops = [...inputs.oneOffPlannedStops];
    if (inputs.calendar) {
      // Night shifts that started the day before reach into the range, so expand it by a day.
      const schedule = cachedShiftWindows(
        inputs.calendar,
        { start: new Date(range.start.getTime() - DAY), end: new Date(range.end.getTime() + DAY) },
        inputs.timeZone,
      );
      this.shifts = new WindowIndex(schedule.shifts);
      plannedStops.push(...schedule.plannedStops);
    } else {
      this.shifts = new WindowIndex([
        { start: new Date(range.start.getTime() - DAY), end: new Date(range.end.getTime() + DAY) },
      ]);
    }
    this.plannedStops = new WindowIndex(plannedStops);
  }

  result(bucket: Interval, now: Date): KpiResult {
    return this.finish(this.parts(bucket, now), bucket, now);
  }

  // The results of many buckets, in their order, equal to result() of each: every bucket is the
  // sum of the atoms it is made of (bucket-sweep.ts), so each event is classified once however many
  // hours, shifts, days and weeks cover it; each bucket's PRU is its own.
  results(buckets: readonly PlannedBucket[], now: Date): KpiResult[] {
    const plan = new BucketPlan(buckets, now);
    const envelope = plan.envelope;
    if (!envelope) return [];
    const sweep = new BucketSweep(plan);
    const results = new Map<PlannedBucket, KpiResult>();
    for (const atom of plan.atomsBetween(envelope.start.getTime(), envelope.end.getTime()))
      if (sweep.covers(atom))
        for (const done of sweep.add(atom, this.parts(atom, now)))
          results.set(done.bucket, this.finish(done.parts, done.bucket, now));
    return buckets.map((b) => results.get(b) as KpiResult);
  }

  // The result with its loss waterfall and stop time per reason, for one range.
  analyse(bucket: Interval, now: Date): MachineBucketAnalysis {
    const { timeInput, increments, clipped } = this.slice(bucket, now, STARTUP_WINDOW_MS);
    const idealCycleTimeMs = this.idealCycleTimeMs(clipped);
    const time = timeElementsForBucket(timeInput);
    const quantities = quantitiesFromIncrements(increments, clipped);
    const startupRejects = countStartupRejects({
      ...timeInput,
      increments,
      startupWindowMs: STARTUP_WINDOW_MS,
    });
    return {
      result: machineResult({ time, quantities, idealCycleTimeMs, failures: countFailures(timeInput) }),
      losses: sixBigLosses({ time, quantities, idealCycleTimeMs, startupRejects }),
      stops: stopTimeByReason(timeInput),
    };
  }

  // The time elements, quantities and failures of a piece of time (up to now).
  parts(bucket: Interval, now: Date): BucketParts {
    const { timeInput, increments, clipped } = this.slice(bucket, now);
    return {
      time: timeElementsForBucket(timeInput),
      quantities: quantitiesFromIncrements(increments, clipped),
      failures: countFailures(timeInput),
    };
  }

  // The result of a bucket from the summed parts of the pieces it is made of.
  finish(parts: BucketParts, bucket: Interval, now: Date): KpiResult {
    const clipped = { start: bucket.start, end: new Date(Math.min(now.getTime(), bucket.end.getTime())) };
    return machineResult({ ...parts, idealCycleTimeMs: this.idealCycleTimeMs(clipped) });
  }

  private slice(bucket: Interval, now: Date, lookBackMs = 0) {
    if (now <= bucket.start)
      throw new RangeError(`the bucket starting ${bucket.start.toISOString()} has not begun`);
    const start = bucket.start.getTime();
    const end = Math.min(now.getTime(), bucket.end.getTime());
    const clipped = { start: bucket.start, end: new Date(end) };
    // The last sample before the bucket gives the state at its start.
    const from = Math.max(lowerBound(this.samples, start - lookBackMs, tsOf) - 1, 0);
    const to = lowerBound(this.samples, end, tsOf);
    const timeInput: TimeElementsInput = {
      bucket: clipped,
      plannedOperation: this.shifts.overlapping(start, end),
      plannedStops: this.plannedStops.overlapping(start, end),
      samples: this.samples.slice(from, to),
      dataUntil: clipped.end,
      staleAfterMs: STALE_STATE_AFTER_MS,
    };
    const increments = this.increments.slice(
      lowerBound(this.increments, start, tsOf),
      lowerBound(this.increments, end, tsOf),
    );
    return { timeInput, increments, clipped };
  }

  // PRU of the product run that started last among those covering the bucket, else the
  // machine's current product.
  private idealCycleTimeMs(bucket: Interval): number | null {
    let chosen: ProductRunPru | null = null;
    for (const run of this.inputs.productRuns) {
      const covers = run.start < bucket.end && (run.end === null || run.end > bucket.start);
      if (covers && (!chosen || run.start > chosen.start)) chosen = run;
    }
    return chosen ? chosen.idealCycleTimeMs : this.inputs.idealCycleTimeMs;
  }
}
