-- Telemetry is de-duplicated per message instead of per point: a gateway re-sends whole messages
-- (QoS 1 redelivery, its on-disk log after an outage), so one row per message written, under
-- (gateway_id, seq, ts of the message's first point), recognises a replay as well as the old
-- per-point key did, and telemetry_points loses its 4-column unique index: that index was about
-- a third of PostgreSQL's cost per inserted point (bench/ingest). The message row is inserted in
-- the same transaction as its points, so a message is either stored whole, with its key, or not
-- at all. State and count events keep their per-item key: they are few.
CREATE TABLE telemetry_messages (
  tenant_id   uuid        NOT NULL,
  gateway_id  uuid        NOT NULL,
  seq         bigint      NOT NULL,
  -- The first point's timestamp: part of the key (a gateway that lost its counter and reuses a
  -- number is told apart by its timestamps, as with the old key) and the partition key, so
  -- the rows expire with the points' partitions.
  ts          timestamptz(3) NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (ts);
CREATE UNIQUE INDEX telemetry_messages_dedup ON telemetry_messages (gateway_id, seq, ts);

ALTER TABLE telemetry_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE telemetry_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON telemetry_messages
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT ON telemetry_messages TO convergent_app;

CREATE OR REPLACE FUNCTION ensure_event_partitions(p_from date, p_to date)
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
    FOREACH t IN ARRAY ARRAY['machine_state_events', 'production_count_events', 'telemetry_points', 'telemetry_messages'] LOOP
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
SELECT ensure_event_partitions(current_date - 35, current_date + 7);

-- The messages already stored: their first point is idx 0, whose (gateway, seq, 0, ts) was unique.
-- The owner reads around row-level security for the copy only.
ALTER TABLE telemetry_points NO FORCE ROW LEVEL SECURITY;
ALTER TABLE telemetry_messages NO FORCE ROW LEVEL SECURITY;
-- Ingest accepts points at most 30 days old, so only younger messages can still be replayed.
INSERT INTO telemetry_messages (tenant_id, gateway_id, seq, ts)
  SELECT tenant_id, gateway_id, seq, ts FROM telemetry_points WHERE idx = 0 AND ts >= current_date - 35;
ALTER TABLE telemetry_points FORCE ROW LEVEL SECURITY;
ALTER TABLE telemetry_messages FORCE ROW LEVEL SECURITY;

DROP INDEX telemetry_points_dedup;

-- Retention treats the message keys as event rows: their partitions are dropped with the others,
-- and a tenant's shorter retention deletes them with its points (a replay of points older than
-- the retention is stored again, as before).
CREATE OR REPLACE FUNCTION apply_retention(p_now timestamptz, p_dead_letter_days integer, p_min_partition_age_days integer)
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
     WHERE p.relname IN ('machine_state_events', 'production_count_events', 'telemetry_points', 'telemetry_messages')
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
  DELETE FROM telemetry_messages e USING tenants t
   WHERE e.tenant_id = t.id AND e.ts < p_now - make_interval(days => t.retention_days);

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
