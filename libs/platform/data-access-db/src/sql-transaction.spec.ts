import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@convergent/platform-data-access-testing';
import { Database } from './database';

describe('Database.withSqlTransaction', () => {
  let testDb: TestDatabase;
  let db: Database;
  let owner: Client;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = new Database({ url: testDb.appUrl, poolSize: 1 });
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner.end();
    await db.close();
    await testDb.drop();
  });

  it('rejects when its connection dies mid-transaction, and the next transaction gets a working one', async () => {
    const crashed = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    const failed = db.withSqlTransaction(async (sql) => {
      const [row] = await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await owner.query('SELECT pg_terminate_backend($1)', [row?.pid]);
      await sql.query('SELECT 1');
    });
    // pg reports the dead connection on the next query, or refuses that query if it already knew.
    await expect(failed).rejects.toThrow(/terminat|not queryable/);
    const outcome = await Promise.race([
      crashed,
      new Promise((resolve) => setTimeout(resolve, 200, 'alive')),
    ]);
    expect(outcome).toBe('alive');
    expect(await db.withSqlTransaction((sql) => sql.query<{ one: number }>('SELECT 1 AS one'))).toEqual([
      { one: 1 },
    ]);
  });
});
