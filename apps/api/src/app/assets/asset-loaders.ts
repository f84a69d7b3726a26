import { Inject, Injectable } from '@nestjs/common';
import type { AssetKind, Database } from '@convergent/platform-data-access-db';
import { AssetRepository, type AssetRecord } from '@convergent/assets-data-access-assets';
import { latestHourlyKpis, type StoredKpi } from '@convergent/kpi-data-access-kpi';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { DATABASE } from '../api.tokens';
import { DataLoader, RequestLoaders } from '../graphql/request-loaders';

export interface ChildrenKey {
  parentId: string;
  kind: AssetKind | null;
}

// The batched reads behind Asset's nested fields: one query per level of a query, however many
// assets the level has.
@Injectable()
export class AssetLoaders {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly assets: AssetRepository,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  byId(request: object, principal: Principal): DataLoader<string, AssetRecord | null> {
    return this.loaders.get(
      request,
      'asset.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const found = new Map((await this.assets.findMany(principal, ids)).map((a) => [a.id, a]));
          return ids.map((id) => found.get(id) ?? null);
        }),
    );
  }

  children(request: object, principal: Principal): DataLoader<ChildrenKey, AssetRecord[], string> {
    return this.loaders.get(
      request,
      'asset.children',
      () =>
        new DataLoader<ChildrenKey, AssetRecord[], string>(
          async (keys) => {
            const kinds = [...new Set(keys.map((k) => k.kind))];
            const byKind = new Map(
              await Promise.all(
                kinds.map(async (kind) => {
                  const parents = keys.filter((k) => k.kind === kind).map((k) => k.parentId);
                  return [kind, await this.assets.childrenOf(principal, parents, kind ?? undefined)] as const;
                }),
              ),
            );
            return keys.map((k) => byKind.get(k.kind)?.get(k.parentId) ?? []);
          },
          { cacheKeyFn: (k) => `${k.parentId}:${k.kind ?? ''}` },
        ),
    );
  }

  // Only called for assets the caller can see, so the KPI rows need no visibility check of their own.
  latestKpi(request: object, principal: Principal): DataLoader<string, StoredKpi | null> {
    return this.loaders.get(
      request,
      'asset.latestKpi',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.db.withTenant(principal.tenantId, (tx) => latestHourlyKpis(tx, ids));
          const byAsset = new Map(rows.map((row) => [row.assetId, row]));
          return ids.map((id) => byAsset.get(id) ?? null);
        }),
    );
  }
}
