import { toInterval, toSpan, type Interval } from './interval';
import {
  addDays,
  formatLocalDate,
  formatOffset,
  HOUR_MS,
  isoWeekday,
  isoWeekKey,
  localDateOf,
  localDateTime,
  offsetMs,
  offsetRuns,
  zonedInstant,
  type LocalDate,
} from './zoned-time';

// A bucket's key names it in the site's local calendar: '2026-03-29', '2026-W13',
// '2026-10-25T02:00+02:00' (the offset tells the two 02:00 hours of a fall-back night apart).
export interface Bucket extends Interval {
  key: string;
}

// Buckets partition the range exactly: the first and last are partial when the range does not
// start or end on a local boundary, so summing them equals computing over the whole range.
function partition(
  range: Interval,
  boundaries: readonly number[],
  keyAt: (start: number) => string,
): Bucket[] {
  const span = toSpan(range, 'range');
  const cuts = [span.start, ...boundaries.filter((b) => b > span.start && b < span.end), span.end];
  const out: Bucket[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] as number;
    const end = cuts[i + 1] as number;
    if (end > start) out.push({ ...toInterval({ start, end }), key: keyAt(start) });
  }
  return out;
}

// Local hours are found per constant-offset run, so half- and quarter-hour zones (Asia/Kolkata,
// Asia/Kathmandu) get their local hours, and a fall-back night has 25 hour buckets.
export function hourBuckets(range: Interval, timeZone: string): Bucket[] {
  const span = toSpan(range, 'range');
  const boundaries: number[] = [];
  for (const run of offsetRuns(span.start, span.end, timeZone)) {
    let b = Math.ceil((run.start + run.offset) / HOUR_MS) * HOUR_MS - run.offset;
    for (; b < run.end; b += HOUR_MS) boundaries.push(b);
  }
  return partition(range, boundaries, (start) => {
    const local = localDateTime(start, timeZone);
    return `${formatLocalDate(local)}T${String(local.hour).padStart(2, '0')}:00${formatOffset(offsetMs(start, timeZone))}`;
  });
}

function calendarBuckets(
  range: Interval,
  timeZone: string,
  firstDate: (date: LocalDate) => LocalDate,
  stepDays: number,
  keyOf: (date: LocalDate) => string,
): Bucket[] {
  const span = toSpan(range, 'range');
  if (span.end === span.start) return [];
  const boundaries: number[] = [];
  const keys = new Map<number, string>();
  let date = firstDate(localDateOf(span.start, timeZone));
  keys.set(span.start, keyOf(date));
  for (;;) {
    date = addDays(date, stepDays);
    const boundary = zonedInstant(date, 0, timeZone);
    if (boundary >= span.end) break;
    boundaries.push(boundary);
    keys.set(boundary, keyOf(date));
  }
  return partition(range, boundaries, (start) => keys.get(start) ?? '');
}

// Local midnight to local midnight: 23 hours on a spring-forward day, 25 on a fall-back day.
export function dayBuckets(range: Interval, timeZone: string): Bucket[] {
  return calendarBuckets(range, timeZone, (date) => date, 1, formatLocalDate);
}

// ISO weeks, Monday local midnight to Monday local midnight.
export function weekBuckets(range: Interval, timeZone: string): Bucket[] {
  return calendarBuckets(range, timeZone, (date) => addDays(date, 1 - isoWeekday(date)), 7, isoWeekKey);
}
