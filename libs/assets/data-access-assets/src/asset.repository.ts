import { randomUUID } from 'node:crypto';
import {
  pagedQuery,
  recordAudit,
  type AssetKind,
  type AuditActor,
  type Database,
  type PageRequest,
  type Paged,
  type Prisma,
  type TenantTx,
} from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';
import { nameContains } from './name-search';
import { assertAssetName, assertMove, assertPlacement, assertTimeZone } from './asset-rules';
import { changeInTenant } from './unique-violation';

export interface AssetRecord {
  id: string;
  name: string;
  kind: AssetKind;
  code: string | null;
  parentId: string | null;
  siteId: string | null;
  timeZone: string | null;
  depth: number;
  ancestors: string[];
  currentProductId: string | null;
}

export interface SiteScope {
  tenantId: string;
  // null: all sites.
  siteIds: readonly string[] | null;
}

export type AssetOrder = 'TREE' | 'NAME';

export interface AssetFilter {
  kind?: AssetKind | undefined;
  // Case-insensitive part of the name.
  nameContains?: string | undefined;
  // Only the subtree under this asset (the asset itself excluded).
  under?: string | undefined;
}

export interface NewAsset {
  kind: AssetKind;
  name: string;
  code?: string | null | undefined;
  parentId?: string | null | undefined;
  timeZone?: string | null | undefined;
}

// Ids come from API arguments: anything that is not a UUID cannot name an asset, and must not
// reach PostgreSQL as a cast error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

const SELECT = {
  id: true,
  name: true,
  kind: true,
  code: true,
  parentId: true,
  siteId: true,
  timeZone: true,
  depth: true,
  ancestors: true,
  currentProductId: true,
} as const;

const ORDER: Record<AssetOrder, Prisma.AssetOrderByWithRelationInput[]> = {
  TREE: [{ depth: 'asc' }, { name: 'asc' }, { id: 'asc' }],
  NAME: [{ name: 'asc' }, { id: 'asc' }],
};

// The assets a scope may see: not archived, and in the scope's sites when it is restricted.
export function visible(scope: SiteScope): Prisma.AssetWhereInput {
  return { archivedAt: null, ...(scope.siteIds ? { siteId: { in: [...scope.siteIds] } } : {}) };
}

function snapshot(asset: AssetRecord): Prisma.InputJsonValue {
  const { id, name, kind, code, parentId, siteId, timeZone } = asset;
  return { id, name, kind, code, parentId, siteId, timeZone };
}

// Asset reads and changes, always within a tenant and the caller's site visibility. A restricted
// user sees the subtrees of their sites only (assets above any site are hidden from them). Every
// change writes its audit entry in the same transaction.
export class AssetRepository {
  constructor(private readonly db: Database) {}

