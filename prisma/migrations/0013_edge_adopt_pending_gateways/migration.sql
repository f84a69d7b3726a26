-- Gateways registered ahead of their device (edge, issue 5): an administrator creates the gateway
-- and maps its machines, status 'pending'; the device then provisions itself with a claim for that
-- site under the gateway's thing name and takes the registration over (status 'active', its
-- certificate) instead of being refused because the name is taken. The demo fleet of `npm start`
-- provisions itself this way. Same signatures as 0006: grants stay.

CREATE OR REPLACE FUNCTION fleet_consume_provisioning_claim(
  p_token_hash text,
  p_thing_name text,
  p_serial_number text,
  p_certificate_id text,
  p_certificate_fingerprint text,
  p_certificate_expires_at timestamptz
)
  RETURNS TABLE (outcome text, claim_id uuid, tenant_id uuid, site_id uuid, gateway_id uuid)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_claim provisioning_claims%ROWTYPE;
  v_gateway_id uuid := gen_random_uuid();
  v_adopted uuid;
  v_outcome text;
BEGIN
  -- The one atomic step: of two gateways racing for the same token, exactly one gets a row here.
  BEGIN
    UPDATE provisioning_claims c
       SET consumed_at = clock_timestamp(), consumed_by_gateway_id = v_gateway_id
     WHERE c.token_hash = p_token_hash
       AND c.consumed_at IS NULL
       AND c.expires_at > clock_timestamp()
       AND c.failed_attempts < fleet_claim_max_failed_attempts()
       AND (c.expected_serial IS NULL OR c.expected_serial = p_serial_number)
    RETURNING c.* INTO v_claim;
    IF FOUND THEN
      -- A gateway registered ahead of its device (its machines already mapped) on the claim's
      -- site: the claim gives it its identity instead of creating a second gateway.
      UPDATE gateways g
         SET serial_number = p_serial_number, status = 'active', certificate_id = p_certificate_id,
             certificate_fingerprint = p_certificate_fingerprint,
             certificate_expires_at = p_certificate_expires_at
       WHERE g.thing_name = p_thing_name AND g.tenant_id = v_claim.tenant_id
         AND g.site_id = v_claim.site_id AND g.status = 'pending'
      RETURNING g.id INTO v_adopted;
      IF v_adopted IS NOT NULL THEN
        v_gateway_id := v_adopted;
        UPDATE provisioning_claims SET consumed_by_gateway_id = v_gateway_id WHERE id = v_claim.id;
      ELSE
        INSERT INTO gateways (id, tenant_id, site_id, thing_name, name, serial_number, status,
                              certificate_id, certificate_fingerprint, certificate_expires_at)
        VALUES (v_gateway_id, v_claim.tenant_id, v_claim.site_id, p_thing_name, p_thing_name,
                p_serial_number, 'active', p_certificate_id, p_certificate_fingerprint,
                p_certificate_expires_at);
      END IF;
      INSERT INTO audit_log (id, tenant_id, action, entity_type, entity_id, after)
      VALUES (gen_random_uuid(), v_claim.tenant_id, 'gateway.provisioned', 'provisioning_claim',
              v_claim.id::text,
              jsonb_build_object('thingName', p_thing_name, 'serialNumber', p_serial_number,
                                 'gatewayId', v_gateway_id, 'certificateId', p_certificate_id));
      RETURN QUERY SELECT 'accepted'::text, v_claim.id, v_claim.tenant_id, v_claim.site_id, v_gateway_id;
      RETURN;
    END IF;
  EXCEPTION WHEN unique_violation THEN
    -- Another gateway already has this thing name: the claim stays unused (the block rolled back).
    v_outcome := 'thing-name-taken';
  END;

  SELECT c.* INTO v_claim FROM provisioning_claims c WHERE c.token_hash = p_token_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::text, NULL::uuid, NULL::uuid, NULL::uuid, NULL::uuid;
    RETURN;
  END IF;
  IF v_outcome IS NULL THEN
    v_outcome := CASE
      WHEN v_claim.consumed_at IS NOT NULL THEN 'used'
      WHEN v_claim.expires_at <= clock_timestamp() THEN 'expired'
      WHEN v_claim.failed_attempts >= fleet_claim_max_failed_attempts() THEN 'locked'
      ELSE 'wrong-serial'
    END;
    UPDATE provisioning_claims SET failed_attempts = failed_attempts + 1 WHERE id = v_claim.id;
  END IF;
  INSERT INTO audit_log (id, tenant_id, action, entity_type, entity_id, after)
  VALUES (gen_random_uuid(), v_claim.tenant_id, 'gateway.provisioning_refused', 'provisioning_claim',
          v_claim.id::text,
          jsonb_build_object('reason', v_outcome, 'thingName', p_thing_name, 'serialNumber', p_serial_number));
  RETURN QUERY SELECT v_outcome, v_claim.id, v_claim.tenant_id, v_claim.site_id, NULL::uuid;
END
$$;

-- A pending gateway without a certificate is waiting for its device: its name may be certified
-- (RegisterThing then only succeeds with a claim of the gateway's own tenant and site).
CREATE OR REPLACE FUNCTION fleet_thing_name_taken(p_thing_name text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT EXISTS (
    SELECT 1 FROM gateways g
     WHERE g.thing_name = p_thing_name AND NOT (g.status = 'pending' AND g.certificate_id IS NULL)
  ) $$;
