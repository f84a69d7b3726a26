import type { Database, Prisma } from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';
import { isUuid } from './site-selection';

export interface AuditLogFilter {
  action?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface AuditLogEntry {
  id: string;
  at: Date;
  action: string;
  entityType: string;
  entityId: string | null;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditLogPage {
  entries: Array<{ entry: AuditLogEntry; cursor: string }>;
  hasNextPage: boolean;
}

export const MAX_AUDIT_PAGE = 100;

// A cursor is the position of an entry in "newest first" order: its time and id (ties by id).
export function encodeAuditCursor(entry: { at: Date; id: string }): string {
  return Buffer.from(`${entry.at.toISOString()}|${entry.id}`).toString('base64url');
}

export function decodeAuditCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const time = new Date(at ?? '');
  if (!id || !isUuid(id) || Number.isNaN(time.getTime()))
    throw new DomainError('BAD_USER_INPUT', 'the cursor "after" is not one this API returned', {
      field: 'after',
    });
  return { at: time, id };
}

function whereOf(filter: AuditLogFilter): Prisma.AuditEntryWhereInput {
  for (const field of ['actorUserId', 'actorApiKeyId'] as const) {
    const id = filter[field];
    if (id && !isUuid(id))
      throw new DomainError('BAD_USER_INPUT', `filter.${field} must be an id, got "${id}"`, { field });
  }
  if (filter.from && filter.to && filter.to <= filter.from)
    throw new DomainError('BAD_USER_INPUT', 'filter.to must be after filter.from', { field: 'to' });
  return {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.actorUserId ? { actorUserId: filter.actorUserId } : {}),
    ...(filter.actorApiKeyId ? { actorApiKeyId: filter.actorApiKeyId } : {}),
    ...(filter.from || filter.to
      ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}

export class AuditLogRepository {
  constructor(private readonly db: Database) {}

  async page(
    tenantId: string,
    filter: AuditLogFilter,
    first: number,
    after?: string | null,
  ): Promise<AuditLogPage> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE)
      throw new DomainError('BAD_USER_INPUT', `first must be between 1 and ${MAX_AUDIT_PAGE}`, {
        field: 'first',
      });
    const cursor = after ? decodeAuditCursor(after) : null;
    const where: Prisma.AuditEntryWhereInput = cursor
      ? {
          AND: [
            whereOf(filter),
            { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] },
          ],
        }
      : whereOf(filter);
    const rows = await this.db.withTenant(tenantId, (tx) =>
      tx.auditEntry.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: first + 1 }),
    );
    return {
      entries: rows.slice(0, first).map((row) => ({
        cursor: encodeAuditCursor(row),
        entry: {
          id: row.id,
          at: row.at,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          actorUserId: row.actorUserId,
          actorApiKeyId: row.actorApiKeyId,
          before: row.before,
          after: row.after,
        },
      })),
      hasNextPage: rows.length > first,
    };
  }
}
