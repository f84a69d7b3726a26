import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '@convergent/shared-util-contracts';
import type { AccessTokenService, IssuedAccessToken } from './access-token.service';
import type { AuthRepository, TenantMembership } from './auth.repository';
import type { Clock } from './clock.service';
import type { RefreshTokenRepository, StoredRefreshToken } from './refresh-token.repository';

export interface IssuedRefreshToken {
  token: string;
  familyId: string;
  expiresAt: Date;
}

export interface RefreshedSession extends IssuedAccessToken {
  refresh: IssuedRefreshToken;
  userName: string;
  membership: TenantMembership;
}

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;

const REUSED = 'this refresh token had already been used, so the session was ended for safety: sign in again';

// Opaque, 256 random bits: nothing to decode or forge, and only its hash is stored.
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Rotating refresh tokens. Each use swaps the token for a new one of the same family; a token
// that comes back after it was swapped means two parties hold it (one of them a thief), and since
// we cannot tell which, the whole family ends.
export class SessionService {
  constructor(
    private readonly accounts: AuthRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly accessTokens: AccessTokenService,
    private readonly clock: Clock,
    private readonly ttlMs = REFRESH_TOKEN_TTL_MS,
  ) {}

  async start(userId: string, tenantId: string): Promise<IssuedRefreshToken> {
    const now = this.clock.now();
    const issued = {
      token: newSecret(),
      familyId: randomUUID(),
      expiresAt: new Date(now.getTime() + this.ttlMs),
    };
    await this.refreshTokens.insert({
      tenantId,
      userId,
      familyId: issued.familyId,
      tokenHash: hashRefreshToken(issued.token),
      expiresAt: issued.expiresAt,
      createdAt: now,
    });
    return issued;
  }

  async refresh(presented: string): Promise<RefreshedSession> {
    const now = this.clock.now();
    const stored = await this.usable(presented, now);
    const account = await this.accounts.accountById(stored.userId);
    if (!account || account.disabledAt) {
      await this.refreshTokens.revokeFamily(stored.tenantId, stored.familyId, now);
      throw new DomainError('UNAUTHENTICATED', 'this account is disabled: ask your administrator');
    }
    const membership = await this.accounts.membershipIn(stored.userId, stored.tenantId);
    if (!membership) {
      await this.refreshTokens.revokeFamily(stored.tenantId, stored.familyId, now);
      throw new DomainError('UNAUTHENTICATED', 'your access to this tenant was removed: sign in again');
    }
    const refresh = {
      token: newSecret(),
      familyId: stored.familyId,
      expiresAt: new Date(now.getTime() + this.ttlMs),
    };
    const rotated = await this.refreshTokens.rotate(stored.tenantId, stored.id, {
      tenantId: stored.tenantId,
      userId: stored.userId,
      familyId: stored.familyId,
      tokenHash: hashRefreshToken(refresh.token),
      expiresAt: refresh.expiresAt,
      createdAt: now,
    });
    if (!rotated) {
      // Another request used the same token between our read and our update.
      await this.refreshTokens.revokeFamily(stored.tenantId, stored.familyId, now);
      throw new DomainError('UNAUTHENTICATED', REUSED);
    }
    const access = await this.accessTokens.issue(
      { userId: stored.userId, tenantId: stored.tenantId, sessionId: stored.familyId },
      now,
    );
    return { ...access, refresh, userName: account.displayName, membership };
  }

  // Sign-out ends the family, so any copy of any of its tokens is dead. Unknown or already ended
  // tokens are fine: signing out twice is not an error.
  async end(presented: string): Promise<void> {
    const stored = await this.refreshTokens.findByHash(hashRefreshToken(presented));
    if (stored && !stored.revokedAt)
      await this.refreshTokens.revokeFamily(stored.tenantId, stored.familyId, this.clock.now());
  }

  private async usable(presented: string, now: Date): Promise<StoredRefreshToken> {
    const stored = await this.refreshTokens.findByHash(hashRefreshToken(presented));
    if (!stored) throw new DomainError('UNAUTHENTICATED', 'the refresh token is invalid: sign in again');
    if (stored.revokedAt) throw new DomainError('UNAUTHENTICATED', 'this session has ended: sign in again');
    if (stored.rotatedAt) {
      await this.refreshTokens.revokeFamily(stored.tenantId, stored.familyId, now);
      throw new DomainError('UNAUTHENTICATED', REUSED);
    }
    if (stored.expiresAt.getTime() <= now.getTime())
      throw new DomainError('UNAUTHENTICATED', 'this session has expired: sign in again');
    return stored;
  }
}
