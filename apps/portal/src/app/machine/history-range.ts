import { startOfLocalHour } from '../format/format';
import { localDateTimeToInstant } from '../format/time-zone';

// The machine page's ranges. The API answers a timeline of at most 31 days.
export const MAX_HISTORY_DAYS = 31;
const HOUR_MS = 3_600_000;

export type HistoryPreset = 'last-hour' | 'shift' | 'last-24h' | 'last-7-days' | 'custom';

export interface HistoryChoice {
  preset: HistoryPreset;
  // Wall times in the site's zone ("2026-03-10T08:30"); only for 'custom'.
  from: string;
  to: string;
}

export type HistoryRange = { ok: true; from: Date; to: Date } | { ok: false; problem: string };

// shiftStart: when the shift in progress began, or null when none is.
export function resolveHistoryRange(
  choice: HistoryChoice,
  now: Date,
  timeZone: string,
  shiftStart: Date | null,
): HistoryRange {
  switch (choice.preset) {
    case 'last-hour':
      return { ok: true, from: new Date(now.getTime() - HOUR_MS), to: now };
    case 'shift':
      return shiftStart
        ? { ok: true, from: shiftStart, to: now }
        : { ok: false, problem: 'No shift is in progress: choose another range.' };
    case 'last-24h':
      return { ok: true, from: new Date(startOfLocalHour(now, timeZone).getTime() - 23 * HOUR_MS), to: now };
    case 'last-7-days':
      return { ok: true, from: new Date(now.getTime() - 7 * 24 * HOUR_MS), to: now };
    case 'custom':
      return customRange(choice, now, timeZone);
  }
}

function customRange(choice: HistoryChoice, now: Date, timeZone: string): HistoryRange {
  const from = localDateTimeToInstant(choice.from, timeZone);
  const end = localDateTimeToInstant(choice.to, timeZone);
  if (!from || !end) return { ok: false, problem: 'Choose a start and an end.' };
  if (end <= from) return { ok: false, problem: 'The end is not after the start.' };
  if (from >= now) return { ok: false, problem: 'The start is in the future.' };
  if (end.getTime() - from.getTime() > MAX_HISTORY_DAYS * 24 * HOUR_MS)
    return { ok: false, problem: `Choose at most ${MAX_HISTORY_DAYS} days.` };
  return { ok: true, from, to: end > now ? now : end };
}
