import {
  ApiHarness,
  bearer,
  TEST_PASSWORD,
  type Caller,
  type GraphqlResult,
  type TenantSide,
} from '../testing/api-harness';

// Tenant B attacks tenant A through every field of the schema, once as B's admin and once as a
// read-write API key of B with every domain. A case makes the call (aimed at A's data wherever the
// field takes an id), checks its specific answer, and hands back what it sent and got: the suite
// then checks that nothing of A that the caller did not already send appears anywhere in the
// answer. A field without a case fails the suite, by name.

interface Attempt {
  sent: Record<string, unknown>;
  results: Array<GraphqlResult<Record<string, unknown>>>;
}

type IsolationCase = (h: ApiHarness, attacker: Caller, victim: TenantSide) => Promise<Attempt>;

const isKey = (caller: Caller) => caller.kind !== 'admin';
const KPI_RANGE = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };

function expectCode(result: GraphqlResult<unknown>, code: string | null): void {
  expect(result.errors?.[0]?.extensions.code ?? null).toBe(code);
}

async function attempt(
  h: ApiHarness,
  attacker: Caller,
  query: string,
  sent: Record<string, unknown>,
  code: string | null,
): Promise<Attempt> {
  const result = await h.gql<Record<string, unknown>>(query, sent, attacker.headers);
  expectCode(result, code);
  return { sent, results: [result] };
}

async function membershipOf(h: ApiHarness, side: TenantSide, userId: string) {
  const { rows } = await h.owner.query(
    `SELECT role, deactivated_at FROM memberships WHERE tenant_id = $1 AND user_id = $2`,
    [side.fixture.tenantId, userId],
  );
  return rows[0] as unknown;
}

