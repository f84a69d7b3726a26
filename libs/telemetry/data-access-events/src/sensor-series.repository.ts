import type { Database } from '@convergent/platform-data-access-db';
import { chooseSensorResolution, type SensorResolution } from './sensor-resolution';

export interface SensorPoint {
  // Start of the point's bucket.
  at: Date;
  min: number;
  avg: number;
  max: number;
  // Raw readings behind the point.
  count: number;
}

export interface SensorSeries {
  metric: string;
  points: SensorPoint[];
}

export interface SensorSeriesAnswer {
  resolution: SensorResolution;
  series: SensorSeries[];
}

interface PointRow {
  metric: string;
  at: Date;
  min: number;
  max: number;
  sum: number;
  count: string;
}

// Raw readings or rollups, grouped into the chosen buckets in SQL so at most maxPoints rows per
// metric leave the database. A bucket without readings has no point: a gap stays a gap.
const SOURCE_SQL: Record<SensorResolution['source'], string> = {
  raw: `SELECT metric, ts AS at, value AS min, value AS max, value AS sum, 1::bigint AS count
          FROM telemetry_points WHERE machine_id = $1::uuid AND ts >= $2 AND ts < $3`,
  '1m': `SELECT metric, bucket_start AS at, min, max, sum, count
           FROM telemetry_rollups WHERE resolution = '1m' AND machine_id = $1::uuid
            AND bucket_start >= $2 AND bucket_start < $3`,
  '1h': `SELECT metric, bucket_start AS at, min, max, sum, count
           FROM telemetry_rollups WHERE resolution = '1h' AND machine_id = $1::uuid
            AND bucket_start >= $2 AND bucket_start < $3`,
};

// A machine's telemetry over a range, per metric, at a resolution that keeps every metric under
// maxPoints points (raw for short ranges, the rollups of migration 0014 for long ones).
export class SensorSeriesRepository {
  constructor(private readonly db: Database) {}

  async series(
    tenantId: string,
    machineId: string,
    range: { from: Date; to: Date },
    maxPoints: number,
    metrics: readonly string[] | null,
  ): Promise<SensorSeriesAnswer> {
    const resolution = chooseSensorResolution(range.from, range.to, maxPoints);
    const rows = await this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      return sql.query<PointRow>(
        `SELECT metric, date_bin(make_interval(secs => $4::double precision / 1000), at, $2) AS at,
                min(min) AS min, max(max) AS max, sum(sum) AS sum, sum(count)::bigint AS count
           FROM (${SOURCE_SQL[resolution.source]}) readings
          WHERE $5::text[] IS NULL OR metric = ANY ($5::text[])
          GROUP BY 1, 2 ORDER BY 1, 2`,
        [machineId, resolution.origin, range.to, resolution.bucketMs, metrics ? [...metrics] : null],
      );
    });
    const byMetric = new Map<string, SensorPoint[]>();
    for (const row of rows) {
      const count = Number(row.count);
      const points = byMetric.get(row.metric) ?? [];
      points.push({ at: row.at, min: row.min, max: row.max, avg: row.sum / count, count });
      byMetric.set(row.metric, points);
    }
    return { resolution, series: [...byMetric].map(([metric, points]) => ({ metric, points })) };
  }
}
