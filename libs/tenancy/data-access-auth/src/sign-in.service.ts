import { DomainError } from '@convergent/shared-util-contracts';
import type { AccessTokenService, IssuedAccessToken } from './access-token.service';
import type { AddressThrottle } from './address-throttle.service';
import type { AuthRepository, TenantMembership } from './auth.repository';
import type { Clock } from './clock.service';
import {
  AFTER_SUCCESS,
  beginAttempt,
  DEFAULT_LOCKOUT,
  describeRetry,
  retryDetails,
  type LockoutPolicy,
} from './login-lockout.service';
import { verifyPassword } from './password-hasher';
import type { Principal } from './principal';
import type { IssuedRefreshToken, SessionService } from './session.service';

export interface SignInRequest {
  email: string;
  password: string;
  tenantSlug?: string;
  // The caller's network address, for the per-address throttle.
  clientAddress: string;
}

export interface SignInResult extends IssuedAccessToken {
  userName: string;
  membership: TenantMembership;
  refresh: IssuedRefreshToken;
}

const INVALID = 'e-mail or password is wrong';

export class SignInService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly tokens: AccessTokenService,
    private readonly sessions: SessionService,
    private readonly throttle: AddressThrottle,
    private readonly clock: Clock,
    private readonly lockout: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  async signIn(request: SignInRequest): Promise<SignInResult> {
    const now = this.clock.now();
    const address = await this.throttle.begin(request.clientAddress, now);
    if (!address.allowed)
      throw new DomainError(
        'RATE_LIMITED',
        `too many failed sign-ins from your network address: try again ${describeRetry(address.retryAt, now)}`,
        retryDetails(address.retryAt, now),
      );
    const user = await this.repository.credentialsByEmail(request.email.trim());
    const attempt = user
      ? await this.repository.decideLoginState(user.id, (state) => {
          const decision = beginAttempt(state, now, this.lockout);
          return { next: decision.allowed ? decision.next : null, result: decision };
        })
      : null;
    if (attempt && !attempt.allowed) {
      // A locked account answers the same whatever the password, so guessing on during the lock
      // learns nothing; the password is not even checked, and so this is no guess for the address.
      await this.throttle.release(request.clientAddress, address.member);
      throw new DomainError(
        'RATE_LIMITED',
        `this account is locked after repeated failed sign-ins: try again ${describeRetry(attempt.lockedUntil, now)}`,
        retryDetails(attempt.lockedUntil, now),
      );
    }
    // Unknown e-mails verify against a decoy hash, so they cost the same time as wrong passwords.
    // Both kinds of failure were counted when the attempt began.
    const valid = await verifyPassword(user?.passwordHash ?? null, request.password);
    if (!user || !valid) throw new DomainError('UNAUTHENTICATED', INVALID);
    await this.throttle.release(request.clientAddress, address.member);
    await this.repository.setLoginState(user.id, AFTER_SUCCESS);
    if (user.disabledAt)
      throw new DomainError('UNAUTHENTICATED', 'this account is disabled: ask your administrator');
    const memberships = await this.repository.membershipsOf(user.id);
    const membership = request.tenantSlug
      ? memberships.find((m) => m.tenantSlug === request.tenantSlug)
      : memberships[0];
    if (!membership) throw new DomainError('FORBIDDEN', 'this account has no access to an active tenant');
    const refresh = await this.sessions.start(user.id, membership.tenantId);
    const token = await this.tokens.issue(
      { userId: user.id, tenantId: membership.tenantId, sessionId: refresh.familyId },
      now,
    );
    return { ...token, userName: user.displayName, membership, refresh };
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
      ...(claims.sessionId ? { sessionId: claims.sessionId } : {}),
    };
  }
}
