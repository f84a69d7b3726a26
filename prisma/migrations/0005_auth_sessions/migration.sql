-- Sign-in throttling and refresh-token sessions. These run before a tenant is known (sign-in,
-- refresh) or across all of a user's tenants (password change), so, like auth_user_by_email, each
-- is a SECURITY DEFINER function that touches exactly one user's rows and returns only what the
-- caller needs.

-- The sign-in lockout counters of one user, read and locked for the rest of the caller's
-- transaction. Attempts are counted before the password is checked (the policy is in
-- libs/tenancy/data-access-auth, login-lockout.service.ts): counted afterwards, a burst of parallel
-- guesses would all pass the lock check before the first failure was written. The row lock
-- serialises attempts on one account across API replicas.
CREATE FUNCTION auth_login_state_for_update(p_user_id uuid)
  RETURNS TABLE (failed_login_count integer, locked_until timestamptz)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.failed_login_count, u.locked_until FROM users u WHERE u.id = p_user_id FOR UPDATE
  $$;

CREATE FUNCTION auth_set_login_state(p_user_id uuid, p_failed_login_count integer, p_locked_until timestamptz)
  RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE users SET failed_login_count = p_failed_login_count, locked_until = p_locked_until
    WHERE id = p_user_id
  $$;

-- A refresh token arrives without a tenant (it is how a session gets one back): this finds one
-- token by the SHA-256 of its secret. The rotation itself then runs under the returned tenant.
CREATE FUNCTION auth_refresh_token_by_hash(p_token_hash text)
  RETURNS TABLE (id uuid, tenant_id uuid, user_id uuid, family_id uuid, expires_at timestamptz,
                 rotated_at timestamptz, revoked_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT t.id, t.tenant_id, t.user_id, t.family_id, t.expires_at, t.rotated_at, t.revoked_at
    FROM refresh_tokens t WHERE t.token_hash = p_token_hash
  $$;

-- A password is global, so changing it must end the user's sessions in every tenant, which no
-- tenant-scoped transaction can see; p_keep_family spares the session that made the change.
CREATE FUNCTION auth_revoke_user_sessions(p_user_id uuid, p_keep_family uuid, p_revoked_at timestamptz)
  RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH revoked AS (
      UPDATE refresh_tokens SET revoked_at = p_revoked_at
      WHERE user_id = p_user_id AND revoked_at IS NULL
        AND family_id IS DISTINCT FROM p_keep_family
      RETURNING 1
    )
    SELECT count(*)::integer FROM revoked
  $$;

REVOKE EXECUTE ON FUNCTION auth_login_state_for_update(uuid),
  auth_set_login_state(uuid, integer, timestamptz),
  auth_refresh_token_by_hash(text), auth_revoke_user_sessions(uuid, uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_login_state_for_update(uuid),
  auth_set_login_state(uuid, integer, timestamptz),
  auth_refresh_token_by_hash(text), auth_revoke_user_sessions(uuid, uuid, timestamptz) TO convergent_app;
