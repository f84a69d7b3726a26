import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { AssetRepository } from './asset.repository';

describe('AssetRepository', () => {
  let testDb: TestDatabase;
  let db: Database;
  let a: TenantFixture;
  let b: TenantFixture;
  const secondSite = randomUUID();

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = await createTenantFixture(testDb.ownerUrl);
    b = await createTenantFixture(testDb.ownerUrl);
    const owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    await owner.query(
      `INSERT INTO assets (id, tenant_id, kind, name, ancestors, depth, site_id, time_zone)
       VALUES ($1, $2, 'site', 'Second plant', ARRAY[$1]::uuid[], 0, $1, 'America/New_York')`,
      [secondSite, a.tenantId],
    );
    await owner.end();
    db = new Database({ url: testDb.appUrl, poolSize: 2 });
  });

  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  const repository = () => new AssetRepository(db);
  const all = { take: 100, afterId: null };
  const list = async (scope: { tenantId: string; siteIds: string[] | null }, kind?: 'machine') =>
    (await repository().page(scope, { kind }, 'TREE', all)).rows;

  it('lists every asset of the tenant, top-down, for a user who sees all sites', async () => {
    const assets = await list({ tenantId: a.tenantId, siteIds: null });
    expect(assets.map((x) => [x.kind, x.name])).toEqual([
      ['site', 'Plant'],
      ['site', 'Second plant'],
      ['line', 'Line 1'],
      ['machine', 'Press 1'],
    ]);
  });

  it('shows a site-restricted user only their sites', async () => {
    const assets = await list({ tenantId: a.tenantId, siteIds: [secondSite] });
    expect(assets.map((x) => x.name)).toEqual(['Second plant']);
    expect(await repository().find({ tenantId: a.tenantId, siteIds: [secondSite] }, a.machineId)).toBeNull();
  });

  it('filters by kind', async () => {
    const machines = await list({ tenantId: a.tenantId, siteIds: null }, 'machine');
    expect(machines.map((x) => x.id)).toEqual([a.machineId]);
  });

  it("finds nothing of another tenant's, even by id", async () => {
    expect(await repository().find({ tenantId: b.tenantId, siteIds: null }, a.machineId)).toBeNull();
    expect((await list({ tenantId: b.tenantId, siteIds: null })).map((x) => x.id)).not.toContain(a.siteId);
  });

  it('answers a malformed id as not found instead of a database error', async () => {
    expect(await repository().find({ tenantId: a.tenantId, siteIds: null }, "1' OR '1'='1")).toBeNull();
  });

  it('pages by keyset after a cursor row, telling whether more follow, with the total', async () => {
    const scope = { tenantId: a.tenantId, siteIds: null };
    const first = await repository().page(scope, {}, 'TREE', { take: 2, afterId: null });
    expect(first.totalCount).toBe(4);
    // take + 1 rows: the extra one says that a next page exists.
    expect(first.rows.map((x) => x.name)).toEqual(['Plant', 'Second plant', 'Line 1']);
    const rest = await repository().page(scope, {}, 'TREE', { take: 2, afterId: first.rows[1]?.id ?? null });
    expect(rest.rows.map((x) => x.name)).toEqual(['Line 1', 'Press 1']);
    const subtree = await repository().page(scope, { under: a.siteId }, 'NAME', { take: 10, afterId: null });
    expect(subtree.rows.map((x) => x.name)).toEqual(['Line 1', 'Press 1']);
  });
});
