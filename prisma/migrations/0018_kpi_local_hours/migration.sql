-- Stored hour buckets follow the site's local hours (Asia/Kolkata's start at :30 UTC) instead of
-- UTC hours. In zones whose offset is not a whole number of hours the old UTC-hour rows overlap
-- the new local ones, so they are deleted; those the raw events still cover are marked dirty, and
-- the sweep recomputes them as local hours (a marked UTC hour recomputes the local hours it
-- touches). Older ones cannot be recomputed and are only deleted: their shifts, days and weeks,
-- which never were sums of hours, stay.
WITH misaligned AS (
  DELETE FROM kpi_results r
  USING assets m
  LEFT JOIN assets s ON s.id = m.site_id
  WHERE r.granularity = 'hour' AND m.id = r.asset_id
    AND date_trunc('hour', r.bucket_start AT TIME ZONE coalesce(s.time_zone, 'UTC'))
        <> r.bucket_start AT TIME ZONE coalesce(s.time_zone, 'UTC')
  RETURNING r.tenant_id, r.asset_id, r.bucket_start
)
INSERT INTO kpi_dirty_hours (tenant_id, machine_id, hour_start, marked_at)
SELECT x.tenant_id, x.asset_id, x.bucket_start, now()
FROM misaligned x JOIN tenants t ON t.id = x.tenant_id
WHERE x.bucket_start >= now() - make_interval(days => t.retention_days)
ON CONFLICT (machine_id, hour_start) DO UPDATE SET marked_at = now();
