// Presentation only: values arrive unrounded and are rounded here, at the last moment.

export const NOT_APPLICABLE = '—';

// undefined means the browser's language.
export type Locale = string | undefined;

const percentFormats = new Map<string, Intl.NumberFormat>();

// A null ratio is "not applicable" (no planned time, nothing produced), which is not 0 %.
export function formatRatio(value: number | null, locale?: Locale): string {
  if (value === null || !Number.isFinite(value)) return NOT_APPLICABLE;
  const key = locale ?? '';
  let format = percentFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    percentFormats.set(key, format);
  }
  return format.format(value);
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')} min`;
}

export function formatCount(value: number, locale?: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

// A site with no time zone, or one the browser does not know, is shown in UTC and says so.
export function usableTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function formatHour(instant: Date, timeZone: string, locale?: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

export function formatClock(instant: Date, timeZone: string, locale?: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

// Minutes and seconds past the hour in the zone, so "this hour" starts where the site's clock
// says it does (Asia/Kolkata's hours begin at :30 UTC).
export function startOfLocalHour(instant: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone,
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  const second = Number(parts.find((p) => p.type === 'second')?.value ?? 0);
  return new Date(instant.getTime() - instant.getMilliseconds() - second * 1000 - minute * 60_000);
}

export function formatDateTime(instant: Date, timeZone: string, locale?: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(instant);
}
