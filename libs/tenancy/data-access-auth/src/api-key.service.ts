import type { AuditActor, PageRequest, Paged } from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';
import { normalizeScopes, parseScope, type ApiScope, type ScopeGrant } from './api-key-scopes';
import { newApiKeySecret, parseApiKey, secretMatches } from './api-key-secret';
import type { ApiKeyRecord, ApiKeyRepository } from './api-key.repository';
import type { Clock } from './clock.service';
import type { Principal } from './principal';

export interface CreateApiKeyRequest {
  name: string;
  scopes: readonly ScopeGrant[];
  expiresAt?: Date | null;
}

export interface CreatedApiKey {
  record: ApiKeyRecord;
  // The whole key, shown in this answer only.
  key: string;
}

// lastUsedAt is for admins deciding which keys are still in use: minute precision is plenty, and
// it spares a write on every request of a busy key.
export const LAST_USED_PRECISION_MS = 60_000;
const MAX_NAME_LENGTH = 100;

export class ApiKeyService {
  constructor(
    private readonly repository: ApiKeyRepository,
    private readonly clock: Clock,
  ) {}

  async create(tenantId: string, actor: AuditActor, request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    const name = request.name.trim();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH)
      throw new DomainError(
        'BAD_USER_INPUT',
        `an API key needs a name of 1 to ${MAX_NAME_LENGTH} characters, e.g. the partner and purpose`,
        { field: 'name' },
      );
    const scopes = normalizeScopes(request.scopes);
    const expiresAt = request.expiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= this.clock.now().getTime())
      throw new DomainError('BAD_USER_INPUT', 'expiresAt must be in the future (or left out for no expiry)', {
        field: 'expiresAt',
      });
    const secret = newApiKeySecret();
    const record = await this.repository.create(tenantId, actor, {
      name,
      prefix: secret.prefix,
      secretHash: secret.secretHash,
      scopes,
      expiresAt,
    });
    return { record, key: secret.key };
  }

  page(
    tenantId: string,
    filter: { revoked?: boolean; expired?: boolean },
    request: PageRequest,
  ): Promise<Paged<ApiKeyRecord>> {
    const { expired, ...rest } = filter;
    return this.repository.page(
      tenantId,
      { ...rest, ...(expired !== undefined ? { expired: { value: expired, now: this.clock.now() } } : {}) },
      request,
    );
  }

  revoke(tenantId: string, actor: AuditActor, id: string): Promise<ApiKeyRecord> {
    return this.repository.revoke(tenantId, actor, id, this.clock.now());
  }

  // The principal of a presented key. Unknown and wrong keys get one answer; revoked and expired
  // keys say so, since only the key's holder can present it.
  async principalFor(presented: string): Promise<Principal> {
    const parsed = parseApiKey(presented);
    if (!parsed)
      throw new DomainError(
        'UNAUTHENTICATED',
        'the API key is malformed: it looks like cvk_<16 hex characters>_<43 characters>',
      );
    const key = await this.repository.credentialsByPrefix(parsed.prefix);
    if (!key || !secretMatches(parsed.secret, key.secretHash))
      throw new DomainError('UNAUTHENTICATED', 'the API key is not valid');
    const now = this.clock.now();
    if (key.revokedAt)
      throw new DomainError('UNAUTHENTICATED', 'this API key was revoked: ask an admin for a new one');
    if (key.expiresAt && key.expiresAt.getTime() <= now.getTime())
      throw new DomainError(
        'UNAUTHENTICATED',
        `this API key expired at ${key.expiresAt.toISOString()}: ask an admin for a new one`,
      );
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS)
      await this.repository.touch(key.tenantId, key.id, now);
    return {
      userId: null,
      tenantId: key.tenantId,
      role: 'viewer',
      siteIds: null,
      apiKey: { id: key.id, scopes: key.scopes.filter((s): s is ApiScope => parseScope(s) !== null) },
    };
  }
}
