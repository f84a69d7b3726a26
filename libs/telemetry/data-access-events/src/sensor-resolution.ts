// Which stored form of a machine's telemetry answers a range, and how wide each returned point
// is, so that every metric has at most maxPoints points: raw points for short ranges, the 1-minute
// or 1-hour rollups of migration 0014 once a point spans at least that long.
export type SensorSource = 'raw' | '1m' | '1h';

export interface SensorResolution {
  source: SensorSource;
  // Points start at origin + k * bucketMs; origin is the range start floored to the source's unit,
  // so rollup buckets are never split between two points.
  origin: Date;
  bucketMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const UNIT_MS: Record<SensorSource, number> = { raw: 1, '1m': MINUTE, '1h': HOUR };

export function chooseSensorResolution(from: Date, to: Date, maxPoints: number): SensorResolution {
  if (!Number.isInteger(maxPoints) || maxPoints < 1)
    throw new RangeError('maxPoints must be a positive integer');
  if (to <= from) throw new RangeError('the range must end after it starts');
  const narrowest = Math.ceil((to.getTime() - from.getTime()) / maxPoints);
  const source: SensorSource = narrowest >= HOUR ? '1h' : narrowest >= MINUTE ? '1m' : 'raw';
  const unit = UNIT_MS[source];
  const origin = Math.floor(from.getTime() / unit) * unit;
  // Whole units of the source, wide enough that the floored range still fits in maxPoints.
  const bucketMs = Math.ceil((to.getTime() - origin) / maxPoints / unit) * unit;
  return { source, origin: new Date(origin), bucketMs };
}
