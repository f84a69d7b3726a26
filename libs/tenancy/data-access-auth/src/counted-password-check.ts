import { DomainError } from '@convergent/shared-util-contracts';
import type { AuthRepository } from './auth.repository';
import {
  AFTER_SUCCESS,
  beginAttempt,
  DEFAULT_LOCKOUT,
  describeRetry,
  retryDetails,
  type LockoutPolicy,
} from './login-lockout.service';
import { verifyPassword } from './password-hasher';

// Every place that checks a password other than sign-in (a password change, joining a tenant with
// an existing account) counts against the same lockout, or it would be an unthrottled oracle for
// that password. Answers whether the password is right; a locked account is RATE_LIMITED.
export async function checkPasswordCounted(
  accounts: AuthRepository,
  account: { id: string; passwordHash: string | null },
  password: string,
  now: Date,
  lockout: LockoutPolicy = DEFAULT_LOCKOUT,
): Promise<boolean> {
  const attempt = await accounts.decideLoginState(account.id, (state) => {
    const decision = beginAttempt(state, now, lockout);
    return { next: decision.allowed ? decision.next : null, result: decision };
  });
  if (!attempt.allowed)
    throw new DomainError(
      'RATE_LIMITED',
      `too many wrong passwords for this account: try again ${describeRetry(attempt.lockedUntil, now)}`,
      retryDetails(attempt.lockedUntil, now),
    );
  if (!(await verifyPassword(account.passwordHash, password))) return false;
  await accounts.setLoginState(account.id, AFTER_SUCCESS);
  return true;
}
