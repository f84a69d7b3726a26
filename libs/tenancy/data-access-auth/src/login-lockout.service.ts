export interface LockoutPolicy {
  // Consecutive failed sign-ins that lock an account.
  maxFailures: number;
  lockMs: number;
}

// Five guesses then fifteen minutes: slows an online guesser to ~480 tries a day per account while
// a real user who forgot their password is back in a quarter of an hour (recoverable lockout).
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

// What users.failed_login_count and users.locked_until hold.
export interface LoginState {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

export type AttemptDecision =
  | { allowed: false; lockedUntil: Date }
  // `next` is written before the password is checked: the attempt counts as a failure unless it
  // succeeds, so parallel guesses cannot all slip past the lock.
  | { allowed: true; next: LoginState };

export const AFTER_SUCCESS: LoginState = { failedLoginCount: 0, lockedUntil: null };

export function beginAttempt(
  state: LoginState,
  now: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
): AttemptDecision {
  const lock = activeLock(state.lockedUntil, now);
  if (lock) return { allowed: false, lockedUntil: lock };
  const failures = state.failedLoginCount + 1;
  // The attempt that reaches the limit may still succeed (which lifts the lock); the lock is the
  // penalty, so the count starts afresh and the user gets their attempts back when it ends.
  return failures >= policy.maxFailures
    ? { allowed: true, next: { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + policy.lockMs) } }
    : { allowed: true, next: { failedLoginCount: failures, lockedUntil: null } };
}

// The end of a lock still in force at `now`, or null when the account may try again.
export function activeLock(lockedUntil: Date | null | undefined, now: Date): Date | null {
  return lockedUntil && lockedUntil.getTime() > now.getTime() ? lockedUntil : null;
}

// "in 15 minutes (at 10:15:00 UTC)": rounded up, so a client that waits that long is let in.
export function describeRetry(retryAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  const at = retryAt.toISOString().slice(11, 19);
  return `in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${at} UTC)`;
}

// Machine-readable companions of the message, in extensions.
export function retryDetails(retryAt: Date, now: Date): Record<string, unknown> {
  return {
    retryAt: retryAt.toISOString(),
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
  };
}