const ISOLATION_CASES: Readonly<Record<string, IsolationCase>> = {
  'Query.assets': (h, attacker) => attempt(h, attacker, `{ assets { id name parentId siteId } }`, {}, null),
  'Query.assetKpis': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { assetKpis(assetId: $id, from: $from, to: $to) { oee } }`,
      { id: victim.fixture.siteId, ...KPI_RANGE },
      'NOT_FOUND',
    ),
  'Query.machineKpis': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { machineKpis(machineId: $id, from: $from, to: $to) { oee } }`,
      { id: victim.fixture.machineId, ...KPI_RANGE },
      'NOT_FOUND',
    ),
  'Query.users': (h, attacker) => attempt(h, attacker, `{ users { userId email name } }`, {}, null),
  'Query.apiKeys': (h, attacker) => attempt(h, attacker, `{ apiKeys { id name prefix } }`, {}, null),
  'Query.auditLog': (h, attacker) =>
    attempt(
      h,
      attacker,
      `{ auditLog(first: 100) { edges { node { id action entityId actorUserId actorApiKeyId before after } } } }`,
      {},
      null,
    ),
  'Mutation.createProvisioningClaim': async (h, attacker, victim) => {
    const result = await attempt(
      h,
      attacker,
      `mutation ($s: ID!) { createProvisioningClaim(input: { siteId: $s }) { id token } }`,
      { s: victim.fixture.siteId },
      'NOT_FOUND',
    );
    const claims = await h.owner.query(`SELECT 1 FROM provisioning_claims WHERE tenant_id = $1`, [
      victim.fixture.tenantId,
    ]);
    expect(claims.rows).toEqual([]);
    return result;
  },
  'Mutation.createApiKey': async (h, attacker) => {
    const created = await attempt(
      h,
      attacker,
      `mutation { createApiKey(input: { name: "probe", scopes: [{ domain: assets, access: READ }, { domain: admin, access: READ }] }) { key } }`,
      {},
      isKey(attacker) ? 'FORBIDDEN' : null,
    );
    const key = (created.results[0]?.data?.['createApiKey'] as { key: string } | null)?.key;
    if (key) {
      // The new key works in the attacker's tenant only.
      const use = await h.gql<Record<string, unknown>>(
        `{ assets { id } users { email } }`,
        {},
        { 'x-api-key': key },
      );
      expectCode(use, null);
      created.results.push(use);
    }
    return created;
  },
  'Mutation.revokeApiKey': async (h, attacker, victim) => {
    const { id } = await h.createKey(victim, 'READ', ['assets']);
    const result = await attempt(
      h,
      attacker,
      `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id },
      isKey(attacker) ? 'FORBIDDEN' : 'NOT_FOUND',
    );
    const stored = await h.owner.query(`SELECT revoked_at FROM api_keys WHERE id = $1`, [id]);
    expect(stored.rows).toEqual([{ revoked_at: null }]);
    return result;
  },
  'Mutation.inviteUser': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($s: [ID!]) { inviteUser(input: { email: "probe@example.com", role: viewer, siteIds: $s }) { id } }`,
      { s: [victim.fixture.siteId] },
      'NOT_FOUND',
    ),
  'Mutation.updateMembership': async (h, attacker, victim) => {
    const before = await membershipOf(h, victim, victim.admin.userId);
    const result = await attempt(
      h,
      attacker,
      `mutation ($id: ID!) { updateMembership(input: { userId: $id, role: viewer }) { role } }`,
      { id: victim.admin.userId },
      'NOT_FOUND',
    );
    expect(await membershipOf(h, victim, victim.admin.userId)).toEqual(before);
    return result;
  },
  'Mutation.deactivateUser': async (h, attacker, victim) => {
    const result = await attempt(
      h,
      attacker,
      `mutation ($id: ID!) { deactivateUser(userId: $id) { active } }`,
      { id: victim.admin.userId },
      'NOT_FOUND',
    );
    expect(await membershipOf(h, victim, victim.admin.userId)).toEqual({
      role: 'admin',
      deactivated_at: null,
    });
    return result;
  },
  'Mutation.acceptInvitation': async (h, attacker, victim) => {
    // Someone of A accepts B's invitation: they join B, and A learns and loses nothing.
    const member = await h.createUser(victim, 'operator');
    const invited = await h.ok<{ inviteUser: { token: string } }>(
      `mutation ($e: String!) { inviteUser(input: { email: $e, role: viewer }) { token } }`,
      { e: member.email },
      bearer(attacker.side.adminToken),
    );
    const result = await attempt(
      h,
      attacker,
      `mutation ($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p, name: "Probe") { email tenantName tenantSlug } }`,
      { t: invited.inviteUser.token, p: TEST_PASSWORD },
      null,
    );
    expect(result.results[0]?.data?.['acceptInvitation']).toMatchObject({ tenantSlug: attacker.side.slug });
    expect(await membershipOf(h, victim, member.userId)).toEqual({ role: 'operator', deactivated_at: null });
    return result;
  },
  'Mutation.login': (h, attacker, victim) =>
    // B's admin asking for A's tenant by its slug gets no session there.
    attempt(
      h,
      attacker,
      `mutation ($e: String!, $p: String!, $s: String) { login(email: $e, password: $p, tenantSlug: $s) { accessToken tenantName } }`,
      { e: attacker.side.admin.email, p: TEST_PASSWORD, s: victim.slug },
      'FORBIDDEN',
    ),
  'Mutation.refreshSession': async (h, attacker) => {
    const login = await h.ok<{ login: { refreshToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, clientType: API) { refreshToken } }`,
      { e: attacker.side.admin.email, p: TEST_PASSWORD },
    );
    const result = await attempt(
      h,
      attacker,
      `mutation ($t: String) { refreshSession(clientType: API, refreshToken: $t) { tenantName } }`,
      { t: login.login.refreshToken },
      null,
    );
    expect(result.results[0]?.data?.['refreshSession']).toEqual({
      tenantName: `Tenant ${attacker.side.slug}`,
    });
    return result;
  },
  'Mutation.logout': async (h, attacker, victim) => {
    // A's session survives B's sign-out.
    const login = await h.ok<{ login: { refreshToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, clientType: API) { refreshToken } }`,
      { e: victim.admin.email, p: TEST_PASSWORD },
    );
    const result = await attempt(h, attacker, `mutation { logout }`, {}, null);
    const refreshed = await h.gql(
      `mutation ($t: String) { refreshSession(clientType: API, refreshToken: $t) { expiresAt } }`,
      {
        t: login.login.refreshToken,
      },
    );
    expectCode(refreshed, null);
    return result;
  },
  'Mutation.changePassword': async (h, attacker, victim) => {
    const result = await attempt(
      h,
      attacker,
      `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
      { c: TEST_PASSWORD, n: 'a different long passphrase' },
      isKey(attacker) ? 'FORBIDDEN' : null,
    );
    // Only the caller's own password changed.
    await h.login(victim.admin.email);
    return result;
  },
};

// Everything of A whose appearance in B's answers would be a leak (people who have since joined
// B too are B's to see).
async function markersOf(h: ApiHarness, victim: TenantSide, attacker: TenantSide): Promise<string[]> {
  const { fixture } = victim;
  const { rows } = await h.owner.query<{ value: string }>(
    `SELECT id::text AS value FROM audit_log WHERE tenant_id = $1
     UNION SELECT prefix FROM api_keys WHERE tenant_id = $1
     UNION SELECT id::text FROM api_keys WHERE tenant_id = $1
     UNION SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id
       WHERE m.tenant_id = $1 AND u.id NOT IN (SELECT user_id FROM memberships WHERE tenant_id = $2)
     UNION SELECT user_id::text FROM memberships
       WHERE tenant_id = $1 AND user_id NOT IN (SELECT user_id FROM memberships WHERE tenant_id = $2)`,
    [fixture.tenantId, attacker.fixture.tenantId],
  );
  return [
    fixture.tenantId,
    victim.slug,
    fixture.siteId,
    fixture.lineId,
    fixture.machineId,
    fixture.gatewayId,
    fixture.thingName,
    fixture.productId,
    ...rows.map((r) => r.value),
  ];
}

describe('tenant isolation (generated from the schema)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await ApiHarness.start({ redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' });
    // Give A something in every list: a key, an invitation, audit entries, a second member.
    await h.createKey(h.a, 'READ_WRITE', ['assets']);
    await h.createUser(h.a, 'viewer');
    await h.ok(
      `mutation { inviteUser(input: { email: "a-invitee@example.com", role: viewer }) { id } }`,
      {},
      bearer(h.a.adminToken),
    );
  });

  afterAll(async () => {
    await h.stop();
  });

  function schemaFields(): string[] {
    return [h.schema.getQueryType(), h.schema.getMutationType(), h.schema.getSubscriptionType()].flatMap(
      (type) => (type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []),
    );
  }

  it('gives a user and an API key of tenant B nothing of tenant A, through every field', async () => {
    const problems: string[] = [];
    for (const field of schemaFields()) {
      const run = ISOLATION_CASES[field];
      if (!run) {
        problems.push(`${field}: no isolation case in tenant-isolation.spec.ts`);
        continue;
      }
      for (const kind of ['admin', 'read-write-key'] as const) {
        const attacker = await h.caller(h.b, kind);
        try {
          const { sent, results } = await run(h, attacker, h.a);
          const alreadyKnown = JSON.stringify(sent);
          const leaked = (await markersOf(h, h.a, h.b)).filter(
            (marker) => !alreadyKnown.includes(marker) && results.some((r) => r.text.includes(marker)),
          );
          if (leaked.length)
            problems.push(`${field} as B's ${kind}: the answer contains A's ${leaked.join(', ')}`);
        } catch (error) {
          problems.push(`${field} as B's ${kind}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no cases for fields that do not exist', () => {
    expect(Object.keys(ISOLATION_CASES).filter((field) => !schemaFields().includes(field))).toEqual([]);
  });

  it('finds a leak when there is one (the check itself works)', async () => {
    const mine = await h.caller(h.a, 'admin');
    const own = await h.gql(`{ users { email } }`, {}, mine.headers);
    const markers = await markersOf(h, h.a, h.b);
    expect(markers.some((marker) => own.text.includes(marker))).toBe(true);
  });
});
