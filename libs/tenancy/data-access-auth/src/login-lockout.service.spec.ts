import {
  AFTER_SUCCESS,
  activeLock,
  beginAttempt,
  describeRetry,
  type LoginState,
} from './login-lockout.service';

const policy = { maxFailures: 5, lockMs: 15 * 60_000 };
const now = new Date('2026-03-01T10:00:00Z');

describe('beginAttempt', () => {
  it('counts an attempt before the password is checked', () => {
    expect(beginAttempt(AFTER_SUCCESS, now, policy)).toEqual({
      allowed: true,
      next: { failedLoginCount: 1, lockedUntil: null },
    });
  });

  it('lets the fifth attempt in a row through but locks behind it for 15 minutes', () => {
    expect(beginAttempt({ failedLoginCount: 4, lockedUntil: null }, now, policy)).toEqual({
      allowed: true,
      next: { failedLoginCount: 0, lockedUntil: new Date('2026-03-01T10:15:00Z') },
    });
  });

  it('refuses while locked, without touching the counters', () => {
    const state: LoginState = { failedLoginCount: 0, lockedUntil: new Date('2026-03-01T10:15:00Z') };
    expect(beginAttempt(state, now, policy)).toEqual({ allowed: false, lockedUntil: state.lockedUntil });
  });

  it('gives a full set of attempts back once the lock has ended', () => {
    const state: LoginState = { failedLoginCount: 0, lockedUntil: new Date('2026-03-01T09:59:59Z') };
    expect(beginAttempt(state, now, policy)).toEqual({
      allowed: true,
      next: { failedLoginCount: 1, lockedUntil: null },
    });
  });

  it('locks after exactly maxFailures attempts in a row', () => {
    let state: LoginState = AFTER_SUCCESS;
    const verdicts: boolean[] = [];
    for (let i = 0; i < 7; i++) {
      const decision = beginAttempt(state, now, policy);
      verdicts.push(decision.allowed);
      if (decision.allowed) state = decision.next;
    }
    expect(verdicts).toEqual([true, true, true, true, true, false, false]);
  });
});

describe('activeLock and describeRetry', () => {
  it('treats a lock ending now as over', () => {
    expect(activeLock(now, now)).toBeNull();
    expect(activeLock(null, now)).toBeNull();
  });

  it('rounds the wait up to whole minutes and names the time', () => {
    expect(describeRetry(new Date('2026-03-01T10:14:01Z'), now)).toBe('in 15 minutes (at 10:14:01 UTC)');
    expect(describeRetry(new Date('2026-03-01T10:00:10Z'), now)).toBe('in 1 minute (at 10:00:10 UTC)');
  });
});
