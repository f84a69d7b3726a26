import { createHash } from 'node:crypto';
import { ApiHarness, bearer, TestClock } from '../testing/api-harness';

const CREATE = `mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id name prefix scopes { domain access } expiresAt revokedAt lastUsedAt } } }`;
const ASSETS = `{ assets { edges { node { id } } } }`;
const CLAIM = `mutation ($siteId: ID!) { createProvisioningClaim(input: { siteId: $siteId }) { id } }`;

interface CreatedKey {
  createApiKey: { key: string; apiKey: { id: string; prefix: string; lastUsedAt: string | null } };
}

describe('API keys', () => {
  const clock = new TestClock();
  let h: ApiHarness;

  beforeAll(async () => {
    h = await ApiHarness.start({
      redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      clock,
      apiKeyRequestsPerMinute: 30,
    });
  });

  // Each test starts in a fresh rate window.
  beforeEach(async () => {
    clock.advance(5 * 60_000);
    await h.renewAdminTokens();
  });

  afterAll(async () => {
    await h.stop();
  });

  const create = (input: Record<string, unknown>, token = h.a.adminToken) =>
    h.gql<CreatedKey>(CREATE, { input }, bearer(token));
  const readKpiAndAssets = {
    name: 'BI export',
    scopes: [
      { domain: 'assets', access: 'READ' },
      { domain: 'kpi', access: 'READ' },
    ],
  };

  it('shows the key once, stores only a hash of its secret, and audits without it', async () => {
    const result = await create(readKpiAndAssets);
    const created = result.data?.createApiKey;
    expect(created?.key).toMatch(/^cvk_[0-9a-f]{16}_[\w-]{43}$/);
    expect(created?.key.startsWith(`cvk_${created.apiKey.prefix}_`)).toBe(true);
    const secret = created?.key.split('_').slice(2).join('_') ?? '';
    const stored = await h.owner.query<{ secret_hash: string; scopes: string[] }>(
      `SELECT secret_hash, scopes FROM api_keys WHERE id = $1`,
      [created?.apiKey.id],
    );
    expect(stored.rows[0]).toEqual({
      secret_hash: createHash('sha256').update(secret).digest('hex'),
      scopes: ['assets:read', 'kpi:read'],
    });
    const audit = await h.owner.query<{ action: string; after: unknown }>(
      `SELECT action, after FROM audit_log WHERE entity_id = $1`,
      [created?.apiKey.id],
    );
    expect(audit.rows).toEqual([
      { action: 'api_key.create', after: expect.objectContaining({ name: 'BI export' }) as unknown },
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain(secret);
    // The list never shows the key again.
    const list = await h.gql<{ apiKeys: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `{ apiKeys(first: 100) { edges { node { id name prefix scopes { domain access } } } } }`,
      {},
      bearer(h.a.adminToken),
    );
    expect(list.data?.apiKeys.edges.map((edge) => edge.node)).toContainEqual({
      id: created?.apiKey.id,
      name: 'BI export',
      prefix: created?.apiKey.prefix,
      scopes: [
        { domain: 'assets', access: 'READ' },
        { domain: 'kpi', access: 'READ' },
      ],
    });
    expect(list.text).not.toContain(secret);
  });

  it('authenticates with X-Api-Key or Authorization: Bearer, only within its tenant', async () => {
    const { key } = await h.createKey(h.a, 'READ', ['assets']);
    for (const headers of [{ 'x-api-key': key }, bearer(key)]) {
      const ids = (
        await h.ok<{ assets: { edges: Array<{ node: { id: string } }> } }>(ASSETS, {}, headers)
      ).assets.edges.map((edge) => edge.node.id);
      expect(ids).toEqual(expect.arrayContaining([h.a.fixture.siteId, h.a.fixture.machineId]));
      expect(ids).not.toContain(h.b.fixture.siteId);
    }
  });

  it('refuses a read-only key on mutations, and any key outside its domains, with FORBIDDEN', async () => {
    const readOnly = await h.createKey(h.a, 'READ', ['assets', 'fleet']);
    const refused = await h.gql(CLAIM, { siteId: h.a.fixture.siteId }, { 'x-api-key': readOnly.key });
    expect(refused.errors?.[0]).toMatchObject({
      message: 'this API key may only read "fleet": changes need a read-write key (createProvisioningClaim)',
      extensions: { code: 'FORBIDDEN' },
    });
    const kpi = await h.gql(
      `query ($id: ID!) { machineKpis(machineId: $id, from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { oee } }`,
      { id: h.a.fixture.machineId },
      { 'x-api-key': readOnly.key },
    );
    expect(kpi.errors?.[0]).toMatchObject({
      message: 'this API key has no "kpi" scope (machineKpis)',
      extensions: { code: 'FORBIDDEN' },
    });
    const writer = await h.createKey(h.a, 'READ_WRITE', ['fleet']);
    expect(
      (await h.gql(CLAIM, { siteId: h.a.fixture.siteId }, { 'x-api-key': writer.key })).errors,
    ).toBeUndefined();
    // A key cannot mint keys, whatever its scopes.
    const admin = await h.createKey(h.a, 'READ_WRITE', ['admin']);
    const mint = await h.gql(CREATE, { input: readKpiAndAssets }, { 'x-api-key': admin.key });
    expect(mint.errors?.[0]).toMatchObject({
      message: 'API keys cannot use createApiKey: sign in as a user for it',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('refuses malformed, unknown, revoked and expired keys with UNAUTHENTICATED', async () => {
    const expectUnauthenticated = async (key: string, message: string | RegExp) => {
      const result = await h.gql(ASSETS, {}, { 'x-api-key': key });
      expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0]?.message).toMatch(message);
    };
    await expectUnauthenticated('cvk_nonsense', /^the API key is malformed/);
    const { key, id } = await h.createKey(h.a, 'READ', ['assets']);
    await expectUnauthenticated(
      `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`,
      'the API key is not valid',
    );
    await expectUnauthenticated(`cvk_0123456789abcdef_${'x'.repeat(43)}`, 'the API key is not valid');

    const revoked = await h.gql<{ revokeApiKey: { revokedAt: string } }>(
      `mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
      { id },
      bearer(h.a.adminToken),
    );
    expect(revoked.data?.revokeApiKey.revokedAt).toBe(clock.now().toISOString());
    await expectUnauthenticated(key, 'this API key was revoked: ask an admin for a new one');
    const again = await h.gql(
      `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id },
      bearer(h.a.adminToken),
    );
    expect(again.errors?.[0]?.extensions.code).toBe('CONFLICT');
    const malformed = await h.gql(
      `mutation { revokeApiKey(id: "not-an-id") { id } }`,
      {},
      bearer(h.a.adminToken),
    );
    expect(malformed.errors?.[0]).toMatchObject({
      message: 'no API key with id "not-an-id"',
      extensions: { code: 'NOT_FOUND' },
    });

    const expiresAt = new Date(clock.now().getTime() + 60 * 60_000).toISOString();
    const expiring = await create({ ...readKpiAndAssets, expiresAt });
    const expiringKey = expiring.data?.createApiKey.key ?? '';
    expect((await h.gql(ASSETS, {}, { 'x-api-key': expiringKey })).errors).toBeUndefined();
    clock.advance(60 * 60_000);
    await expectUnauthenticated(
      expiringKey,
      `this API key expired at ${expiresAt}: ask an admin for a new one`,
    );
  });

  it('lists keys a page at a time, filtered by revoked and expired, refusing a page size out of range', async () => {
    const LIST = `query ($revoked: Boolean, $expired: Boolean, $first: Int, $after: String) {
      apiKeys(revoked: $revoked, expired: $expired, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    type Page = {
      apiKeys: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ node: { id: string } }>;
      };
    };
    const list = (variables: Record<string, unknown>) => h.ok<Page>(LIST, variables, bearer(h.a.adminToken));
    const ids = async (variables: Record<string, unknown>) =>
      (await list({ first: 100, ...variables })).apiKeys.edges.map((edge) => edge.node.id);

    const live = await h.createKey(h.a, 'READ', ['assets']);
    const revoked = await h.createKey(h.a, 'READ', ['assets']);
    await h.ok(
      `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id: revoked.id },
      bearer(h.a.adminToken),
    );
    const expiring = await create({
      ...readKpiAndAssets,
      expiresAt: new Date(clock.now().getTime() + 60_000).toISOString(),
    });
    const expiredId = expiring.data?.createApiKey.apiKey.id;
    clock.advance(2 * 60_000);
    await h.renewAdminTokens();

    expect(await ids({ revoked: true })).toContain(revoked.id);
    expect(await ids({ revoked: true })).not.toContain(live.id);
    expect(await ids({ revoked: false })).toEqual(expect.arrayContaining([live.id, expiredId]));
    expect(await ids({ expired: true })).toEqual(expect.arrayContaining([expiredId]));
    expect(await ids({ expired: true })).not.toContain(live.id);
    expect(await ids({ expired: false, revoked: false })).toContain(live.id);
    expect(await ids({ expired: false, revoked: false })).not.toContain(expiredId);

    // Newest first, two at a time, with nothing lost or repeated between pages.
    const all = await ids({});
    const first = await list({ first: 2 });
    const second = await list({ first: 2, after: first.apiKeys.pageInfo.endCursor });
    expect(first.apiKeys.totalCount).toBe(all.length);
    expect([...first.apiKeys.edges, ...second.apiKeys.edges].map((edge) => edge.node.id)).toEqual(
      all.slice(0, 4),
    );
    expect(all.indexOf(expiredId ?? '')).toBeLessThan(all.indexOf(live.id));

    const tooMany = await h.gql(LIST, { first: 101 }, bearer(h.a.adminToken));
    expect(tooMany.errors?.[0]).toMatchObject({
      message: '"first" must be between 1 and 100; it was 101',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('validates new keys with specific messages, and lets only admins manage them', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...readKpiAndAssets, name: '  ' }, 'an API key needs a name of 1 to 100 characters'],
      [{ ...readKpiAndAssets, scopes: [] }, 'an API key needs at least one scope'],
      [
        {
          ...readKpiAndAssets,
          scopes: [
            { domain: 'kpi', access: 'READ' },
            { domain: 'kpi', access: 'READ_WRITE' },
          ],
        },
        'the domain "kpi" is listed twice',
      ],
      [
        { ...readKpiAndAssets, expiresAt: new Date(clock.now().getTime() - 1000).toISOString() },
        'expiresAt must be in the future',
      ],
    ];
    for (const [input, message] of cases) {
      const result = await create(input);
      expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain(message);
    }
    const operator = await h.caller(h.a, 'operator');
    const refused = await h.gql(CREATE, { input: readKpiAndAssets }, operator.headers);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'only admin members may create API keys; you are operator',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('records the last use to the minute, without a write on every request', async () => {
    const { key, id } = await h.createKey(h.a, 'READ', ['assets']);
    const lastUsed = async () =>
      (
        await h.owner.query<{ last_used_at: Date | null }>(
          `SELECT last_used_at FROM api_keys WHERE id = $1`,
          [id],
        )
      ).rows[0]?.last_used_at?.toISOString() ?? null;
    expect(await lastUsed()).toBeNull();
    const first = clock.now().toISOString();
    await h.ok(ASSETS, {}, { 'x-api-key': key });
    expect(await lastUsed()).toBe(first);
    clock.advance(30_000);
    await h.ok(ASSETS, {}, { 'x-api-key': key });
    expect(await lastUsed()).toBe(first);
    clock.advance(30_000);
    await h.ok(ASSETS, {}, { 'x-api-key': key });
    expect(await lastUsed()).toBe(clock.now().toISOString());
  });

  it('rate-limits each key per minute with RATE_LIMITED and a retry time, counting a request once', async () => {
    const { key } = await h.createKey(h.a, 'READ', ['assets']);
    const other = await h.createKey(h.a, 'READ', ['assets']);
    // Three root fields, one request.
    await h.ok(
      `{ a: assets { totalCount } b: assets { totalCount } c: assets { totalCount } }`,
      {},
      { 'x-api-key': key },
    );
    for (let i = 1; i < 30; i++) await h.ok(ASSETS, {}, { 'x-api-key': key });
    const limited = await h.gql(ASSETS, {}, { 'x-api-key': key });
    expect(limited.errors?.[0]).toMatchObject({
      message: 'this API key has used up its requests for the minute: try again in 60 s',
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds: 60,
        retryAt: new Date(clock.now().getTime() + 60_000).toISOString(),
      },
    });
    // Other keys have their own budget; the window slides.
    expect((await h.gql(ASSETS, {}, { 'x-api-key': other.key })).errors).toBeUndefined();
    clock.advance(60_000);
    expect((await h.gql(ASSETS, {}, { 'x-api-key': key })).errors).toBeUndefined();
  });
});
