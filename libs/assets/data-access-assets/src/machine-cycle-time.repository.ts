import {
  recordAudit,
  type AuditActor,
  type Database,
  type Prisma,
} from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';
import type { SiteScope } from './asset.repository';
import { isUuid, visible } from './asset.repository';
import { assertIdealCycleTime } from './catalog-rules';

export interface MachineCycleTimeRecord {
  machineId: string;
  machineName: string;
  productId: string;
  idealCycleTimeMs: number;
}

// A machine's own ideal cycle time for a product (an older press runs the same part slower): the
// KPI engine prefers it to the product's default. Only machines the caller may see are listed or
// changed.
export class MachineCycleTimeRepository {
  constructor(private readonly db: Database) {}

  async forProducts(scope: SiteScope, productIds: readonly string[]): Promise<MachineCycleTimeRecord[]> {
    const valid = productIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db.withTenant(scope.tenantId, (tx) =>
      tx.machineCycleTime.findMany({
        where: { productId: { in: valid }, machine: visible(scope) },
        select: {
          machineId: true,
          productId: true,
          idealCycleTimeMs: true,
          machine: { select: { name: true } },
        },
        orderBy: [{ machine: { name: 'asc' } }, { machineId: 'asc' }],
      }),
    );
    return rows.map(({ machine, ...row }) => ({ ...row, machineName: machine.name }));
  }

  // null removes the override: the machine runs the product at its default again. Applies to KPIs
  // computed from now on, as a change of the product's own ideal cycle time does.
  async set(
    scope: SiteScope,
    actor: AuditActor,
    machineId: string,
    productId: string,
    idealCycleTimeMs: number | null,
  ): Promise<MachineCycleTimeRecord | null> {
    const ms = idealCycleTimeMs === null ? null : assertIdealCycleTime(idealCycleTimeMs);
    return this.db.withTenant(scope.tenantId, async (tx) => {
      const machine = await this.requireMachine(tx, scope, machineId);
      const product = isUuid(productId)
        ? await tx.product.findFirst({ where: { id: productId }, select: { id: true } })
        : null;
      if (!product) throw new DomainError('NOT_FOUND', `no product with id "${productId}"`);
      const key = { machineId_productId: { machineId, productId } };
      const before = await tx.machineCycleTime.findUnique({ where: key, select: { idealCycleTimeMs: true } });
      if (ms === null) {
        if (before) await tx.machineCycleTime.delete({ where: key });
      } else {
        await tx.machineCycleTime.upsert({
          where: key,
          create: { tenantId: scope.tenantId, machineId, productId, idealCycleTimeMs: ms },
          update: { idealCycleTimeMs: ms },
        });
      }
      await recordAudit(tx, scope.tenantId, actor, {
        action: 'machine.set_cycle_time',
        entityType: 'asset',
        entityId: machineId,
        before: { productId, idealCycleTimeMs: before?.idealCycleTimeMs ?? null },
        after: { productId, idealCycleTimeMs: ms },
      });
      return ms === null ? null : { machineId, machineName: machine.name, productId, idealCycleTimeMs: ms };
    });
  }

  private async requireMachine(
    tx: Prisma.TransactionClient,
    scope: SiteScope,
    machineId: string,
  ): Promise<{ name: string }> {
    const machine = isUuid(machineId)
      ? await tx.asset.findFirst({
          where: { id: machineId, kind: 'machine', ...visible(scope) },
          select: { name: true },
        })
      : null;
    if (!machine) throw new DomainError('NOT_FOUND', `no machine with id "${machineId}"`);
    return machine;
  }
}
