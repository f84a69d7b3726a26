-- Hours computed while still open ("so far", final = false) that have since closed: the worker's
-- sweep recomputes them once more so every closed hour ends up complete and final. Returns ids
-- only, across tenants, like kpi_overdue_dirty_hours.
CREATE FUNCTION kpi_unfinalized_closed_hours(p_grace_ms bigint, p_limit integer)
  RETURNS TABLE (tenant_id uuid, machine_id uuid, hour_start timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT r.tenant_id, r.asset_id, r.bucket_start FROM kpi_results r
    JOIN assets a ON a.id = r.asset_id AND a.kind = 'machine'
    WHERE r.granularity = 'hour' AND NOT r.final
      AND r.bucket_end < clock_timestamp() - make_interval(secs => p_grace_ms / 1000.0)
    ORDER BY r.bucket_end
    LIMIT least(p_limit, 10000)
  $$;

CREATE INDEX kpi_results_open_hours ON kpi_results (bucket_end) WHERE NOT final;

REVOKE EXECUTE ON FUNCTION kpi_unfinalized_closed_hours(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kpi_unfinalized_closed_hours(bigint, integer) TO convergent_app;
