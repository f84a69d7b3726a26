import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@convergent/platform-data-access-testing';
import { Database } from './database';

// The second line of tenant isolation: even a query that forgets its tenant filter, run by the
// application's role, sees only the rows of the tenant set for its transaction.
describe('row-level security for the application role', () => {
  let testDb: TestDatabase;
  let db: Database;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    testDb = await createTestDatabase();
    const owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    await owner.query(
      `INSERT INTO tenants (id, slug, name) VALUES ($1, 'a', 'Tenant A'), ($2, 'b', 'Tenant B')`,
      [tenantA, tenantB],
    );
    for (const [tenant, name] of [
      [tenantA, 'Plant A'],
      [tenantB, 'Plant B'],
    ] as const) {
      const site = randomUUID();
      await owner.query(
        `INSERT INTO assets (id, tenant_id, kind, name, ancestors, depth, site_id, time_zone)
         VALUES ($1, $2, 'site', $3, ARRAY[$1]::uuid[], 0, $1, 'Europe/Berlin')`,
        [site, tenant, name],
      );
      await owner.query(
        `INSERT INTO machine_state_events (tenant_id, machine_id, gateway_id, seq, idx, ts, state)
         VALUES ($1, $2, $2, 1, 0, now(), 'running')`,
        [tenant, site],
      );
    }
    await owner.end();
    db = new Database({ url: testDb.appUrl, poolSize: 2 });
  });

  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it('connects as a role that is neither superuser, owner, nor exempt from RLS', async () => {
    const [role] = (
      await db.pool.query(
        `SELECT rolsuper, rolbypassrls, current_user::text AS name FROM pg_roles WHERE rolname = current_user`,
      )
    ).rows as Array<{ rolsuper: boolean; rolbypassrls: boolean; name: string }>;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, name: 'convergent_app' });
  });

  it('returns no tenant rows when no tenant is set', async () => {
    expect(await db.prisma.asset.count()).toBe(0);
    expect(await db.prisma.tenant.count()).toBe(0);
    expect((await db.pool.query('SELECT * FROM machine_state_events')).rowCount).toBe(0);
  });

  it("shows tenant A only its own rows, never tenant B's", async () => {
    const names = await db.withTenant(tenantA, (tx) => tx.asset.findMany({ select: { name: true } }));
    expect(names).toEqual([{ name: 'Plant A' }]);
    const events = await db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantA);
      return sql.query<{ tenant_id: string }>('SELECT tenant_id FROM machine_state_events');
    });
    expect(events).toEqual([{ tenant_id: tenantA }]);
  });

  it("refuses to write a row into another tenant's data", async () => {
    await expect(
      db.withTenant(tenantA, (tx) =>
        tx.product.create({
          data: { tenantId: tenantB, code: 'X', name: 'Smuggled', idealCycleTimeMs: 1000 },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps the tenant setting inside its transaction', async () => {
    await db.withTenant(tenantA, (tx) => tx.asset.count());
    expect(await db.prisma.asset.count()).toBe(0);
  });

  it('cannot read event partitions directly, around the policies', async () => {
    const partition = (
      await db.pool.query<{ name: string }>(
        `SELECT c.relname::text AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'machine_state_events'::regclass LIMIT 1`,
      )
    ).rows[0];
    expect(partition).toBeDefined();
    await expect(db.pool.query(`SELECT * FROM "${partition?.name}"`)).rejects.toThrow(/permission denied/);
  });
});
