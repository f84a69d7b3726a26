import type { AssetKind, Database } from '@convergent/platform-data-access-db';

export interface AssetRecord {
  id: string;
  name: string;
  kind: AssetKind;
  parentId: string | null;
  siteId: string | null;
  timeZone: string | null;
  depth: number;
}

export interface SiteScope {
  tenantId: string;
  // null: all sites.
  siteIds: readonly string[] | null;
}

// Ids come from API arguments: anything that is not a UUID cannot name an asset, and must not
// reach PostgreSQL as a cast error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT = {
  id: true,
  name: true,
  kind: true,
  parentId: true,
  siteId: true,
  timeZone: true,
  depth: true,
} as const;

// Asset reads, always within a tenant and the caller's site visibility. A restricted user sees
// the subtrees of their sites only (assets above any site are hidden from them).
export class AssetRepository {
  constructor(private readonly db: Database) {}

  async list(scope: SiteScope, kind?: AssetKind): Promise<AssetRecord[]> {
    return this.db.withTenant(scope.tenantId, (tx) =>
      tx.asset.findMany({
        where: {
          archivedAt: null,
          ...(kind ? { kind } : {}),
          ...(scope.siteIds ? { siteId: { in: [...scope.siteIds] } } : {}),
        },
        orderBy: [{ depth: 'asc' }, { name: 'asc' }],
        select: SELECT,
      }),
    );
  }

  async find(scope: SiteScope, id: string): Promise<AssetRecord | null> {
    if (!UUID.test(id)) return null;
    return this.db.withTenant(scope.tenantId, async (tx) => {
      const asset = await tx.asset.findFirst({ where: { id, archivedAt: null }, select: SELECT });
      if (!asset) return null;
      if (scope.siteIds && (!asset.siteId || !scope.siteIds.includes(asset.siteId))) return null;
      return asset;
    });
  }
}
