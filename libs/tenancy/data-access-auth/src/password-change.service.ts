import { DomainError } from '@convergent/shared-util-contracts';
import type { AuthRepository } from './auth.repository';
import type { Clock } from './clock.service';
import { checkPasswordCounted } from './counted-password-check';
import { DEFAULT_LOCKOUT, type LockoutPolicy } from './login-lockout.service';
import { hashPassword } from './password-hasher';
import { assertAcceptablePassword } from './password-policy.service';
import type { Principal } from './principal';
import type { RefreshTokenRepository } from './refresh-token.repository';

export class PasswordChangeService {
  constructor(
    private readonly accounts: AuthRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly clock: Clock,
    private readonly lockout: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  // A password change is what a user does when they suspect someone else has it, so every other
  // session ends with it; the one making the change stays signed in.
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const now = this.clock.now();
    if (!principal.userId) throw new DomainError('FORBIDDEN', 'an API key has no password to change');
    const account = await this.accounts.accountById(principal.userId);
    if (!account) throw new DomainError('UNAUTHENTICATED', 'sign in again');
    assertAcceptablePassword(newPassword, account.email);
    // A stolen access token must not become an unthrottled oracle for the current password.
    if (!(await checkPasswordCounted(this.accounts, account, currentPassword, now, this.lockout)))
      throw new DomainError('BAD_USER_INPUT', 'the current password is wrong', { field: 'currentPassword' });
    if (currentPassword === newPassword)
      throw new DomainError('BAD_USER_INPUT', 'the new password must differ from the current one', {
        field: 'newPassword',
      });
    await this.accounts.setPasswordHash(account.id, await hashPassword(newPassword), principal.tenantId);
    await this.refreshTokens.revokeUserSessions(account.id, principal.sessionId ?? null, now);
  }
}
