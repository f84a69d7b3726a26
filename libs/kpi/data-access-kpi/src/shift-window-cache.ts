import {
  shiftWindows,
  type Interval,
  type ShiftCalendar,
  type ShiftSchedule,
} from '@convergent/shared-util-kpi';

const MAX_ENTRIES = 64;
const cache = new Map<string, ShiftSchedule>();

// shiftWindows for the same calendar, range and zone gives the same windows, and every machine of
// a site shares them; the zone arithmetic (Intl) is the costliest part of a backfill, so the
// schedule is computed once per site and range. The result is shared: callers must not mutate it.
export function cachedShiftWindows(
  calendar: ShiftCalendar,
  range: Interval,
  timeZone: string,
): ShiftSchedule {
  const key = JSON.stringify([calendar, range.start.getTime(), range.end.getTime(), timeZone]);
  const hit = cache.get(key);
  if (hit) return hit;
  const schedule = shiftWindows(calendar, range, timeZone);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, schedule);
  return schedule;
}
