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
    "How a range is cut into buckets: the site's local hours; the site's shifts; days from the site's local midnight (23 or 25 hours across DST); ISO weeks from local Monday midnight; or RANGE, one bucket for exactly the range, computed from raw events when asked.",
  valuesMap: {
    HOUR: {
      description:
        "The site's local hours (starting at :30 UTC in +05:30 zones; 23 on a spring-forward day, 25 on a fall-back day).",
    },
    SHIFT: { description: "The site's shifts; without a calendar, the local day." },
    DAY: { description: 'Local days of the site.' },
    WEEK: { description: 'ISO weeks, local Monday to Monday.' },
    RANGE: { description: 'One bucket, from..to exactly, computed from raw events.' },
  },
});
