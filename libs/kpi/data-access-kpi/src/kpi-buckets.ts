import { dayBuckets, weekBuckets, type Interval, type ShiftCalendar } from '@convergent/shared-util-kpi';
import { cachedShiftWindows } from './shift-window-cache';

export type StoredGranularity = 'hour' | 'shift' | 'day' | 'week';
export const STORED_GRANULARITIES: readonly StoredGranularity[] = ['hour', 'shift', 'day', 'week'];

export interface PlannedBucket extends Interval {
  granularity: StoredGranularity;
  shiftName: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Far enough around a range that the buckets touching its edges are found whole (a week, a
// night shift, a 25-hour day).
const MARGIN = 8 * DAY;

function widened(range: Interval): Interval {
  return { start: new Date(range.start.getTime() - MARGIN), end: new Date(range.end.getTime() + MARGIN) };
}

const overlaps = (range: Interval) => (b: Interval) => b.start < range.end && b.end > range.start;

// The whole buckets of one granularity that overlap a range, for a machine at a site in timeZone
// with that calendar. Hours are UTC hours (what the hourly job stores); days run from the site's
// local midnight (so 23 and 25 hours across DST, and never a sum of UTC hours in +05:45 zones),
// weeks are ISO weeks from local Monday midnight, shifts come from the calendar. A machine
// without a calendar is planned around the clock; its one "shift" per day is the local day.
export function bucketsOverlapping(
  granularity: StoredGranularity,
  range: Interval,
  timeZone: string,
  calendar: ShiftCalendar | null,
): PlannedBucket[] {
  const wide = widened(range);
  const plain = (list: Interval[]): PlannedBucket[] =>
    list.filter(overlaps(range)).map((b) => ({ start: b.start, end: b.end, granularity, shiftName: null }));
  switch (granularity) {
    case 'hour': {
      const out: PlannedBucket[] = [];
      for (let t = Math.floor(range.start.getTime() / HOUR) * HOUR; t < range.end.getTime(); t += HOUR)
        out.push({ start: new Date(t), end: new Date(t + HOUR), granularity, shiftName: null });
      return out;
    }
    case 'day':
      return plain(dayBuckets(wide, timeZone));
    case 'week':
      return plain(weekBuckets(wide, timeZone));
    case 'shift': {
      if (!calendar) return plain(dayBuckets(wide, timeZone));
      // One bucket per start: two shifts defined to start together are one bucket.
      const byStart = new Map<number, PlannedBucket>();
      for (const s of cachedShiftWindows(calendar, range, timeZone).shifts.filter(overlaps(range))) {
        const key = s.start.getTime();
        const seen = byStart.get(key);
        if (!seen || s.end > seen.end)
          byStart.set(key, { start: s.start, end: s.end, granularity, shiftName: s.shiftName });
      }
      return [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
    }
  }
}

// Buckets that closed in [from, until): what the finalizer computes for the last time.
export function bucketsClosedBetween(
  granularity: StoredGranularity,
  from: Date,
  until: Date,
  timeZone: string,
  calendar: ShiftCalendar | null,
): PlannedBucket[] {
  return bucketsOverlapping(granularity, { start: from, end: until }, timeZone, calendar).filter(
    (b) => b.end >= from && b.end < until,
  );
}

// The shift (or local day, without a calendar) in progress at `now`, if any.
export function currentShift(
  now: Date,
  timeZone: string,
  calendar: ShiftCalendar | null,
): PlannedBucket | null {
  const instant = { start: now, end: new Date(now.getTime() + 1) };
  return bucketsOverlapping('shift', instant, timeZone, calendar).find((b) => b.start <= now) ?? null;
}
