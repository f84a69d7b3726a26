import type { KpiGranularity } from '../../gql/graphql';
import type { KpiBucket } from '../api/operations';
import { formatClock, formatHour, type Locale } from '../format/format';

// How a chosen range is cut: the API's stored hours, the site's shifts, or its local days.
export type Granularity = Extract<KpiGranularity, 'HOUR' | 'SHIFT' | 'DAY'>;

export const GRANULARITIES: readonly { value: Granularity; label: string; unit: string }[] = [
  { value: 'HOUR', label: 'By hour', unit: 'hour' },
  { value: 'SHIFT', label: 'By shift', unit: 'shift' },
  { value: 'DAY', label: 'By day', unit: 'day' },
];

const PARAM = 'by';

export function granularityUnit(granularity: Granularity): string {
  return GRANULARITIES.find((g) => g.value === granularity)?.unit ?? 'hour';
}

// From the address bar (?by=shift), hours when absent or unknown, so old links keep working.
export function parseGranularity(search: URLSearchParams): Granularity {
  const raw = search.get(PARAM)?.toUpperCase();
  return GRANULARITIES.find((g) => g.value === raw)?.value ?? 'HOUR';
}

// Hours are the default and stay out of the address.
export function withGranularity(search: URLSearchParams, granularity: Granularity): URLSearchParams {
  const next = new URLSearchParams(search);
  if (granularity === 'HOUR') next.delete(PARAM);
  else next.set(PARAM, granularity.toLowerCase());
  return next;
}

function formatDay(instant: Date, timeZone: string, locale?: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(instant);
}

// A bucket's name on an axis or a row, in the site's zone: "Tue 14:00", "Tue, Mar 10 · Early
// 06:00–14:00" (a site without shifts has day-long shift buckets, named by their times), "Tue, Mar 10".
export function bucketLabel(
  bucket: Pick<KpiBucket, 'bucketStart' | 'bucketEnd' | 'shiftName'>,
  granularity: Granularity,
  timeZone: string,
  locale?: Locale,
): string {
  const start = new Date(bucket.bucketStart);
  switch (granularity) {
    case 'HOUR':
      return formatHour(start, timeZone, locale);
    case 'DAY':
      return formatDay(start, timeZone, locale);
    case 'SHIFT': {
      const times = `${formatClock(start, timeZone, locale)}–${formatClock(new Date(bucket.bucketEnd), timeZone, locale)}`;
      const name = bucket.shiftName ? `${bucket.shiftName} ` : '';
      return `${formatDay(start, timeZone, locale)} · ${name}${times}`;
    }
  }
}
