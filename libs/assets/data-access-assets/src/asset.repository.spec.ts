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

  it('lists every asset of the tenant, top-down, for a user who sees all sites', async () => {
    const assets = await repository().list({ tenantId: a.tenantId, siteIds: null });
    expect(assets.map((x) => [x.kind, x.name])).toEqual([
      ['site', 'Plant'],
      ['site', 'Second plant'],
      ['line', 'Line 1'],
      ['machine', 'Press 1'],
    ]);
  });

  it('shows a site-restricted user only their sites', async () => {
    const assets = await repository().list({ tenantId: a.tenantId, siteIds: [secondSite] });
    expect(assets.map((x) => x.name)).toEqual(['Second plant']);
    expect(await repository().find({ tenantId: a.tenantId, siteIds: [secondSite] }, a.machineId)).toBeNull();
  });

  it('filters by kind', async () => {
    const machines = await repository().list({ tenantId: a.tenantId, siteIds: null }, 'machine');
    expect(machines.map((x) => x.id)).toEqual([a.machineId]);
  });

  it("finds nothing of another tenant's, even by id", async () => {
    expect(await repository().find({ tenantId: b.tenantId, siteIds: null }, a.machineId)).toBeNull();
    expect((await repository().list({ tenantId: b.tenantId, siteIds: null })).map((x) => x.id)).not.toContain(
      a.siteId,
    );
  });

  it('answers a malformed id as not found instead of a database error', async () => {
    expect(await repository().find({ tenantId: a.tenantId, siteIds: null }, "1' OR '1'='1")).toBeNull();
  });
});
