// IANA time-zone arithmetic on the built-in Intl API (no tz library is installed). Instants are
// epoch milliseconds; local dates are plain calendar values with no zone attached.

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Throws RangeError for an unknown zone, which is what we want for a misconfigured site.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function localDateTime(instant: number, timeZone: string): LocalDateTime {
  const values: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? Number.NaN,
    month: values.month ?? Number.NaN,
    day: values.day ?? Number.NaN,
    hour: values.hour ?? Number.NaN,
    minute: values.minute ?? Number.NaN,
    second: values.second ?? Number.NaN,
  };
}

// Treats a wall-clock reading as if it were UTC; subtracting the zone offset gives the instant.
export function wallClockMs(date: LocalDate, minuteOfDay = 0, second = 0): number {
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC, so years 0-99 are not mapped to 1900-1999.
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  return d.getTime() + minuteOfDay * MINUTE_MS + second * 1000;
}

export function offsetMs(instant: number, timeZone: string): number {
  const local = localDateTime(instant, timeZone);
  return wallClockMs(local, local.hour * 60 + local.minute, local.second) - Math.floor(instant / 1000) * 1000;
}

// Wall clock -> instant, with the disambiguation of Temporal's 'compatible' mode (also RFC 5545
// and java.time): a time skipped by a spring-forward gap moves forward by the gap length
// (02:30 on a Berlin spring-forward day is 03:30 CEST); a time repeated by a fall-back overlap
// takes its first, earlier occurrence (02:30 CEST, not 02:30 CET).
export function zonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): number {
  const wall = wallClockMs(date, minuteOfDay);
  // Offsets a day either side bracket any single transition; zones do not change twice in 2 days.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const valid = [before, after]
    .map((offset) => wall - offset)
    .filter((instant) => offsetMs(instant, timeZone) === wall - instant);
  if (valid.length > 0) return Math.min(...valid);
  return wall - before;
}

export function localDateOf(instant: number, timeZone: string): LocalDate {
  const { year, month, day } = localDateTime(instant, timeZone);
  return { year, month, day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(wallClockMs(date) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoWeekday(date: LocalDate): number {
  const weekday = new Date(wallClockMs(date)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatLocalDate(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

export function parseLocalDate(text: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (date === null || formatLocalDate(addDays(date, 0)) !== text) {
    throw new RangeError(`"${text}" is not a calendar date (YYYY-MM-DD)`);
  }
  return date;
}

export function formatOffset(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offset) / MINUTE_MS);
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

// ISO 8601 week: weeks start on Monday and belong to the year of their Thursday.
export function isoWeekKey(monday: LocalDate): string {
  const thursday = addDays(monday, 3);
  const jan1 = { year: thursday.year, month: 1, day: 1 };
  const dayOfYear = Math.round((wallClockMs(thursday) - wallClockMs(jan1)) / DAY_MS);
  return `${pad(thursday.year, 4)}-W${pad(Math.floor(dayOfYear / 7) + 1)}`;
}

export interface OffsetRun {
  start: number;
  end: number;
  offset: number;
}

// Splits [start, end) where the zone's UTC offset changes. Probes every 6 hours and bisects to
// the millisecond; zones never change offset twice within 6 hours.
export function offsetRuns(start: number, end: number, timeZone: string): OffsetRun[] {
  const step = 6 * HOUR_MS;
  const runs: OffsetRun[] = [];
  let runStart = start;
  let offset = offsetMs(start, timeZone);
  let t = start;
  while (t < end) {
    const probe = Math.min(t + step, end);
    if (offsetMs(probe, timeZone) !== offset) {
      let lo = t;
      let hi = probe;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMs(mid, timeZone) === offset) lo = mid;
        else hi = mid;
      }
      if (hi < end) {
        runs.push({ start: runStart, end: hi, offset });
        runStart = hi;
        offset = offsetMs(hi, timeZone);
      }
      t = hi;
    } else {
      t = probe;
    }
  }
  runs.push({ start: runStart, end, offset });
  return runs;
}
