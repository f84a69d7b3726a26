-- Retention and housekeeping: raw events are kept for the tenant's retention_days; telemetry is
-- downsampled into 1-minute and 1-hour rollups (count, min, max, sum: avg = sum / count) that are
-- kept longer, each for its own tenant setting; dead letters expire. The worker runs both functions
-- as convergent_app; they are SECURITY DEFINER because they work across tenants and drop partitions.

ALTER TABLE tenants
  ADD COLUMN rollup_minute_retention_days integer NOT NULL DEFAULT 400,
  ADD COLUMN rollup_hour_retention_days integer NOT NULL DEFAULT 1825,
  ADD CONSTRAINT tenants_retention_positive CHECK (
    retention_days > 0 AND rollup_minute_retention_days > 0 AND rollup_hour_retention_days > 0);

CREATE TABLE telemetry_rollups (
  tenant_id    uuid             NOT NULL,
  machine_id   uuid             NOT NULL,
  metric       text             NOT NULL,
  resolution   text             NOT NULL CHECK (resolution IN ('1m', '1h')),
  bucket_start timestamptz(3)   NOT NULL,
  count        bigint           NOT NULL CHECK (count > 0),
  min          double precision NOT NULL,
  max          double precision NOT NULL,
  sum          double precision NOT NULL,
  PRIMARY KEY (machine_id, metric, resolution, bucket_start)
);
CREATE INDEX telemetry_rollups_retention ON telemetry_rollups (resolution, bucket_start);
ALTER TABLE telemetry_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE telemetry_rollups FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON telemetry_rollups
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT ON telemetry_rollups TO convergent_app;

-- Recomputes every 1-minute bucket that starts in [p_from, p_to) from the raw points, and every
-- 1-hour bucket those minutes belong to from the 1-minute rows. Whole buckets are recomputed, so
-- running it again (late data, a retried job) converges on the same rows. Returns the minute
-- buckets written.
CREATE FUNCTION rollup_telemetry(p_from timestamptz, p_to timestamptz)
  RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_from timestamptz := date_trunc('minute', p_from);
  v_to timestamptz := date_trunc('minute', p_to);
  v_minutes integer;
BEGIN
  IF v_to <= v_from OR v_to - v_from > interval '7 days' THEN
    RAISE EXCEPTION 'rollup_telemetry: range % .. % must be ordered and at most 7 days', p_from, p_to;
  END IF;
  INSERT INTO telemetry_rollups AS r (tenant_id, machine_id, metric, resolution, bucket_start, count, min, max, sum)
  SELECT tenant_id, machine_id, metric, '1m', date_trunc('minute', ts), count(*), min(value), max(value), sum(value)
    FROM telemetry_points
   WHERE ts >= v_from AND ts < v_to
   GROUP BY tenant_id, machine_id, metric, date_trunc('minute', ts)
  ON CONFLICT (machine_id, metric, resolution, bucket_start) DO UPDATE
    SET count = EXCLUDED.count, min = EXCLUDED.min, max = EXCLUDED.max, sum = EXCLUDED.sum;
  GET DIAGNOSTICS v_minutes = ROW_COUNT;

  INSERT INTO telemetry_rollups AS r (tenant_id, machine_id, metric, resolution, bucket_start, count, min, max, sum)
  SELECT tenant_id, machine_id, metric, '1h', date_trunc('hour', bucket_start), sum(count), min(min), max(max), sum(sum)
    FROM telemetry_rollups
   WHERE resolution = '1m'
     AND bucket_start >= date_trunc('hour', v_from)
     AND bucket_start < date_trunc('hour', v_to - interval '1 microsecond') + interval '1 hour'
   GROUP BY tenant_id, machine_id, metric, date_trunc('hour', bucket_start)
  ON CONFLICT (machine_id, metric, resolution, bucket_start) DO UPDATE
    SET count = EXCLUDED.count, min = EXCLUDED.min, max = EXCLUDED.max, sum = EXCLUDED.sum;
  RETURN v_minutes;
END
$$;
REVOKE EXECUTE ON FUNCTION rollup_telemetry(timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rollup_telemetry(timestamptz, timestamptz) TO convergent_app;

-- Applies every retention rule as of p_now:
-- * a daily event partition is dropped once it ends before the longest raw retention of any tenant
--   (and never younger than p_min_partition_age_days, so the partitions the worker keeps creating
--   behind today are not dropped and created again every day);
-- * rows of tenants with a shorter retention are deleted from the partitions that remain;
-- * rollups older than their tenant's minute or hour retention are deleted;
-- * dead letters older than p_dead_letter_days are deleted.
CREATE FUNCTION apply_retention(p_now timestamptz, p_dead_letter_days integer, p_min_partition_age_days integer)
  RETURNS TABLE (partitions_dropped integer, events_deleted bigint, rollups_deleted bigint, dead_letters_deleted bigint)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_keep_days integer;
  v_cutoff date;
  v_part record;
  v_table text;
  v_count bigint;
BEGIN
  IF p_dead_letter_days < 1 OR p_min_partition_age_days < 1 THEN
    RAISE EXCEPTION 'apply_retention: dead letters and partitions are kept at least one day';
  END IF;
  partitions_dropped := 0;
  events_deleted := 0;
  SELECT GREATEST(COALESCE(max(retention_days), 0), p_min_partition_age_days) INTO v_keep_days FROM tenants;
  v_cutoff := (p_now AT TIME ZONE 'UTC')::date - v_keep_days;
  FOR v_part IN
    SELECT c.relname::text AS name
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname IN ('machine_state_events', 'production_count_events', 'telemetry_points')
       AND c.relname ~ '_[0-9]{8}$'
       AND to_date(right(c.relname, 8), 'YYYYMMDD') < v_cutoff
  LOOP
    EXECUTE format('DROP TABLE %I', v_part.name);
    partitions_dropped := partitions_dropped + 1;
  END LOOP;

  FOREACH v_table IN ARRAY ARRAY['machine_state_events', 'production_count_events', 'telemetry_points'] LOOP
    EXECUTE format(
      'DELETE FROM %I e USING tenants t WHERE e.tenant_id = t.id AND e.ts < $1 - make_interval(days => t.retention_days)',
      v_table) USING p_now;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    events_deleted := events_deleted + v_count;
  END LOOP;

  DELETE FROM telemetry_rollups r USING tenants t
   WHERE r.tenant_id = t.id
     AND r.bucket_start < p_now - make_interval(days => CASE r.resolution
                                                         WHEN '1m' THEN t.rollup_minute_retention_days
                                                         ELSE t.rollup_hour_retention_days END);
  GET DIAGNOSTICS rollups_deleted = ROW_COUNT;

  DELETE FROM dead_letters WHERE received_at < p_now - make_interval(days => p_dead_letter_days);
  GET DIAGNOSTICS dead_letters_deleted = ROW_COUNT;
  RETURN NEXT;
END
$$;
REVOKE EXECUTE ON FUNCTION apply_retention(timestamptz, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION apply_retention(timestamptz, integer, integer) TO convergent_app;
