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
import { isUuid } from './site-selection';

export interface ApiKeyRecord {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdById: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

// What authentication needs of a key, found before its tenant is known (migration 0008).
export interface ApiKeyCredentials {
  id: string;
  tenantId: string;
  secretHash: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface ApiKeyFilter {
  revoked?: boolean;
  // Whether the key had expired at `now`.
  expired?: { value: boolean; now: Date };
}

export interface NewApiKey {
  name: string;
  prefix: string;
  secretHash: string;
  scopes: string[];
  expiresAt: Date | null;
}

const PUBLIC_FIELDS = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdById: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

// Audit entries describe a key by what an admin sees in the list, never by its secret or hash.
function audited(key: ApiKeyRecord) {
  return {
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export class ApiKeyRepository {
  constructor(private readonly db: Database) {}

  async create(tenantId: string, actor: AuditActor, key: NewApiKey): Promise<ApiKeyRecord> {
    return this.db.withTenant(tenantId, async (tx) => {
      const created = await tx.apiKey.create({
        data: { tenantId, ...key, createdById: actor.userId ?? null },
        select: PUBLIC_FIELDS,
      });
      await recordAudit(tx, tenantId, actor, {
        action: 'api_key.create',
        entityType: 'api_key',
        entityId: created.id,
        after: audited(created),
      });
      return created;
    });
  }

  async page(tenantId: string, filter: ApiKeyFilter, request: PageRequest): Promise<Paged<ApiKeyRecord>> {
    const { expired } = filter;
    const where: Prisma.ApiKeyWhereInput = {
      ...(filter.revoked !== undefined ? { revokedAt: filter.revoked ? { not: null } : null } : {}),
      ...(expired
        ? expired.value
          ? { expiresAt: { lte: expired.now } }
          : { OR: [{ expiresAt: null }, { expiresAt: { gt: expired.now } }] }
        : {}),
    };
    return this.db.withTenant(tenantId, (tx) =>
      pagedQuery(
        request,
        (cursor) =>
          tx.apiKey.findMany({
            where,
            select: PUBLIC_FIELDS,
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            ...cursor,
          }),
        () => tx.apiKey.count({ where }),
      ),
    );
  }

  async revoke(tenantId: string, actor: AuditActor, id: string, at: Date): Promise<ApiKeyRecord> {
    return this.db.withTenant(tenantId, async (tx) => {
      const before = isUuid(id) ? await tx.apiKey.findUnique({ where: { id }, select: PUBLIC_FIELDS }) : null;
      if (!before) throw new DomainError('NOT_FOUND', `no API key with id "${id}"`);
      if (before.revokedAt)
        throw new DomainError('CONFLICT', `the API key "${before.name}" was already revoked`);
      const after = await tx.apiKey.update({ where: { id }, data: { revokedAt: at }, select: PUBLIC_FIELDS });
      await recordAudit(tx, tenantId, actor, {
        action: 'api_key.revoke',
        entityType: 'api_key',
        entityId: id,
        before: audited(before),
        after: audited(after),
      });
      return after;
    });
  }

  async credentialsByPrefix(prefix: string): Promise<ApiKeyCredentials | null> {
    const { rows } = await this.db.pool.query<{
      id: string;
      tenant_id: string;
      secret_hash: string;
      scopes: string[] | null;
      expires_at: Date | null;
      revoked_at: Date | null;
      last_used_at: Date | null;
    }>(
      `SELECT id, tenant_id, secret_hash, scopes, expires_at, revoked_at, last_used_at FROM auth_api_key_by_prefix($1)`,
      [prefix],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          tenantId: row.tenant_id,
          secretHash: row.secret_hash,
          scopes: row.scopes ?? [],
          expiresAt: row.expires_at,
          revokedAt: row.revoked_at,
          lastUsedAt: row.last_used_at,
        }
      : null;
  }

  async touch(tenantId: string, id: string, at: Date): Promise<void> {
    await this.db.withTenant(tenantId, (tx) =>
      tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { lastUsedAt: at } }),
    );
  }
}
