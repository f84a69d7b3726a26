-- Shift, day and week buckets: the worker finds which machines to compute and which finalized
-- buckets late data made stale. Like kpi_overdue_dirty_hours these look across tenants and
-- return ids only, through SECURITY DEFINER functions; all KPI reads and writes stay under RLS.

-- Every machine in service, with its site and the site's IANA zone (the bucket calendar).
CREATE FUNCTION kpi_machine_directory()
  RETURNS TABLE (tenant_id uuid, machine_id uuid, site_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.tenant_id, m.id, m.site_id FROM assets m
    JOIN tenants t ON t.id = m.tenant_id AND t.status = 'active'
    WHERE m.kind = 'machine' AND m.archived_at IS NULL AND m.site_id IS NOT NULL
  $$;

-- Machines that sent states or counts since p_since: the ones whose "shift so far" is live. One
-- index probe per machine on (machine_id, ts) rather than a scan of today's partition.
CREATE FUNCTION kpi_active_machines(p_since timestamptz)
  RETURNS TABLE (tenant_id uuid, machine_id uuid, site_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.tenant_id, m.id, m.site_id FROM assets m
    WHERE m.kind = 'machine' AND m.archived_at IS NULL AND m.site_id IS NOT NULL
      AND (EXISTS (SELECT 1 FROM machine_state_events e WHERE e.machine_id = m.id AND e.ts >= p_since)
           OR EXISTS (SELECT 1 FROM production_count_events e WHERE e.machine_id = m.id AND e.ts >= p_since))
  $$;

-- Final shift/day/week results older than an hour result of the same machine that overlaps them:
-- late or corrected data changed that hour after the bucket was finalized. Only hours computed
-- in the last p_lookback_ms are looked at, so the sweep stays cheap however long the history.
CREATE FUNCTION kpi_stale_buckets(p_lookback_ms bigint, p_limit integer)
  RETURNS TABLE (tenant_id uuid, machine_id uuid, granularity granularity, bucket_start timestamptz,
                 bucket_end timestamptz, shift_name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT b.tenant_id, b.asset_id, b.granularity, b.bucket_start, b.bucket_end, b.shift_name
    FROM kpi_results h
    JOIN kpi_results b ON b.asset_id = h.asset_id AND b.granularity <> 'hour' AND b.final
      AND b.bucket_start < h.bucket_end AND b.bucket_end > h.bucket_start
      AND b.computed_at < h.computed_at
    WHERE h.granularity = 'hour' AND h.final
      AND h.computed_at > clock_timestamp() - make_interval(secs => p_lookback_ms / 1000.0)
    LIMIT least(p_limit, 10000)
  $$;

CREATE INDEX kpi_results_hours_by_computation ON kpi_results (computed_at) WHERE granularity = 'hour';

REVOKE EXECUTE ON FUNCTION kpi_machine_directory(), kpi_active_machines(timestamptz),
  kpi_stale_buckets(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kpi_machine_directory(), kpi_active_machines(timestamptz),
  kpi_stale_buckets(bigint, integer) TO convergent_app;
