import { ApiHarness, bearer } from '../testing/api-harness';

const AUDIT_LOG = `query ($filter: AuditLogFilterInput, $first: Int!, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id at action entityType entityId actorUserId actorApiKeyId before after } }
    pageInfo { hasNextPage endCursor }
  } }`;

interface AuditNode {
  id: string;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  before: string | null;
  after: string | null;
}

interface AuditPage {
  auditLog: {
    edges: Array<{ cursor: string; node: AuditNode }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('audit log', () => {
  let h: ApiHarness;
  let keyId: string;
  let started: string;

  beforeAll(async () => {
    h = await ApiHarness.start({ redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' });
    started = new Date().toISOString();
    // Five changes by the admin, one by a key.
    for (let i = 0; i < 4; i++) await h.createKey(h.a, 'READ', ['assets']);
    const writer = await h.createKey(h.a, 'READ_WRITE', ['fleet']);
    keyId = writer.id;
    await h.ok(
      `mutation ($s: ID!) { createProvisioningClaim(input: { siteId: $s }) { id } }`,
      { s: h.a.fixture.siteId },
      {
        'x-api-key': writer.key,
      },
    );
  });

  afterAll(async () => {
    await h.stop();
  });

  const page = (variables: Record<string, unknown>, headers = bearer(h.a.adminToken)) =>
    h.gql<AuditPage>(AUDIT_LOG, { first: 20, ...variables }, headers);

  it('lists who changed what, newest first, with the state after and no secret', async () => {
    const { data } = await page({});
    const nodes = data?.auditLog.edges.map((e) => e.node) ?? [];
    expect(nodes.map((n) => n.action)).toEqual([
      'provisioning_claim.create',
      ...Array<string>(5).fill('api_key.create'),
    ]);
    expect(nodes[0]).toMatchObject({
      actorUserId: null,
      actorApiKeyId: keyId,
      entityType: 'provisioning_claim',
    });
    expect(nodes[1]).toMatchObject({ actorUserId: h.a.admin.userId, actorApiKeyId: null, entityId: keyId });
    expect(JSON.parse(nodes[1]?.after ?? '{}')).toMatchObject({
      scopes: ['fleet:read-write'],
      revokedAt: null,
    });
    const times = nodes.map((n) => Date.parse(n.at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(JSON.stringify(data)).not.toMatch(/cvk_|secret_hash|token_hash/);
  });

  it('pages with cursors and filters by action, entity, actor and time', async () => {
    const first = await page({ first: 4 });
    expect(first.data?.auditLog.edges).toHaveLength(4);
    expect(first.data?.auditLog.pageInfo.hasNextPage).toBe(true);
    const second = await page({ first: 4, after: first.data?.auditLog.pageInfo.endCursor });
    expect(second.data?.auditLog.edges).toHaveLength(2);
    expect(second.data?.auditLog.pageInfo.hasNextPage).toBe(false);
    const all = await page({});
    expect(
      [...(first.data?.auditLog.edges ?? []), ...(second.data?.auditLog.edges ?? [])].map((e) => e.node.id),
    ).toEqual(all.data?.auditLog.edges.map((e) => e.node.id));

    const count = async (filter: Record<string, unknown>) =>
      (await page({ filter })).data?.auditLog.edges.length;
    expect(await count({ action: 'api_key.create' })).toBe(5);
    expect(await count({ entityType: 'provisioning_claim' })).toBe(1);
    expect(await count({ entityId: keyId })).toBe(1);
    expect(await count({ actorApiKeyId: keyId })).toBe(1);
    expect(await count({ actorUserId: h.a.admin.userId })).toBe(5);
    expect(await count({ from: started })).toBe(6);
    expect(await count({ to: started })).toBe(0);
  });

  it('refuses bad arguments with specific messages, and everyone but admins', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ first: 0 }, 'first must be between 1 and 100'],
      [{ first: 101 }, 'first must be between 1 and 100'],
      [{ after: 'bm9wZQ' }, 'the cursor "after" is not one this API returned'],
      [{ filter: { actorUserId: 'someone' } }, 'filter.actorUserId must be an id, got "someone"'],
      [
        { filter: { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' } },
        'filter.to must be after filter.from',
      ],
    ];
    for (const [variables, message] of cases) {
      const result = await page(variables);
      expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    }
    for (const kind of ['operator', 'technician', 'viewer'] as const) {
      const caller = await h.caller(h.a, kind);
      expect((await page({}, caller.headers)).errors?.[0]).toMatchObject({
        message: `only admin members may read the audit log; you are ${kind}`,
        extensions: { code: 'FORBIDDEN' },
      });
    }
    // A key reads it only with the admin domain.
    const fleetOnly = await h.createKey(h.a, 'READ', ['fleet']);
    expect((await page({}, { 'x-api-key': fleetOnly.key })).errors?.[0]).toMatchObject({
      message: 'this API key has no "admin" scope (auditLog)',
      extensions: { code: 'FORBIDDEN' },
    });
    const adminReader = await h.createKey(h.a, 'READ', ['admin']);
    expect((await page({}, { 'x-api-key': adminReader.key })).errors).toBeUndefined();
  });
});
