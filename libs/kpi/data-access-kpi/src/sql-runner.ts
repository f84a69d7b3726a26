import type { TenantTx } from '@convergent/platform-data-access-db';

// The SQL the KPI repositories need, from either kind of tenant transaction: a plain pg one
// (Database.withSqlTransaction: no time limit, fast row parsing; what long backfills use) or
// Prisma's interactive one (when the work shares a transaction with Prisma calls).
export interface SqlRunner {
  query<R extends object>(text: string, values?: unknown[]): Promise<R[]>;
  execute(text: string, values?: unknown[]): Promise<number>;
}

export function prismaSql(tx: TenantTx): SqlRunner {
  return {
    query: <R extends object>(text: string, values: unknown[] = []) =>
      tx.$queryRawUnsafe<R[]>(text, ...values),
    execute: (text, values = []) => tx.$executeRawUnsafe(text, ...values),
  };
}
