-- Ingest's gateway routes carry the gateway's site (its machines are on the same site), so live
-- events can name the site that API replicas filter subscriptions by, without a lookup per event.
-- The return type changes, hence drop and create; the grants are those of 0002.
DROP FUNCTION ingest_gateway_routes(text);

CREATE FUNCTION ingest_gateway_routes(p_thing_name text)
  RETURNS TABLE (tenant_id uuid, gateway_id uuid, gateway_status gateway_status, site_id uuid, source_key text, machine_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT g.tenant_id, g.id, g.status, g.site_id, gm.source_key, gm.machine_id
    FROM gateways g LEFT JOIN gateway_machines gm ON gm.gateway_id = g.id
    WHERE g.thing_name = p_thing_name
  $$;

REVOKE EXECUTE ON FUNCTION ingest_gateway_routes(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ingest_gateway_routes(text) TO convergent_app;
