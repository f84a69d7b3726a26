import type { KpiBucket } from '../api/operations';
import { formatClock, type Locale } from '../format/format';

type ShiftBucket = Pick<KpiBucket, 'bucketStart' | 'bucketEnd' | 'shiftName'>;

// Which shift the "current shift" figures are, in the site's zone: "Early 06:00–14:00". Lines
// with their own calendars can be in different shifts at once; their figures are summed and the
// span runs from the earliest start to the latest end.
export function shiftSpan(buckets: readonly ShiftBucket[], timeZone: string, locale?: Locale): string | null {
  if (buckets.length === 0) return null;
  const starts = buckets.map((b) => Date.parse(b.bucketStart));
  const ends = buckets.map((b) => Date.parse(b.bucketEnd));
  const times = `${formatClock(new Date(Math.min(...starts)), timeZone, locale)}–${formatClock(
    new Date(Math.max(...ends)),
    timeZone,
    locale,
  )}`;
  const names = [...new Set(buckets.map((b) => b.shiftName).filter((n): n is string => n !== null))];
  if (buckets.length > 1) return `${buckets.length} shifts, ${times}`;
  return names[0] ? `${names[0]} ${times}` : times;
}
