import {
  ZERO_QUANTITIES,
  ZERO_TIME_ELEMENTS,
  type Interval,
  type Quantities,
  type TimeElements,
} from '@convergent/shared-util-kpi';
import type { PlannedBucket } from './kpi-buckets';

// What adds up across a partition of a bucket: everything but the PRU, which is the bucket's own
// (time elements, quantities and failures add up exactly over any partition of a bucket:
// property-tested in util-kpi and in machine-bucket-calculator.spec.ts).
export interface BucketParts {
  time: TimeElements;
  quantities: Quantities;
  failures: number;
}

const TIME_KEYS = Object.keys(ZERO_TIME_ELEMENTS) as Array<keyof TimeElements>;
const QUANTITY_KEYS = Object.keys(ZERO_QUANTITIES) as Array<keyof Quantities>;

// A bucket's running sum: a copy of its first atom's parts, the others added in place (a month of
// one machine's hours, shifts, days and weeks is millions of additions; a new object for each was
// most of the backfill's garbage).
function copyParts(parts: BucketParts): BucketParts {
  return { time: { ...parts.time }, quantities: { ...parts.quantities }, failures: parts.failures };
}

function addInto(sum: BucketParts, parts: BucketParts): void {
  for (const key of TIME_KEYS) sum.time[key] += parts.time[key];
  for (const key of QUANTITY_KEYS) sum.quantities[key] += parts.quantities[key];
  sum.failures += parts.failures;
}

export interface SweptBucket {
  bucket: PlannedBucket;
  parts: BucketParts;
}

// The buckets of one schedule (a site's zone and calendar), shared by every machine that follows
// it: the buckets sorted by start, and every instant where one begins or ends (its end clipped to
// now while it is open). Between two consecutive instants lies an atom, a piece of time no bucket
// boundary cuts, so every bucket is exactly a run of atoms and is computed as the sum of their
// parts: each event is read and classified once, however many buckets of however many
// granularities cover it, and a long range is worked through window by window.
export class BucketPlan {
  readonly buckets: readonly PlannedBucket[];
  private readonly cuts: readonly number[];

  constructor(
    buckets: readonly PlannedBucket[],
    private readonly now: Date,
  ) {
    this.buckets = buckets
      .filter((b) => b.start < now)
      .sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());
    const cuts = new Set<number>();
    for (const b of this.buckets) {
      cuts.add(b.start.getTime());
      cuts.add(this.endOf(b));
    }
    this.cuts = [...cuts].sort((a, b) => a - b);
  }

  // Where the plan's buckets begin and (as far as now) end; null when there are none.
  get envelope(): Interval | null {
    const first = this.cuts[0];
    const last = this.cuts[this.cuts.length - 1];
    return first === undefined || last === undefined ? null : { start: new Date(first), end: new Date(last) };
  }

  // The atoms in [from, to), also cut at from and to so that windows tile the plan.
  atomsBetween(from: number, to: number): Interval[] {
    const points = [from, ...this.cuts.filter((c) => c > from && c < to), to];
    const atoms: Interval[] = [];
    for (let i = 0; i + 1 < points.length; i++)
      atoms.push({ start: new Date(points[i] as number), end: new Date(points[i + 1] as number) });
    return atoms;
  }

  endOf(bucket: Interval): number {
    return Math.min(bucket.end.getTime(), this.now.getTime());
  }
}

// One machine's way through a plan: the parts of each atom are added to every bucket covering it,
// and a bucket is handed back the moment its last atom is in. Atoms must come in time order.
export class BucketSweep {
  private next = 0;
  private open: Array<{ bucket: PlannedBucket; end: number; parts: BucketParts | null }> = [];

  constructor(private readonly plan: BucketPlan) {}

  // Whether any bucket covers the atom (the pieces before the first bucket or in a gap need no
  // computing).
  covers(atom: Interval): boolean {
    this.admit(atom.start.getTime());
    return this.open.some((o) => o.end > atom.start.getTime());
  }

  add(atom: Interval, parts: BucketParts): SweptBucket[] {
    const start = atom.start.getTime();
    this.admit(start);
    const done: SweptBucket[] = [];
    this.open = this.open.filter((o) => {
      if (o.end <= start) return false;
      if (o.parts) addInto(o.parts, parts);
      else o.parts = copyParts(parts);
      if (atom.end.getTime() < o.end) return true;
      done.push({ bucket: o.bucket, parts: o.parts });
      return false;
    });
    return done;
  }

  // The earliest start among buckets begun but not yet complete: a sweep resumed from there
  // recomputes them whole (everything before was handed back). null when none is in progress.
  get inProgressSince(): Date | null {
    let earliest: Date | null = null;
    for (const o of this.open)
      if (o.parts && (!earliest || o.bucket.start < earliest)) earliest = o.bucket.start;
    return earliest;
  }

  private admit(at: number): void {
    const buckets = this.plan.buckets;
    while (this.next < buckets.length && (buckets[this.next] as PlannedBucket).start.getTime() <= at) {
      const bucket = buckets[this.next++] as PlannedBucket;
      this.open.push({ bucket, end: this.plan.endOf(bucket), parts: null });
    }
  }
}
