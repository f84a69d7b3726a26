import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolClient } from 'pg';
import { PrismaClient, type Prisma } from './generated/prisma';
import { poolConfigFromUrl } from './connection-options';

export type TenantTx = Prisma.TransactionClient;

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

// One process-wide handle on PostgreSQL: Prisma for the relational model, a plain pg pool for the
// hot paths (batched event inserts, aggregate reads) that must not go through one-row ORM calls.
// Every tenant-owned read or write goes through withTenant(), which sets the transaction-local
// tenant that the row-level security policies check.
export class Database {
  readonly prisma: PrismaClient;
  readonly pool: Pool;

  constructor(options: DatabaseOptions) {
    const config = poolConfigFromUrl(options.url, {
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'convergent',
    });
    this.pool = new Pool(config);
    // An idle client that dies (database restarted) must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
    this.prisma = new PrismaClient({ adapter: new PrismaPg(config) });
  }

  async withTenant<T>(tenantId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
      return work(tx);
    });
  }

  async withUser<T>(userId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.user_id', ${userId}, true)`;
      return work(tx);
    });
  }

  // A pg transaction for batched SQL. The callback switches tenants with setTenant() as it goes, so
  // one transaction can carry a batch that spans tenants and still be checked row by row.
  async withSqlTransaction<T>(work: (sql: SqlTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A connection that dies mid-transaction (server crash, terminated backend) also emits 'error'
    // on the client, which the pool does not listen to while the client is checked out: unheard,
    // it would crash the process. The failing query reports it; the broken client is discarded.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(new SqlTransaction(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken ??= await client.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: unknown) => rollbackError as Error,
      );
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.prisma.$disconnect(), this.pool.end()]);
  }
}

export class SqlTransaction {
  constructor(private readonly client: PoolClient) {}

  async setTenant(tenantId: string): Promise<void> {
    await this.client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
  }

  async query<R extends object = Record<string, unknown>>(
    text: string,
    values: unknown[] = [],
  ): Promise<R[]> {
    const result = await this.client.query<R>(text, values);
    return result.rows;
  }

  async execute(text: string, values: unknown[] = []): Promise<number> {
    const result = await this.client.query(text, values);
    return result.rowCount ?? 0;
  }
}
