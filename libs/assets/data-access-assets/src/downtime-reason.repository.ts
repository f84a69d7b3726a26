import {
  pagedQuery,
  recordAudit,
  type AuditActor,
  type Database,
  type LossClass,
  type PageRequest,
  type Paged,
  type Prisma,
} from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';
import { isUuid, type SiteScope } from './asset.repository';
import { assertCode, assertText } from './catalog-rules';
import { changeInTenant } from './unique-violation';

export interface DowntimeReasonRecord {
  id: string;
  code: string;
  name: string;
  lossClass: LossClass;
  archivedAt: Date | null;
}

const SELECT = { id: true, code: true, name: true, lossClass: true, archivedAt: true } as const;

// Reason codes, each in one loss class of the OEE waterfall. Archived, not deleted: stops already
// coded keep their reason.
export class DowntimeReasonRepository {
  constructor(private readonly db: Database) {}

  async page(
    scope: SiteScope,
    filter: { lossClass?: LossClass | undefined; includeArchived?: boolean | undefined },
    request: PageRequest,
  ): Promise<Paged<DowntimeReasonRecord>> {
    const where: Prisma.DowntimeReasonWhereInput = {
      ...(filter.lossClass ? { lossClass: filter.lossClass } : {}),
      ...(filter.includeArchived ? {} : { archivedAt: null }),
    };
    return this.db.withTenant(scope.tenantId, (tx) =>
      pagedQuery(
        request,
        (page) =>
          tx.downtimeReason.findMany({
            where,
            orderBy: [{ lossClass: 'asc' }, { code: 'asc' }, { id: 'asc' }],
            select: SELECT,
            ...page,
          }),
        () => tx.downtimeReason.count({ where }),
      ),
    );
  }

  async create(
    scope: SiteScope,
    actor: AuditActor,
    input: { code: string; name: string; lossClass: LossClass },
  ): Promise<DowntimeReasonRecord> {
    const data = {
      code: assertCode('code', input.code),
      name: assertText('name', input.name),
      lossClass: input.lossClass,
    };
    return changeInTenant(
      this.db,
      scope.tenantId,
      `there is already a downtime reason with code "${data.code}"`,
      async (tx) => {
        const reason = await tx.downtimeReason.create({
          data: { tenantId: scope.tenantId, ...data },
          select: SELECT,
        });
        await recordAudit(tx, scope.tenantId, actor, {
          action: 'downtime_reason.create',
          entityType: 'downtime_reason',
          entityId: reason.id,
          after: { code: reason.code, name: reason.name, lossClass: reason.lossClass },
        });
        return reason;
      },
    );
  }

  async update(
    scope: SiteScope,
    actor: AuditActor,
    id: string,
    changes: {
      name?: string | null | undefined;
      lossClass?: LossClass | null | undefined;
      archived?: boolean | null | undefined;
    },
  ): Promise<DowntimeReasonRecord> {
    const data: Prisma.DowntimeReasonUpdateInput = {
      ...(changes.name != null ? { name: assertText('name', changes.name) } : {}),
      ...(changes.lossClass != null ? { lossClass: changes.lossClass } : {}),
      ...(changes.archived != null ? { archivedAt: changes.archived ? new Date() : null } : {}),
    };
    return this.db.withTenant(scope.tenantId, async (tx) => {
      const before = isUuid(id) ? await tx.downtimeReason.findFirst({ where: { id }, select: SELECT }) : null;
      if (!before) throw new DomainError('NOT_FOUND', `no downtime reason with id "${id}"`);
      const reason = await tx.downtimeReason.update({ where: { id }, data, select: SELECT });
      await recordAudit(tx, scope.tenantId, actor, {
        action: 'downtime_reason.update',
        entityType: 'downtime_reason',
        entityId: id,
        before: { name: before.name, lossClass: before.lossClass, archived: before.archivedAt !== null },
        after: { name: reason.name, lossClass: reason.lossClass, archived: reason.archivedAt !== null },
      });
      return reason;
    });
  }
}
