import {
  pagedQuery,
  recordAudit,
  type AuditActor,
  type Database,
  type PageRequest,
  type Paged,
  type Prisma,
} from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';
import { nameContains } from './name-search';
import type { SiteScope } from './asset.repository';
import { isUuid, visible } from './asset.repository';
import { assertCode, assertIdealCycleTime, assertText } from './catalog-rules';
import { changeInTenant } from './unique-violation';

export interface ProductRecord {
  id: string;
  code: string;
  name: string;
  idealCycleTimeMs: number;
}

export interface ProductChanges {
  name?: string | null | undefined;
  idealCycleTimeMs?: number | null | undefined;
}

const SELECT = { id: true, code: true, name: true, idealCycleTimeMs: true } as const;

// Products and their ideal cycle time (PRU), which the KPI jobs use for every machine running them;
// which product a machine runs is a product run, started when an admin sets it.
export class ProductRepository {
  constructor(private readonly db: Database) {}

  async page(
    scope: SiteScope,
    search: string | undefined,
    request: PageRequest,
  ): Promise<Paged<ProductRecord>> {
    const where: Prisma.ProductWhereInput = search
      ? {
          OR: [{ code: nameContains(search) }, { name: nameContains(search) }],
        }
      : {};
    return this.db.withTenant(scope.tenantId, (tx) =>
      pagedQuery(
        request,
        (page) =>
          tx.product.findMany({ where, orderBy: [{ code: 'asc' }, { id: 'asc' }], select: SELECT, ...page }),
        () => tx.product.count({ where }),
      ),
    );
  }

  async findMany(scope: SiteScope, ids: readonly string[]): Promise<ProductRecord[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.withTenant(scope.tenantId, (tx) =>
      tx.product.findMany({ where: { id: { in: valid } }, select: SELECT }),
    );
  }

  async create(
    scope: SiteScope,
    actor: AuditActor,
    input: { code: string; name: string; idealCycleTimeMs: number },
  ): Promise<ProductRecord> {
    const data = {
      code: assertCode('code', input.code),
      name: assertText('name', input.name),
      idealCycleTimeMs: assertIdealCycleTime(input.idealCycleTimeMs),
    };
    return changeInTenant(
      this.db,
      scope.tenantId,
      `there is already a product with code "${data.code}"`,
      async (tx) => {
        const product = await tx.product.create({
          data: { tenantId: scope.tenantId, ...data },
          select: SELECT,
        });
        await recordAudit(tx, scope.tenantId, actor, {
          action: 'product.create',
          entityType: 'product',
          entityId: product.id,
          after: { ...product },
        });
        return product;
      },
    );
  }

  async update(
    scope: SiteScope,
    actor: AuditActor,
    id: string,
    changes: ProductChanges,
  ): Promise<ProductRecord> {
    const data = {
      ...(changes.name != null ? { name: assertText('name', changes.name) } : {}),
      ...(changes.idealCycleTimeMs != null
        ? { idealCycleTimeMs: assertIdealCycleTime(changes.idealCycleTimeMs) }
        : {}),
    };
    return this.db.withTenant(scope.tenantId, async (tx) => {
      const before = await this.require(tx, id);
      const product = await tx.product.update({ where: { id: before.id }, data, select: SELECT });
      await recordAudit(tx, scope.tenantId, actor, {
        action: 'product.update',
        entityType: 'product',
        entityId: id,
        before: { ...before },
        after: { ...product },
      });
      return product;
    });
  }

  // Products that ran are history the KPIs were computed from: they stay.
  async delete(scope: SiteScope, actor: AuditActor, id: string): Promise<ProductRecord> {
    return this.db.withTenant(scope.tenantId, async (tx) => {
      const product = await this.require(tx, id);
      const [runs, machines] = await Promise.all([
        tx.productRun.count({ where: { productId: id } }),
        tx.asset.count({ where: { currentProductId: id } }),
      ]);
      if (runs + machines > 0)
        throw new DomainError(
          'CONFLICT',
          `product "${product.code}" cannot be deleted: ${machines > 0 ? `${machines} machine(s) run it` : `it ran ${runs} time(s)`}`,
        );
      await tx.product.delete({ where: { id } });
      await recordAudit(tx, scope.tenantId, actor, {
        action: 'product.delete',
        entityType: 'product',
        entityId: id,
        before: { ...product },
      });
      return product;
    });
  }

  // The machine runs this product from now on: the open run ends and a new one starts, so KPIs
  // use each product's ideal cycle time for exactly the time it ran.
  async setMachineProduct(
    scope: SiteScope,
    actor: AuditActor,
    machineId: string,
    productId: string | null,
    now = new Date(),
  ): Promise<void> {
    await this.db.withTenant(scope.tenantId, async (tx) => {
      const machine = isUuid(machineId)
        ? await tx.asset.findFirst({
            where: { id: machineId, kind: 'machine', ...visible(scope) },
            select: { id: true, currentProductId: true },
          })
        : null;
      if (!machine) throw new DomainError('NOT_FOUND', `no machine with id "${machineId}"`);
      if (productId) await this.require(tx, productId);
      if (machine.currentProductId === productId) return;
      await tx.productRun.updateMany({ where: { machineId, endedAt: null }, data: { endedAt: now } });
      if (productId)
        await tx.productRun.create({
          data: { tenantId: scope.tenantId, machineId, productId, startedAt: now },
        });
      await tx.asset.update({ where: { id: machineId }, data: { currentProductId: productId } });
      await recordAudit(tx, scope.tenantId, actor, {
        action: 'machine.set_product',
        entityType: 'asset',
        entityId: machineId,
        before: { productId: machine.currentProductId },
        after: { productId },
      });
    });
  }

  private async require(tx: Prisma.TransactionClient, id: string): Promise<ProductRecord> {
    const product = isUuid(id) ? await tx.product.findFirst({ where: { id }, select: SELECT }) : null;
    if (!product) throw new DomainError('NOT_FOUND', `no product with id "${id}"`);
    return product;
  }
}
