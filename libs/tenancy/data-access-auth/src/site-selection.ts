import type { TenantTx } from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

// null (every site) or a non-empty list of this tenant's sites; anything else is refused by name.
export async function assertSitesOfTenant(tx: TenantTx, siteIds: readonly string[] | null): Promise<void> {
  if (siteIds === null) return;
  if (siteIds.length === 0)
    throw new DomainError(
      'BAD_USER_INPUT',
      'siteIds is empty: list at least one site, or leave siteIds out for every site',
      { field: 'siteIds' },
    );
  const malformed = siteIds.find((id) => !UUID.test(id));
  if (malformed)
    throw new DomainError('BAD_USER_INPUT', `"${malformed}" is not a site id`, { field: 'siteIds' });
  const found = await tx.asset.findMany({
    where: { id: { in: [...siteIds] }, kind: 'site' },
    select: { id: true },
  });
  const missing = siteIds.find((id) => !found.some((s) => s.id === id));
  // Another tenant's site reads as missing: RLS hides it, and so does this message.
  if (missing) throw new DomainError('NOT_FOUND', `no site with id "${missing}"`, { field: 'siteIds' });
}

export async function replaceMembershipSites(
  tx: TenantTx,
  tenantId: string,
  membershipId: string,
  siteIds: readonly string[] | null,
): Promise<void> {
  await tx.membershipSite.deleteMany({ where: { membershipId } });
  if (siteIds?.length)
    await tx.membershipSite.createMany({
      data: [...new Set(siteIds)].map((siteId) => ({ tenantId, membershipId, siteId })),
    });
}
