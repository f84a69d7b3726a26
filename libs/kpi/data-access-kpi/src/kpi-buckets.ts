import {
  dayBuckets,
  hourBuckets,
  weekBuckets,
  type Interval,
  type ShiftCalendar,
} from '@convergent/shared-util-kpi';
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

// A local hour is one real hour long, except the hour holding a 30-minute DST change
// (Australia/Lord_Howe), so two hours either side reach the whole hours at a range's edges.
const HOUR_MARGIN = 2 * HOUR;

const MAX_ZONE_ENTRIES = 64;
const zoneBuckets = new Map<string, Interval[]>();

// Hour, day and week buckets depend only on the zone and the range, and every machine of a site
// asks for the same ones; the zone arithmetic (Intl) is what makes them costly. Shared: callers
// must not mutate the result.
function cachedZoneBuckets(
  granularity: 'hour' | 'day' | 'week',
  range: Interval,
  timeZone: string,
): Interval[] {
  const key = `${granularity}|${timeZone}|${range.start.getTime()}|${range.end.getTime()}`;
  const hit = zoneBuckets.get(key);
  if (hit) return hit;
  const buckets =
    granularity === 'hour'
      ? hourBuckets(
          {
            start: new Date(range.start.getTime() - HOUR_MARGIN),
            end: new Date(range.end.getTime() + HOUR_MARGIN),
          },
          timeZone,
        )
      : (granularity === 'day' ? dayBuckets : weekBuckets)(widened(range), timeZone);
  const whole = buckets.filter(overlaps(range)).map((b) => ({ start: b.start, end: b.end }));
  if (zoneBuckets.size >= MAX_ZONE_ENTRIES) zoneBuckets.delete(zoneBuckets.keys().next().value as string);
  zoneBuckets.set(key, whole);
  return whole;
}

// The whole buckets of one granularity that overlap a range, for a machine at a site in timeZone
// with that calendar. Hours are the site's local hours (on :30 UTC in +05:30 zones; 23 on a
// spring-forward day, 25 on a fall-back day, the repeated hour twice), days run from the site's
// local midnight (so 23 and 25 hours across DST), weeks are ISO weeks from local Monday midnight,
// shifts come from the calendar. A machine without a calendar is planned around the clock; its
// one "shift" per day is the local day.
export function bucketsOverlapping(
  granularity: StoredGranularity,
  range: Interval,
  timeZone: string,
  calendar: ShiftCalendar | null,
): PlannedBucket[] {
  const plain = (zoned: 'hour' | 'day' | 'week'): PlannedBucket[] =>
    cachedZoneBuckets(zoned, range, timeZone).map((b) => ({
      start: b.start,
      end: b.end,
      granularity,
      shiftName: null,
    }));
  switch (granularity) {
    case 'hour':
    case 'day':
    case 'week':
      return plain(granularity);
    case 'shift': {
      if (!calendar) return plain('day');
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

// The site's local day in progress at `now`.
export function currentDay(now: Date, timeZone: string): PlannedBucket {
  const instant = { start: now, end: new Date(now.getTime() + 1) };
  const [day] = bucketsOverlapping('day', instant, timeZone, null);
  if (!day) throw new Error(`no local day holds ${now.toISOString()} in ${timeZone}`);
  return day;
}

// When the next shift after `now` starts, within a week; null for a machine without a calendar
// (planned around the clock, so never off shift) or with no shift that week. The search starts
// on the hour so the shift windows of one hour are computed once.
export function nextShiftStart(now: Date, timeZone: string, calendar: ShiftCalendar | null): Date | null {
  if (!calendar) return null;
  const hour = Math.floor(now.getTime() / HOUR) * HOUR;
  const week = { start: new Date(hour), end: new Date(hour + 8 * DAY) };
  return bucketsOverlapping('shift', week, timeZone, calendar).find((b) => b.start > now)?.start ?? null;
}
