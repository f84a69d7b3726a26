import { intersectSpans, toInterval, toSpan, type Interval, type Span } from './interval';
import {
  addDays,
  formatLocalDate,
  isoWeekday,
  localDateOf,
  parseLocalDate,
  zonedInstant,
  type LocalDate,
} from './zoned-time';

export interface ShiftDefinition {
  name: string;
  // 'HH:MM' local wall clock; end <= start means the shift ends the next day.
  start: string;
  end: string;
  // ISO weekdays (1 = Monday ... 7 = Sunday) of the day the shift starts.
  days: readonly number[];
}

export interface PlannedStopDefinition {
  // Set: a stop of every occurrence of that shift (a break). Unset: a wall-clock stop of the
  // site (weekly maintenance), applied to whatever shifts it overlaps.
  shiftName?: string;
  start: string;
  end: string;
  // Bound stops: weekdays of the shift's date. Site stops: weekdays of the stop's own date.
  // Absent means every day.
  days?: readonly number[];
  reason: string;
}

export interface ShiftCalendar {
  shifts: readonly ShiftDefinition[];
  plannedStops: readonly PlannedStopDefinition[];
  // 'YYYY-MM-DD' local dates; a holiday cancels the shifts that start on it.
  holidays: readonly string[];
}

export interface ShiftWindow extends Interval {
  shiftName: string;
  // Local 'YYYY-MM-DD' the shift belongs to: the day it starts, also for night shifts.
  shiftDate: string;
}

export interface PlannedStopWindow extends Interval {
  reason: string;
  shiftName: string;
  shiftDate: string;
}

export interface ShiftSchedule {
  shifts: ShiftWindow[];
  plannedStops: PlannedStopWindow[];
}

function parseClock(text: string, what: string, allowEndOfDay: boolean): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const minuteOfDay = hours * 60 + minutes;
  const valid =
    match !== null && minutes < 60 && (minuteOfDay < 1440 || (allowEndOfDay && minuteOfDay === 1440));
  if (!valid) throw new RangeError(`${what} "${text}" is not a wall-clock time HH:MM`);
  return minuteOfDay;
}

function parseDays(days: readonly number[] | undefined, what: string): ReadonlySet<number> | null {
  if (days === undefined) return null;
  for (const day of days) {
    if (!Number.isInteger(day) || day < 1 || day > 7)
      throw new RangeError(`${what}: ${day} is not an ISO weekday 1-7`);
  }
  return new Set(days);
}

interface ClockRange {
  start: number;
  end: number;
}

function parseRange(start: string, end: string, what: string): ClockRange {
  return { start: parseClock(start, `${what} start`, false), end: parseClock(end, `${what} end`, true) };
}

// A wall-clock range placed on a date; an end at or before the start rolls to the next day.
function placeOn(date: LocalDate, clock: ClockRange, timeZone: string): Span {
  const endDate = clock.end > clock.start ? date : addDays(date, 1);
  return {
    start: zonedInstant(date, clock.start, timeZone),
    end: zonedInstant(endDate, clock.end, timeZone),
  };
}

// Returns every shift that overlaps the range, whole (not clipped), so a shift can serve as a
// bucket itself; time-element computation clips to its bucket anyway. Overlapping shifts are
// returned as defined and unioned when POT is computed, never counted twice.
export function shiftWindows(calendar: ShiftCalendar, range: Interval, timeZone: string): ShiftSchedule {
  const span = toSpan(range, 'range');
  const holidays = new Set(calendar.holidays.map((h) => formatLocalDate(parseLocalDate(h))));
  const shifts = calendar.shifts.map((shift) => ({
    name: shift.name,
    clock: parseRange(shift.start, shift.end, `shift ${shift.name}`),
    days: parseDays(shift.days, `shift ${shift.name}`) ?? new Set<number>(),
  }));
  const shiftNames = new Set(shifts.map((s) => s.name));
  const stops = calendar.plannedStops.map((stop) => {
    // A typo in a shift name would silently drop a break and make availability look worse.
    if (stop.shiftName !== undefined && !shiftNames.has(stop.shiftName)) {
      throw new RangeError(`planned stop ${stop.reason} refers to unknown shift "${stop.shiftName}"`);
    }
    return {
      shiftName: stop.shiftName ?? null,
      reason: stop.reason,
      clock: parseRange(stop.start, stop.end, `planned stop ${stop.reason}`),
      days: parseDays(stop.days, `planned stop ${stop.reason}`),
    };
  });

  const out: ShiftSchedule = { shifts: [], plannedStops: [] };
  if (span.end === span.start) return out;
  // A shift starting the day before the range can still run into it.
  const last = localDateOf(span.end, timeZone);
  for (let date = addDays(localDateOf(span.start, timeZone), -1); ; date = addDays(date, 1)) {
    const dateKey = formatLocalDate(date);
    if (dateKey > formatLocalDate(last)) break;
    if (holidays.has(dateKey)) continue;
    const weekday = isoWeekday(date);
    for (const shift of shifts) {
      if (!shift.days.has(weekday)) continue;
      const window = placeOn(date, shift.clock, timeZone);
      if (window.end <= window.start || window.start >= span.end || window.end <= span.start) continue;
      out.shifts.push({ ...toInterval(window), shiftName: shift.name, shiftDate: dateKey });

      for (const stop of stops) {
        const candidates: Span[] = [];
        if (stop.shiftName !== null) {
          if (stop.shiftName !== shift.name || (stop.days !== null && !stop.days.has(weekday))) continue;
          // A break earlier on the clock than the shift start belongs to the shift's second day.
          candidates.push(
            placeOn(stop.clock.start >= shift.clock.start ? date : addDays(date, 1), stop.clock, timeZone),
          );
        } else {
          for (const offset of [-1, 0, 1]) {
            const stopDate = addDays(date, offset);
            if (stop.days === null || stop.days.has(isoWeekday(stopDate)))
              candidates.push(placeOn(stopDate, stop.clock, timeZone));
          }
        }
        for (const piece of intersectSpans(candidates, [window])) {
          out.plannedStops.push({
            ...toInterval(piece),
            reason: stop.reason,
            shiftName: shift.name,
            shiftDate: dateKey,
          });
        }
      }
    }
  }
  const byStart = (a: Interval & { shiftName: string }, b: Interval & { shiftName: string }): number =>
    a.start.getTime() - b.start.getTime() || a.shiftName.localeCompare(b.shiftName);
  out.shifts.sort(byStart);
  out.plannedStops.sort(byStart);
  return out;
}
