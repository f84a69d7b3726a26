import type { Prisma } from './generated/prisma';
import type { TenantTx } from './database';

// Who did it: a signed-in user or a partner's API key (or neither, for the platform itself).
export interface AuditActor {
  userId?: string | null;
  apiKeyId?: string | null;
  requestId?: string | null;
}

export interface AuditRecord {
  // "<entity>.<verb>", e.g. "asset.move", so that admins can filter by kind of change.
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

// Written inside the transaction that makes the change, so an audit entry exists exactly when the
// change does. Secrets (tokens, key material, password hashes) must never be part of before/after.
export async function recordAudit(
  tx: TenantTx,
  tenantId: string,
  actor: AuditActor,
  record: AuditRecord,
): Promise<void> {
  await tx.auditEntry.create({
    data: {
      tenantId,
      actorUserId: actor.userId ?? null,
      actorApiKeyId: actor.apiKeyId ?? null,
      requestId: actor.requestId ?? null,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      before: record.before ?? undefined,
      after: record.after ?? undefined,
    },
  });
}
