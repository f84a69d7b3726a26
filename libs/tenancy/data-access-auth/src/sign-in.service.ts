import { DomainError } from '@convergent/shared-util-contracts';
import type { AccessTokenService, IssuedAccessToken } from './access-token.service';
import type { AuthRepository, TenantMembership } from './auth.repository';
import { verifyPassword } from './password-hasher';
import type { Principal } from './principal';

export interface SignInResult extends IssuedAccessToken {
  userName: string;
  membership: TenantMembership;
}

const INVALID = 'e-mail or password is wrong';

export class SignInService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly tokens: AccessTokenService,
  ) {}

  async signIn(email: string, password: string, tenantSlug?: string): Promise<SignInResult> {
    const user = await this.repository.credentialsByEmail(email.trim());
    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !valid) throw new DomainError('UNAUTHENTICATED', INVALID);
    if (user.disabledAt)
      throw new DomainError('UNAUTHENTICATED', 'this account is disabled: ask your administrator');
    const memberships = await this.repository.membershipsOf(user.id);
    const membership = tenantSlug ? memberships.find((m) => m.tenantSlug === tenantSlug) : memberships[0];
    if (!membership) throw new DomainError('FORBIDDEN', 'this account has no access to an active tenant');
    const token = await this.tokens.issue({ userId: user.id, tenantId: membership.tenantId });
    return { ...token, userName: user.displayName, membership };
  }

  async principalFor(accessToken: string): Promise<Principal> {
    const claims = await this.tokens.verify(accessToken);
    const membership = await this.repository.membershipIn(claims.userId, claims.tenantId);
    if (!membership)
      throw new DomainError('UNAUTHENTICATED', 'your access to this tenant was removed: sign in again');
    return {
      userId: claims.userId,
      tenantId: claims.tenantId,
      role: membership.role,
      siteIds: membership.siteIds,
    };
  }
}
