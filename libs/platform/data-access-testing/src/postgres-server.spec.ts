import { Client } from 'pg';
import { startPostgresServer, type PostgresServer } from './postgres-server';

jest.setTimeout(120_000);

describe('startPostgresServer', () => {
  let server: PostgresServer | undefined;

  afterAll(async () => {
    await server?.destroy();
  });

  it('runs a migrated server of its own that survives a crash and a restart with its data', async () => {
    server = await startPostgresServer();
    expect(server.port).not.toBe(5432);
    const db = await server.createDatabase();
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await owner.query(`INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), 'kept', 'Kept')`);
    await owner.end();

    await server.stop('immediate');
    await expect(
      new Client({ connectionString: db.appUrl, connectionTimeoutMillis: 2000 }).connect(),
    ).rejects.toThrow();
    await server.start();

    const again = new Client({ connectionString: db.ownerUrl });
    await again.connect();
    const { rows } = await again.query<{ slug: string }>(`SELECT slug FROM tenants`);
    await again.end();
    expect(rows.map((r) => r.slug)).toEqual(['kept']);
  });
});
