-- The applications connect as convergent_app: not a superuser, not the owner of any table, no
-- BYPASSRLS. Row-level security is therefore the second line of tenant isolation behind the API.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'convergent_app') THEN
    CREATE ROLE convergent_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

-- The tenant and user of the current transaction, set with set_config(..., true) so they vanish
-- at commit and can never leak to the next request that reuses the connection.
CREATE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION app_current_user() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

ALTER TABLE assets ADD CONSTRAINT assets_site_has_time_zone CHECK (kind <> 'site' OR time_zone IS NOT NULL);
ALTER TABLE assets ADD CONSTRAINT assets_root_has_no_parent CHECK ((parent_id IS NULL) = (depth = 0));
ALTER TABLE products ADD CONSTRAINT products_ideal_cycle_time_positive CHECK (ideal_cycle_time_ms > 0);
ALTER TABLE planned_downtime ADD CONSTRAINT planned_downtime_ordered CHECK (ends_at > starts_at);
ALTER TABLE kpi_results ADD CONSTRAINT kpi_results_ordered CHECK (bucket_end > bucket_start);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'memberships', 'membership_sites', 'refresh_tokens', 'api_keys', 'assets', 'products', 'product_runs',
    'shift_calendars', 'shift_definitions', 'planned_stops', 'holidays', 'planned_downtime',
    'downtime_reasons', 'gateways', 'gateway_machines', 'provisioning_claims', 'kpi_results',
    'kpi_dirty_hours', 'alarm_rules', 'alarms', 'audit_log', 'dead_letters'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())',
      t);
  END LOOP;
END
$$;

-- A signed-in user may list their own memberships (to pick a tenant) before a tenant is chosen.
CREATE POLICY own_memberships ON memberships FOR SELECT USING (user_id = app_current_user());

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY current_tenant ON tenants USING (id = app_current_tenant());
CREATE POLICY member_tenants ON tenants FOR SELECT
  USING (id IN (SELECT m.tenant_id FROM memberships m WHERE m.user_id = app_current_user()));

-- Users are global; a tenant sees only the users who are its members, and a user sees themself.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY self ON users USING (id = app_current_user());
CREATE POLICY tenant_members ON users FOR SELECT
  USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = app_current_tenant()));
CREATE POLICY invite ON users FOR INSERT WITH CHECK (app_current_tenant() IS NOT NULL);

-- Sign-in looks a user up by e-mail before any tenant or user is known. This is the only door
-- to that lookup, and it returns one row for one exact address.
CREATE FUNCTION auth_user_by_email(p_email text)
  RETURNS TABLE (id uuid, password_hash text, display_name text, platform_role platform_role,
                 failed_login_count integer, locked_until timestamptz, disabled_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id, u.password_hash, u.display_name, u.platform_role, u.failed_login_count, u.locked_until, u.disabled_at
    FROM users u WHERE u.email = lower(p_email)
  $$;

-- Ingest receives messages from every tenant's gateways and must find out whose they are before it
-- can set the tenant: this returns the routing of one gateway (by its broker identity) only.
CREATE FUNCTION ingest_gateway_routes(p_thing_name text)
  RETURNS TABLE (tenant_id uuid, gateway_id uuid, gateway_status gateway_status, source_key text, machine_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT g.tenant_id, g.id, g.status, gm.source_key, gm.machine_id
    FROM gateways g LEFT JOIN gateway_machines gm ON gm.gateway_id = g.id
    WHERE g.thing_name = p_thing_name
  $$;

-- Dead letters from unknown senders have no tenant; only this function may write those rows.
CREATE FUNCTION ingest_record_dead_letter(p_tenant_id uuid, p_thing_name text, p_topic text, p_reason text, p_payload text)
  RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    INSERT INTO dead_letters (id, tenant_id, thing_name, topic, reason, payload)
    VALUES (gen_random_uuid(), p_tenant_id, p_thing_name, p_topic, p_reason, left(p_payload, 4096))
  $$;

-- Recompute marks left behind (their job ran before the newest data, or Redis lost it): the
-- worker's sweep re-enqueues them across tenants. Returns ids only.
CREATE FUNCTION kpi_overdue_dirty_hours(p_older_than_ms bigint, p_limit integer)
  RETURNS TABLE (tenant_id uuid, machine_id uuid, hour_start timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT d.tenant_id, d.machine_id, d.hour_start FROM kpi_dirty_hours d
    WHERE d.marked_at < clock_timestamp() - make_interval(secs => p_older_than_ms / 1000.0)
    ORDER BY d.marked_at
    LIMIT least(p_limit, 10000)
  $$;

GRANT USAGE ON SCHEMA public TO convergent_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO convergent_app;
REVOKE ALL ON TABLE _prisma_migrations FROM convergent_app;
REVOKE EXECUTE ON FUNCTION auth_user_by_email(text), ingest_gateway_routes(text),
  ingest_record_dead_letter(uuid, text, text, text, text), kpi_overdue_dirty_hours(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_user_by_email(text), ingest_gateway_routes(text),
  ingest_record_dead_letter(uuid, text, text, text, text), kpi_overdue_dirty_hours(bigint, integer),
  app_current_tenant(), app_current_user() TO convergent_app;
