import { addDays, localDate, startOfLocalDate, startOfLocalDay } from '../format/time-zone';
import { startOfLocalHour } from '../format/format';

// The API answers at most 31 days of hourly buckets per request.
export const MAX_RANGE_DAYS = 31;
const HOUR_MS = 3_600_000;

export type RangePreset = 'today' | 'last-24h' | 'last-7-days' | 'custom';

export interface RangeChoice {
  preset: RangePreset;
  // Calendar dates in the site's zone, both inclusive; only for 'custom'.
  fromDate: string | null;
  toDate: string | null;
}

export interface KpiRange {
  from: Date;
  to: Date;
  label: string;
}

export type RangeResult = { ok: true; range: KpiRange } | { ok: false; problem: string };

const PRESETS: readonly RangePreset[] = ['today', 'last-24h', 'last-7-days', 'custom'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// From the address bar (?range=custom&from=2026-03-01&to=2026-03-07), so a range can be shared
// and survives a reload or a sign-in in between.
export function parseRangeChoice(search: URLSearchParams): RangeChoice {
  const raw = search.get('range');
  const preset = PRESETS.find((p) => p === raw) ?? 'today';
  return {
    preset,
    fromDate: preset === 'custom' ? search.get('from') : null,
    toDate: preset === 'custom' ? search.get('to') : null,
  };
}

// The other choices on the page (granularity, metrics) stay in the address.
export function rangeSearch(choice: RangeChoice, base = new URLSearchParams()): URLSearchParams {
  const search = new URLSearchParams(base);
  search.set('range', choice.preset);
  search.delete('from');
  search.delete('to');
  if (choice.preset === 'custom') {
    if (choice.fromDate) search.set('from', choice.fromDate);
    if (choice.toDate) search.set('to', choice.toDate);
  }
  return search;
}

// The instants to ask the API for, in the site's time zone; a bad custom range says what is wrong.
export function resolveRange(choice: RangeChoice, now: Date, timeZone: string): RangeResult {
  switch (choice.preset) {
    case 'today':
      return { ok: true, range: { from: startOfLocalDay(now, timeZone), to: now, label: 'Today' } };
    case 'last-24h':
      return {
        ok: true,
        range: {
          from: new Date(startOfLocalHour(now, timeZone).getTime() - 23 * HOUR_MS),
          to: now,
          label: 'Last 24 hours',
        },
      };
    case 'last-7-days':
      return {
        ok: true,
        range: {
          from: startOfLocalDate(addDays(localDate(now, timeZone), -6), timeZone),
          to: now,
          label: 'Last 7 days',
        },
      };
    case 'custom':
      return customRange(choice, now, timeZone);
  }
}

function customRange(choice: RangeChoice, now: Date, timeZone: string): RangeResult {
  const { fromDate, toDate } = choice;
  if (!fromDate || !DATE.test(fromDate) || !toDate || !DATE.test(toDate)) {
    return { ok: false, problem: 'Choose a first and a last day.' };
  }
  if (toDate < fromDate) return { ok: false, problem: 'The last day is before the first day.' };
  if (fromDate > localDate(now, timeZone)) return { ok: false, problem: 'The first day is in the future.' };
  const from = startOfLocalDate(fromDate, timeZone);
  const end = startOfLocalDate(addDays(toDate, 1), timeZone);
  if (end.getTime() - from.getTime() > MAX_RANGE_DAYS * 24 * HOUR_MS + HOUR_MS) {
    return { ok: false, problem: `Choose at most ${MAX_RANGE_DAYS} days.` };
  }
  const to = end.getTime() > now.getTime() ? now : end;
  return { ok: true, range: { from, to, label: `${fromDate} to ${toDate}` } };
}
