import { Client } from 'pg';
import { createTestDatabase } from './test-database';

async function count(url: string, sql: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(sql);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('gives each suite its own migrated database, and drops it', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    expect(first.name).not.toBe(second.name);
    await count(
      first.ownerUrl,
      `INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), 'x', 'X') RETURNING 1 AS n`,
    );
    expect(await count(first.ownerUrl, 'SELECT count(*)::int AS n FROM tenants')).toBe(1);
    expect(await count(second.ownerUrl, 'SELECT count(*)::int AS n FROM tenants')).toBe(0);
    expect(
      await count(
        first.ownerUrl,
        'SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL',
      ),
    ).toBeGreaterThanOrEqual(3);
    await Promise.all([first.drop(), second.drop()]);
    const server = first.ownerUrl.replace(first.name, 'postgres');
    expect(
      await count(
        server,
        `SELECT count(*)::int AS n FROM pg_database WHERE datname IN ('${first.name}', '${second.name}')`,
      ),
    ).toBe(0);
  });
});
