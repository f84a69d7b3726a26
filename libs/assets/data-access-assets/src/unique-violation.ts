import type { Database, TenantTx } from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';

// Prisma reports a unique index violation as P2002, whatever the driver adapter.
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

// A change in the tenant's transaction whose unique-index violation (two concurrent changes that
// both passed their checks, or a duplicate code) reads as the given CONFLICT.
export async function changeInTenant<T>(
  db: Database,
  tenantId: string,
  onDuplicate: string,
  work: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  try {
    return await db.withTenant(tenantId, work);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('CONFLICT', onDuplicate);
    throw error;
  }
}
