-- Administration: partner API keys, user invitations, per-tenant deactivation of members.

-- A member removed from one tenant keeps their account (and their other tenants): deactivation is
-- per membership, and the row stays so the audit log's actor ids keep a name.
ALTER TABLE "memberships" ADD COLUMN "deactivated_at" TIMESTAMPTZ(3);

-- In the shape Prisma would write for the Invitation model, so the schema and migrations agree.
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "role" NOT NULL,
    -- false: the new member will see only site_ids (as memberships.all_sites).
    "all_sites" BOOLEAN NOT NULL DEFAULT true,
    "site_ids" UUID[],
    -- SHA-256 of the one-time token; the token itself is shown once to the inviting admin.
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");
CREATE INDEX "invitations_tenant_id_idx" ON "invitations"("tenant_id");
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO convergent_app;

-- An API key arrives without a tenant (it is how the request gets one): this finds one key by its
-- public lookup prefix. The caller compares the secret's hash and then works under the tenant.
CREATE FUNCTION auth_api_key_by_prefix(p_prefix text)
  RETURNS TABLE (id uuid, tenant_id uuid, secret_hash text, scopes text[], expires_at timestamptz,
                 revoked_at timestamptz, last_used_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT k.id, k.tenant_id, k.secret_hash, k.scopes, k.expires_at, k.revoked_at, k.last_used_at
    FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
    WHERE k.prefix = p_prefix AND t.status = 'active'
  $$;

-- An invitation is accepted by someone who is not signed in: this finds one invitation by the
-- SHA-256 of its token. Accepting it then runs under the returned tenant.
CREATE FUNCTION auth_invitation_by_hash(p_token_hash text)
  RETURNS TABLE (id uuid, tenant_id uuid, email text, role role, all_sites boolean, site_ids uuid[],
                 expires_at timestamptz, accepted_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT i.id, i.tenant_id, i.email, i.role, i.all_sites, i.site_ids, i.expires_at, i.accepted_at
    FROM invitations i WHERE i.token_hash = p_token_hash
  $$;

REVOKE EXECUTE ON FUNCTION auth_api_key_by_prefix(text), auth_invitation_by_hash(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_api_key_by_prefix(text), auth_invitation_by_hash(text) TO convergent_app;
