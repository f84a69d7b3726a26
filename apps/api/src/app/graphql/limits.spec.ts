import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { addMember, startApi, TEST_PASSWORD, type RunningApi } from '../testing/running-api';

describe('GraphQL limits', () => {
  let testDb: TestDatabase;
  let a: TenantFixture;
  let api: RunningApi;
  let production: RunningApi;
  let token: string;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = await createTenantFixture(testDb.ownerUrl);
    await addMember(testDb.ownerUrl, a.tenantId, 'viewer@a.example', 'viewer');
    api = await startApi(testDb.appUrl, { NODE_ENV: 'development' });
    production = await startApi(testDb.appUrl, { NODE_ENV: 'production' });
    token = await api.login('viewer@a.example');
  });

  afterAll(async () => {
    await Promise.all([api.app.close(), production.app.close()]);
    await testDb.drop();
  });

  it('refuses an over-deep query before running it, saying how deep it is and what the limit is', async () => {
    const nested = 'ancestors { '.repeat(10) + 'id' + ' }'.repeat(10);
    const result = await api.gql(`{ assets { edges { node { ${nested} } } } }`, {}, token);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]).toEqual({
      message: 'the query nests 14 levels deep; the limit is 12: split it into several queries',
      extensions: { code: 'QUERY_TOO_DEEP', depth: 14, maxDepth: 12 },
    });
  });

  it('refuses an over-costly query, counting page sizes as multipliers', async () => {
    const result = await api.gql(
      `{ assets(first: 100) { edges { node { name children(first: 100) { edges { node { name kind } } } } } } }`,
      {},
      token,
    );
    expect(result.errors?.[0]).toMatchObject({
      extensions: { code: 'QUERY_TOO_COMPLEX', maxCost: 10_000 },
    });
    expect(result.errors?.[0]?.message).toMatch(
      /^the query could cost \d+ points; the limit is 10000: ask for smaller pages \("first"\) or fewer fields$/,
    );
    const small = await api.gql(
      `{ assets(first: 10) { edges { node { name children(first: 10) { totalCount } } } } }`,
      {},
      token,
    );
    expect(small.errors).toBeUndefined();
  });

  it('refuses a batch of 100 login attempts as a whole, and 100 logins hidden behind aliases', async () => {
    const login = {
      query: `mutation { login(email: "viewer@a.example", password: "guess") { accessToken } }`,
    };
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 100 }, () => login)),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'a batch may hold at most 10 operations; this one has 100',
          extensions: { code: 'BATCH_TOO_LARGE', batchSize: 100, maxBatchSize: 10 },
        },
      ],
    });
    const aliases = Array.from(
      { length: 100 },
      (_, i) => `l${i}: login(email: "viewer@a.example", password: "${TEST_PASSWORD}") { accessToken }`,
    ).join(' ');
    const aliased = await api.gql(`mutation { ${aliases} }`);
    expect(aliased.errors?.[0]?.extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers a small batch, each operation on its own', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([
        { query: '{ assets { totalCount } }' },
        { query: '{ asset(id: "nope") { id } }' },
      ]),
    });
    expect(await response.json()).toEqual([
      { data: { assets: { totalCount: 3 } } },
      { data: { asset: null } },
    ]);
  });

  it('offers introspection and the explorer in development, and neither in production by default', async () => {
    const introspect = `{ __schema { queryType { name } } }`;
    expect((await api.gql(introspect)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const refused = await production.gql(introspect);
    expect(refused.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.[0]?.message).toContain('introspection');
    const page = (app: RunningApi) => fetch(app.url, { headers: { accept: 'text/html' } });
    expect(await (await page(api)).text()).toContain('graphiql');
    expect(await (await page(production)).text()).not.toContain('graphiql');
  });
});
