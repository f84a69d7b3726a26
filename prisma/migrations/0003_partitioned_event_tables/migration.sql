-- Machine states, production counts and sensor telemetry: append-only, time-partitioned by day
-- (UTC), written in batches by ingest. (gateway_id, seq, idx, ts) is the de-duplication key: a
-- message replayed after an outage carries the same sequence number and the same timestamps.
CREATE TABLE machine_state_events (
  tenant_id   uuid        NOT NULL,
  machine_id  uuid        NOT NULL,
  gateway_id  uuid        NOT NULL,
  seq         bigint      NOT NULL,
  idx         integer     NOT NULL,
  ts          timestamptz(3) NOT NULL,
  state       text        NOT NULL CHECK (state IN ('running', 'idle', 'down', 'setup', 'planned_stop')),
  reason      text,
  received_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (ts);
CREATE UNIQUE INDEX machine_state_events_dedup ON machine_state_events (gateway_id, seq, idx, ts);
CREATE INDEX machine_state_events_machine_ts ON machine_state_events (machine_id, ts);

CREATE TABLE production_count_events (
  tenant_id   uuid        NOT NULL,
  machine_id  uuid        NOT NULL,
  gateway_id  uuid        NOT NULL,
  seq         bigint      NOT NULL,
  idx         integer     NOT NULL,
  ts          timestamptz(3) NOT NULL,
  counter     text        NOT NULL CHECK (counter IN ('produced', 'scrap', 'rework')),
  increment   bigint      CHECK (increment >= 0),
  cumulative  bigint      CHECK (cumulative >= 0),
  received_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((increment IS NULL) <> (cumulative IS NULL))
) PARTITION BY RANGE (ts);
CREATE UNIQUE INDEX production_count_events_dedup ON production_count_events (gateway_id, seq, idx, ts);
CREATE INDEX production_count_events_machine_ts ON production_count_events (machine_id, ts);

CREATE TABLE telemetry_points (
  tenant_id   uuid        NOT NULL,
  machine_id  uuid        NOT NULL,
  gateway_id  uuid        NOT NULL,
  seq         bigint      NOT NULL,
  idx         integer     NOT NULL,
  ts          timestamptz(3) NOT NULL,
  metric      text        NOT NULL,
  value       double precision NOT NULL
) PARTITION BY RANGE (ts);
CREATE UNIQUE INDEX telemetry_points_dedup ON telemetry_points (gateway_id, seq, idx, ts);
CREATE INDEX telemetry_points_machine_metric_ts ON telemetry_points (machine_id, metric, ts);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['machine_state_events', 'production_count_events', 'telemetry_points'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())',
      t);
    EXECUTE format('GRANT SELECT, INSERT ON %I TO convergent_app', t);
  END LOOP;
END
$$;

-- Creates the daily partitions (UTC days) of every event table for [p_from, p_to]; idempotent.
-- Called by the migration, at worker start-up and by the worker's daily maintenance job. It runs
-- as the owner so the application role needs no DDL rights; partitions are not granted to the
-- application role, whose only way in is through the parent and its row-level security.
CREATE FUNCTION ensure_event_partitions(p_from date, p_to date)
  RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  d date;
  t text;
  part text;
  created integer := 0;
BEGIN
  IF p_to < p_from OR p_to - p_from > 400 THEN
    RAISE EXCEPTION 'ensure_event_partitions: range % .. % must be ordered and at most 400 days', p_from, p_to;
  END IF;
  FOR d IN SELECT generate_series(p_from, p_to, interval '1 day')::date LOOP
    FOREACH t IN ARRAY ARRAY['machine_state_events', 'production_count_events', 'telemetry_points'] LOOP
      part := t || '_' || to_char(d, 'YYYYMMDD');
      IF to_regclass(part) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, t,
          (d::timestamp AT TIME ZONE 'UTC'), ((d + 1)::timestamp AT TIME ZONE 'UTC'));
        EXECUTE format('REVOKE ALL ON %I FROM convergent_app', part);
        created := created + 1;
      END IF;
    END LOOP;
  END LOOP;
  RETURN created;
END
$$;
REVOKE EXECUTE ON FUNCTION ensure_event_partitions(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ensure_event_partitions(date, date) TO convergent_app;

SELECT ensure_event_partitions(current_date - 35, current_date + 7);
