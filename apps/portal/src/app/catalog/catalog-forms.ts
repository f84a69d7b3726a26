import type { LossClass } from '../../gql/graphql';
import type { Problems } from '../admin/admin-forms';
import type { Locale } from '../format/format';

// The API's own rules for the catalog, said before a round trip; the API still decides.

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const WALL_CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_CYCLE_SECONDS = 86_400;

export const CODE_RULE = '1 to 40 of A-Z a-z 0-9 . _ - (starting with a letter or digit).';

function checkCode(code: string): string | undefined {
  return CODE.test(code.trim()) ? undefined : `Use ${CODE_RULE}`;
}

function checkName(name: string, max = 120): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a name.';
  return trimmed.length > max ? `At most ${max} characters.` : undefined;
}

// Ideal cycle times are entered in seconds (a comma as the decimal mark too) and sent in ms.
export function parseCycleSeconds(text: string): { ms: number } | { problem: string } {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { problem: 'Enter the ideal cycle time in seconds, such as 1.5.' };
  const seconds = Number(trimmed);
  if (!Number.isFinite(seconds) || !/^\d*\.?\d+$/.test(trimmed))
    return { problem: `"${text.trim()}" is not a number of seconds.` };
  if (seconds <= 0) return { problem: 'The ideal cycle time must be more than 0 seconds.' };
  if (seconds > MAX_CYCLE_SECONDS) return { problem: 'At most one day (86400 seconds).' };
  return { ms: Math.round(seconds * 1000 * 1000) / 1000 };
}

export function formatCycleTime(ms: number, locale?: Locale): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(ms / 1000)} s`;
}

export interface ProductForm {
  code: string;
  name: string;
  seconds: string;
}

export function validateProduct(form: ProductForm): Problems<keyof ProductForm> {
  const problems: Problems<keyof ProductForm> = {};
  const code = checkCode(form.code);
  if (code) problems.code = code;
  const name = checkName(form.name);
  if (name) problems.name = name;
  const cycle = parseCycleSeconds(form.seconds);
  if ('problem' in cycle) problems.seconds = cycle.problem;
  return problems;
}

export const LOSS_CLASSES: readonly { value: LossClass; label: string }[] = [
  { value: 'planned', label: 'Planned downtime' },
  { value: 'breakdown', label: 'Breakdown' },
  { value: 'setup', label: 'Setup and adjustment' },
  { value: 'minor_stop', label: 'Minor stop' },
  { value: 'reduced_speed', label: 'Reduced speed' },
  { value: 'startup_reject', label: 'Start-up rejects' },
  { value: 'production_reject', label: 'Production rejects' },
];

export function lossClassLabel(value: LossClass): string {
  return LOSS_CLASSES.find((c) => c.value === value)?.label ?? value;
}

export interface ReasonForm {
  code: string;
  name: string;
  lossClass: LossClass | null;
}

export function validateReason(form: ReasonForm): Problems<keyof ReasonForm> {
  const problems: Problems<keyof ReasonForm> = {};
  const code = checkCode(form.code);
  if (code) problems.code = code;
  const name = checkName(form.name);
  if (name) problems.name = name;
  if (!form.lossClass) problems.lossClass = 'Choose where the stop lands in the OEE losses.';
  return problems;
}

export interface CalendarForm {
  name: string;
  assetId: string | null;
}

export function validateCalendar(form: CalendarForm): Problems<keyof CalendarForm> {
  const problems: Problems<keyof CalendarForm> = {};
  const name = checkName(form.name);
  if (name) problems.name = name;
  if (!form.assetId) problems.assetId = 'Choose the site, area or line the calendar is for.';
  return problems;
}

export const WEEKDAYS: readonly { value: string; label: string }[] = [
  { value: '1', label: 'Mon' },
  { value: '2', label: 'Tue' },
  { value: '3', label: 'Wed' },
  { value: '4', label: 'Thu' },
  { value: '5', label: 'Fri' },
  { value: '6', label: 'Sat' },
  { value: '7', label: 'Sun' },
];

// "Mon–Fri" for a run of days, else a list.
export function formatDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const label = (d: number) => WEEKDAYS[d - 1]?.label ?? String(d);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return 'No day';
  if (sorted.length > 2 && last - first === sorted.length - 1) return `${label(first)}–${label(last)}`;
  return sorted.map(label).join(', ');
}

// A shift or a planned stop: a name, local start and end (an end before the start crosses
// midnight), and the weekdays it starts on.
export interface TimeSlotForm {
  name: string;
  startTime: string;
  endTime: string;
  days: string[];
}

export function validateTimeSlot(form: TimeSlotForm): Problems<keyof TimeSlotForm> {
  const problems: Problems<keyof TimeSlotForm> = {};
  const name = checkName(form.name);
  if (name) problems.name = name;
  if (!WALL_CLOCK.test(form.startTime)) problems.startTime = 'Enter a local time such as 06:00.';
  if (!WALL_CLOCK.test(form.endTime)) problems.endTime = 'Enter a local time such as 14:00.';
  else if (form.endTime === form.startTime) problems.endTime = 'The end must differ from the start.';
  if (form.days.length === 0) problems.days = 'Choose at least one weekday.';
  return problems;
}

export function timeSlotInput(form: TimeSlotForm) {
  return {
    name: form.name.trim(),
    startTime: form.startTime,
    endTime: form.endTime,
    daysOfWeek: form.days.map(Number).sort((a, b) => a - b),
  };
}

export interface HolidayForm {
  date: string;
  name: string;
}

export function validateHoliday(form: HolidayForm): Problems<keyof HolidayForm> {
  const problems: Problems<keyof HolidayForm> = {};
  if (!DATE.test(form.date)) problems.date = 'Choose the date.';
  const name = checkName(form.name);
  if (name) problems.name = name;
  return problems;
}