  async page(
    scope: SiteScope,
    filter: AssetFilter,
    order: AssetOrder,
    request: PageRequest,
  ): Promise<Paged<AssetRecord>> {
    if (filter.under !== undefined && !isUuid(filter.under)) return { rows: [], totalCount: 0 };
    const where: Prisma.AssetWhereInput = {
      ...visible(scope),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.nameContains ? { name: nameContains(filter.nameContains) } : {}),
      ...(filter.under ? { ancestors: { has: filter.under }, id: { not: filter.under } } : {}),
    };
    return this.db.withTenant(scope.tenantId, (tx) =>
      pagedQuery(
        request,
        (page) => tx.asset.findMany({ where, orderBy: ORDER[order], select: SELECT, ...page }),
        () => tx.asset.count({ where }),
      ),
    );
  }

  async find(scope: SiteScope, id: string): Promise<AssetRecord | null> {
    if (!isUuid(id)) return null;
    const [asset] = await this.findMany(scope, [id]);
    return asset ?? null;
  }

  // One query for any number of ids (DataLoader batches); invisible and unknown ids are absent.
  async findMany(scope: SiteScope, ids: readonly string[]): Promise<AssetRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.withTenant(scope.tenantId, (tx) =>
      tx.asset.findMany({ where: { ...visible(scope), id: { in: valid } }, select: SELECT }),
    );
  }

  // The visible children of many parents in one query, each list in name order.
  async childrenOf(
    scope: SiteScope,
    parentIds: readonly string[],
    kind?: AssetKind,
  ): Promise<Map<string, AssetRecord[]>> {
    const rows = await this.db.withTenant(scope.tenantId, (tx) =>
      tx.asset.findMany({
        where: { ...visible(scope), parentId: { in: [...parentIds] }, ...(kind ? { kind } : {}) },
        orderBy: ORDER.NAME,
        select: SELECT,
      }),
    );
    const byParent = new Map<string, AssetRecord[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) if (row.parentId) byParent.get(row.parentId)?.push(row);
    return byParent;
  }

  async create(scope: SiteScope, actor: AuditActor, input: NewAsset): Promise<AssetRecord> {
    const name = assertAssetName(input.name);
    const timeZone = assertTimeZone(input.kind, input.timeZone);
    // A new site or enterprise would be outside the sites a restricted user may see.
    if (scope.siteIds && (input.kind === 'site' || input.kind === 'enterprise'))
      throw new DomainError(
        'FORBIDDEN',
        `you may see only some sites, so you cannot create a ${input.kind}: ask an administrator who sees all sites`,
      );
    return this.change(scope, async (tx) => {
      const parent = input.parentId ? await this.require(tx, scope, input.parentId, 'parentId') : null;
      assertPlacement(input.kind, parent);
      await this.assertNameFree(tx, parent?.id ?? null, name);
      const id = randomUUID();
      const created = await tx.asset.create({
        data: {
          id,
          tenantId: scope.tenantId,
          parentId: parent?.id ?? null,
          kind: input.kind,
          name,
          code: input.code ?? null,
          ancestors: [...(parent?.ancestors ?? []), id],
          depth: parent ? parent.depth + 1 : 0,
          siteId: input.kind === 'site' ? id : (parent?.siteId ?? null),
          timeZone,
        },
        select: SELECT,
      });
      await recordAudit(tx, scope.tenantId, actor, {
        action: 'asset.create',
        entityType: 'asset',
        entityId: id,
        after: snapshot(created),
      });
      return created;
    });
  }

  async rename(scope: SiteScope, actor: AuditActor, id: string, newName: string): Promise<AssetRecord> {
    const name = assertAssetName(newName);
    return this.update(scope, actor, id, 'asset.rename', async (tx, asset) => {
      if (asset.name !== name) await this.assertNameFree(tx, asset.parentId, name, asset.id);
      return { name };
    });
  }

  async setTimeZone(scope: SiteScope, actor: AuditActor, id: string, timeZone: string): Promise<AssetRecord> {
    return this.update(scope, actor, id, 'asset.set_time_zone', (_tx, asset) => {
      if (asset.kind !== 'site')
        throw new DomainError(
          'BAD_USER_INPUT',
          `only sites have a time zone; "${asset.name}" is a ${asset.kind}`,
        );
      return Promise.resolve({ timeZone: assertTimeZone('site', timeZone) });
    });
  }

  // Rewrites the moved subtree's ancestor prefix, depth and site, and the parent, in one statement
  // (the root-has-no-parent check holds only for the row as a whole).
  async move(
    scope: SiteScope,
    actor: AuditActor,
    id: string,
    newParentId: string | null,
  ): Promise<AssetRecord> {
    return this.change(scope, async (tx) => {
      const asset = await this.require(tx, scope, id, 'id');
      const parent = newParentId ? await this.require(tx, scope, newParentId, 'newParentId') : null;
      assertMove(asset, parent);
      if (asset.parentId === (parent?.id ?? null)) return asset;
      await this.assertNameFree(tx, parent?.id ?? null, asset.name);
      const prefix = parent?.ancestors ?? [];
      const siteId = asset.kind === 'site' ? asset.id : (parent?.siteId ?? null);
      await tx.$executeRaw`
        UPDATE assets
           SET ancestors = ${prefix}::uuid[] || ancestors[${asset.depth + 1}:],
               depth = depth - ${asset.depth}::int + ${prefix.length}::int,
               site_id = ${siteId}::uuid,
               parent_id = CASE WHEN id = ${asset.id}::uuid THEN ${parent?.id ?? null}::uuid ELSE parent_id END,
               updated_at = now()
         WHERE ancestors @> ARRAY[${asset.id}]::uuid[]`;
      const moved = await tx.asset.findUniqueOrThrow({ where: { id: asset.id }, select: SELECT });
      await recordAudit(tx, scope.tenantId, actor, {
        action: 'asset.move',
        entityType: 'asset',
        entityId: asset.id,
        before: snapshot(asset),
        after: snapshot(moved),
      });
      return moved;
    });
  }

  // Archived assets disappear from every list and lookup but keep their history.
  async archive(scope: SiteScope, actor: AuditActor, id: string): Promise<AssetRecord> {
    return this.update(scope, actor, id, 'asset.archive', async (tx, asset) => {
      const children = await tx.asset.count({ where: { parentId: asset.id, archivedAt: null } });
      if (children > 0)
        throw new DomainError(
          'CONFLICT',
          `"${asset.name}" still has ${children} active ${children === 1 ? 'child' : 'children'}: archive or move ${children === 1 ? 'it' : 'them'} first`,
        );
      return { archivedAt: new Date() };
    });
  }

  // Deleting is for mistakes: anything with children or recorded data is archived instead.
  async delete(scope: SiteScope, actor: AuditActor, id: string): Promise<AssetRecord> {
    return this.change(scope, async (tx) => {
      const asset = await this.require(tx, scope, id, 'id');
      const uses = await this.usesOf(tx, asset.id);
      if (uses.length > 0)
        throw new DomainError(
          'CONFLICT',
          `"${asset.name}" cannot be deleted: it has ${uses.join(', ')}; archive it instead`,
          { uses },
        );
      await tx.asset.delete({ where: { id: asset.id } });
      await recordAudit(tx, scope.tenantId, actor, {
        action: 'asset.delete',
        entityType: 'asset',
        entityId: asset.id,
        before: snapshot(asset),
      });
      return asset;
    });
  }

  private async usesOf(tx: TenantTx, id: string): Promise<string[]> {
    const [row] = await tx.$queryRaw<Array<Record<string, boolean>>>`
      SELECT EXISTS (SELECT 1 FROM assets WHERE parent_id = ${id}::uuid) AS "children",
             EXISTS (SELECT 1 FROM gateways WHERE site_id = ${id}::uuid) AS "gateways",
             EXISTS (SELECT 1 FROM gateway_machines WHERE machine_id = ${id}::uuid) AS "a gateway mapping",
             EXISTS (SELECT 1 FROM machine_state_events WHERE machine_id = ${id}::uuid) AS "machine states",
             EXISTS (SELECT 1 FROM production_count_events WHERE machine_id = ${id}::uuid) AS "production counts",
             EXISTS (SELECT 1 FROM telemetry_points WHERE machine_id = ${id}::uuid) AS "telemetry",
             EXISTS (SELECT 1 FROM kpi_results WHERE asset_id = ${id}::uuid) AS "KPI results",
             EXISTS (SELECT 1 FROM alarms WHERE asset_id = ${id}::uuid) AS "alarms",
             EXISTS (SELECT 1 FROM product_runs WHERE machine_id = ${id}::uuid) AS "product runs"`;
    return Object.entries(row ?? {})
      .filter(([, exists]) => exists)
      .map(([what]) => what);
  }

  private async update(
    scope: SiteScope,
    actor: AuditActor,
    id: string,
    action: string,
    changes: (tx: TenantTx, asset: AssetRecord) => Promise<Prisma.AssetUpdateInput>,
  ): Promise<AssetRecord> {
    return this.change(scope, async (tx) => {
      const asset = await this.require(tx, scope, id, 'id');
      const updated = await tx.asset.update({
        where: { id: asset.id },
        data: await changes(tx, asset),
        select: SELECT,
      });
      await recordAudit(tx, scope.tenantId, actor, {
        action,
        entityType: 'asset',
        entityId: asset.id,
        before: snapshot(asset),
        after: snapshot(updated),
      });
      return updated;
    });
  }

  // Two concurrent changes may both pass the name check; the unique index catches the second.
  private async change<T>(scope: SiteScope, work: (tx: TenantTx) => Promise<T>): Promise<T> {
    return changeInTenant(
      this.db,
      scope.tenantId,
      'another asset under the same parent already has that name',
      work,
    );
  }

  private async require(tx: TenantTx, scope: SiteScope, id: string, argument: string): Promise<AssetRecord> {
    const asset = isUuid(id)
      ? await tx.asset.findFirst({ where: { ...visible(scope), id }, select: SELECT })
      : null;
    if (!asset) throw new DomainError('NOT_FOUND', `no asset with id "${id}" (${argument})`);
    return asset;
  }

  private async assertNameFree(
    tx: TenantTx,
    parentId: string | null,
    name: string,
    self?: string,
  ): Promise<void> {
    const sibling = await tx.asset.findFirst({
      where: {
        parentId,
        name: { equals: name, mode: 'insensitive' },
        ...(self ? { id: { not: self } } : {}),
      },
      select: { id: true },
    });
    if (sibling)
      throw new DomainError(
        'CONFLICT',
        parentId
          ? `its parent already has an asset named "${name}"`
          : `there is already a top-level asset named "${name}"`,
      );
  }
}
