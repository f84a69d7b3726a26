import { registerEnumType } from '@nestjs/graphql';

export enum KpiGranularity {
  HOUR = 'hour',
  SHIFT = 'shift',
  DAY = 'day',
  WEEK = 'week',
  RANGE = 'range',
}

registerEnumType(KpiGranularity, {
  name: 'KpiGranularity',
  description:
    "How a range is cut into buckets: UTC hours; the site's shifts; days from the site's local midnight (23 or 25 hours across DST); ISO weeks from local Monday midnight; or RANGE, one bucket for exactly the range, computed from raw events when asked.",
  valuesMap: {
    HOUR: { description: 'UTC hours (stored by the hourly job).' },
    SHIFT: { description: "The site's shifts; without a calendar, the local day." },
    DAY: { description: 'Local days of the site.' },
    WEEK: { description: 'ISO weeks, local Monday to Monday.' },
    RANGE: { description: 'One bucket, from..to exactly, computed from raw events.' },
  },
});
