import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hashPassword } from '@convergent/tenancy-data-access-auth';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { AppModule } from './app.module';
import { apiConfigSchema } from './api-config';
import { graphqlTestClient } from './graphql-test-client';

const COMMITTED_SCHEMA = resolve(__dirname, '../../schema.graphql');

describe('GraphQL API', () => {
  let testDb: TestDatabase;
  let app: INestApplication;
  let url: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let schemaFile: string;
  const otherSite = randomUUID();
  const secondMachine = randomUUID();

  const { gql, login } = graphqlTestClient(() => url);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = await createTenantFixture(testDb.ownerUrl);
    b = await createTenantFixture(testDb.ownerUrl);
    const owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    const hash = await hashPassword('secret-password');
    for (const [fixture, email] of [
      [a, 'ann@a.example'],
      [b, 'bob@b.example'],
    ] as const) {
      const user = await owner.query<{ id: string }>(
        `INSERT INTO users (id, email, display_name, password_hash) VALUES (gen_random_uuid(), $1, $1, $2) RETURNING id`,
        [email, hash],
      );
      await owner.query(
        `INSERT INTO memberships (id, tenant_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'operator')`,
        [fixture.tenantId, user.rows[0]?.id],
      );
    }
    const tom = await owner.query<{ id: string }>(
      `INSERT INTO users (id, email, display_name, password_hash) VALUES (gen_random_uuid(), 'tom@a.example', 'Tom', $1) RETURNING id`,
      [hash],
    );
    await owner.query(
      `INSERT INTO memberships (id, tenant_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'technician')`,
      [a.tenantId, tom.rows[0]?.id],
    );
    // Rita may see a second site of tenant A only.
    const rita = await owner.query<{ id: string }>(
      `INSERT INTO users (id, email, display_name, password_hash) VALUES (gen_random_uuid(), 'rita@a.example', 'Rita', $1) RETURNING id`,
      [hash],
    );
    await owner.query(
      `INSERT INTO assets (id, tenant_id, kind, name, ancestors, depth, site_id, time_zone)
       VALUES ($1, $2, 'site', 'Other plant', ARRAY[$1]::uuid[], 0, $1, 'Asia/Tokyo')`,
      [otherSite, a.tenantId],
    );
    const membership = await owner.query<{ id: string }>(
      `INSERT INTO memberships (id, tenant_id, user_id, role, all_sites) VALUES (gen_random_uuid(), $1, $2, 'operator', false) RETURNING id`,
      [a.tenantId, rita.rows[0]?.id],
    );
    await owner.query(
      `INSERT INTO membership_sites (tenant_id, membership_id, site_id) VALUES ($1, $2, $3)`,
      [a.tenantId, membership.rows[0]?.id, otherSite],
    );
    await owner.query(
      `INSERT INTO kpi_results (tenant_id, asset_id, granularity, bucket_start, bucket_end, pot_ms, pdt_ms, apt_ms, asut_ms,
         adet_ms, unknown_ms, produced_quantity, scrap_quantity, rework_quantity, ideal_production_ms, ideal_good_ms, availability,
         effectiveness, quality, oee, final)
       VALUES ($1, $2, 'hour', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z', 3600000, 0, 3000000, 0, 600000, 0,
         1000, 20, 0, 1500000, 1470000, 0.8333, 0.5, 0.98, 0.408333, true)`,
      [a.tenantId, a.machineId],
    );
    // A second machine on the same line, planned for half the hour, at 50 % OEE.
    await owner.query(
      `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id)
       VALUES ($1, $2, $3, 'machine', 'Press 2', ARRAY[$4, $3, $1]::uuid[], 2, $4)`,
      [secondMachine, a.tenantId, a.lineId, a.siteId],
    );
    await owner.query(
      `INSERT INTO kpi_results (tenant_id, asset_id, granularity, bucket_start, bucket_end, pot_ms, pdt_ms, apt_ms, asut_ms,
         adet_ms, unknown_ms, produced_quantity, scrap_quantity, rework_quantity, ideal_production_ms, ideal_good_ms, availability,
         effectiveness, quality, oee, final)
       VALUES ($1, $2, 'hour', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z', 1800000, 0, 1800000, 0, 0, 0,
         100, 0, 0, 900000, 900000, 1, 0.5, 1, 0.5, true)`,
      [a.tenantId, secondMachine],
    );
    await owner.end();
    schemaFile = join(await mkdtemp(join(tmpdir(), 'schema-')), 'schema.graphql');
    const config = apiConfigSchema.parse({
      DATABASE_URL: testDb.appUrl,
      AUTH_TOKEN_SECRET: 'test-secret-test-secret-test-secret-0123',
      // Rate-limit windows of this run's own on the shared Redis.
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      RATE_LIMIT_PREFIX: `test-${randomUUID()}`,
      GRAPHQL_SCHEMA_FILE: schemaFile,
      NODE_ENV: 'test',
    });
    app = await NestFactory.create(AppModule.forConfig(config), { logger: false, abortOnError: false });
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/graphql`;
  });

  afterAll(async () => {
    await app.close();
    await testDb.drop();
  });

  // Partners program against the committed schema: a change must be deliberate. After one, run
  // UPDATE_GRAPHQL_SCHEMA=1 npx nx run api:test and commit apps/api/schema.graphql.
  it('matches the committed schema file', async () => {
    const generated = await readFile(schemaFile, 'utf8');
    if (process.env['UPDATE_GRAPHQL_SCHEMA'] === '1') writeFileSync(COMMITTED_SCHEMA, generated);
    expect(generated).toBe(readFileSync(COMMITTED_SCHEMA, 'utf8'));
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    for (const email of ['ann@a.example', 'nobody@a.example']) {
      const result = await gql(`mutation { login(email: "${email}", password: "wrong") { accessToken } }`);
      expect(result.errors?.[0]).toMatchObject({
        message: 'e-mail or password is wrong',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('denies every query without a token, and with a forged one', async () => {
    expect((await gql(`{ assets { totalCount } }`)).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(
      (await gql(`{ assets { totalCount } }`, {}, 'eyJhbGciOiJIUzI1NiJ9.e30.forged')).errors?.[0]?.extensions
        .code,
    ).toBe('UNAUTHENTICATED');
  });

  it("lists the signed-in tenant's assets only", async () => {
    const result = await gql<{ assets: { edges: Array<{ node: { id: string } }> } }>(
      `{ assets { edges { node { id kind } } } }`,
      {},
      await login('ann@a.example'),
    );
    expect(result.data?.assets.edges.map((x) => x.node.id).sort()).toEqual(
      [a.siteId, otherSite, a.lineId, a.machineId, secondMachine].sort(),
    );
  });

  it("returns a machine's hourly KPIs to its tenant", async () => {
    const result = await gql<{
      machineKpis: Array<{ oee: number; runTimeMs: number; plannedBusyTimeMs: number }>;
    }>(
      `query ($id: ID!) { machineKpis(machineId: $id, from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z") { oee runTimeMs plannedBusyTimeMs } }`,
      { id: a.machineId },
      await login('ann@a.example'),
    );
    expect(result.data?.machineKpis).toEqual([
      { oee: 1_470_000 / 3_600_000, runTimeMs: 3_000_000, plannedBusyTimeMs: 3_600_000 },
    ]);
  });

  it('rolls a line up from its machines by summing time and ideal output, never averaging percentages', async () => {
    const result = await gql<{
      assetKpis: Array<{ oee: number; plannedBusyTimeMs: number; producedQuantity: number }>;
    }>(
      `query ($id: ID!) { assetKpis(assetId: $id, from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z") { oee plannedBusyTimeMs producedQuantity } }`,
      { id: a.lineId },
      await login('ann@a.example'),
    );
    const line = result.data?.assetKpis[0];
    expect(line?.plannedBusyTimeMs).toBe(5_400_000);
    expect(line?.producedQuantity).toBe(1100);
    expect(line?.oee).toBeCloseTo((1_470_000 + 900_000) / 5_400_000, 12);
    expect(line?.oee).not.toBeCloseTo((0.408333 + 0.5) / 2, 3);
  });

  it('shows a site-restricted user their site only, and hides machines of other sites', async () => {
    const token = await login('rita@a.example');
    const assets = await gql<{ assets: { edges: Array<{ node: { id: string } }> } }>(
      `{ assets { edges { node { id } } } }`,
      {},
      token,
    );
    expect(assets.data?.assets.edges.map((x) => x.node.id)).toEqual([otherSite]);
    const kpis = await gql(
      `query ($id: ID!) { machineKpis(machineId: $id, from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z") { oee } }`,
      { id: a.machineId },
      token,
    );
    expect(kpis.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it("answers another tenant's machine as not found, revealing nothing", async () => {
    const result = await gql(
      `query ($id: ID!) { machineKpis(machineId: $id, from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z") { oee } }`,
      { id: a.machineId },
      await login('bob@b.example'),
    );
    expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it.each([
    ['a reversed range', '2026-11-21T00:00:00Z', '2026-11-20T00:00:00Z', '"to" must be after "from"'],
    [
      'a range over 31 days',
      '2026-01-01T00:00:00Z',
      '2026-03-01T00:00:00Z',
      'the range is longer than 31 days',
    ],
  ])('rejects %s with a specific message', async (_case, from, to, message) => {
    const result = await gql(
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { machineKpis(machineId: $id, from: $from, to: $to) { oee } }`,
      { id: a.machineId, from, to },
      await login('ann@a.example'),
    );
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors?.[0]?.message).toContain(message);
  });

  describe('provisioning claims', () => {
    const CREATE = `mutation ($input: CreateProvisioningClaimInput!) {
      createProvisioningClaim(input: $input) { id siteId token expiresAt expectedSerial qrPayload }
    }`;
    type Claim = {
      id: string;
      siteId: string;
      token: string;
      expiresAt: string;
      expectedSerial: string | null;
      qrPayload: string;
    };

    it('gives a technician a one-time token for a site, stores only its hash, and audits it', async () => {
      const before = Date.now();
      const result = await gql<{ createProvisioningClaim: Claim }>(
        CREATE,
        { input: { siteId: a.siteId, expectedSerial: 'SN-42' } },
        await login('tom@a.example'),
      );
      const claim = result.data?.createProvisioningClaim;
      expect(claim?.token).toMatch(/^cvgc_/);
      expect(claim?.expectedSerial).toBe('SN-42');
      expect(new Date(claim?.expiresAt ?? 0).getTime()).toBeGreaterThanOrEqual(before + 59 * 60_000);
      expect(JSON.parse(claim?.qrPayload ?? '{}')).toMatchObject({ v: 1, token: claim?.token });
      const owner = new Client({ connectionString: testDb.ownerUrl });
      await owner.connect();
      const stored = await owner.query<{ token_hash: string }>(
        `SELECT token_hash FROM provisioning_claims WHERE id = $1`,
        [claim?.id],
      );
      const audit = await owner.query(
        `SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'provisioning_claim.create'`,
        [claim?.id],
      );
      await owner.end();
      expect(stored.rows[0]?.token_hash).not.toContain(claim?.token ?? '-');
      expect(audit.rowCount).toBe(1);
    });

    it('refuses operators, unknown sites, and a validity outside one minute to one week', async () => {
      const operator = await gql(CREATE, { input: { siteId: a.siteId } }, await login('ann@a.example'));
      expect(operator.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const tom = await login('tom@a.example');
      const foreign = await gql(CREATE, { input: { siteId: b.siteId } }, tom);
      expect(foreign.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const notASite = await gql(CREATE, { input: { siteId: a.lineId } }, tom);
      expect(notASite.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const forever = await gql(CREATE, { input: { siteId: a.siteId, expiresInMinutes: 100_000 } }, tom);
      expect(forever.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      expect(forever.errors?.[0]?.message).toContain('between one minute and one week');
    });
  });

  it('serves a public health endpoint', async () => {
    const response = await fetch(url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { postgres: 'up' } });
  });
});
