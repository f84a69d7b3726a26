import { clearSession, loadSession, saveSession } from './session';
import { session } from './spec-helpers';

describe('session storage', () => {
  it('keeps the session in sessionStorage until it expires', () => {
    saveSession(session({ expiresAt: '2026-03-10T13:00:00.000Z' }));
    expect(loadSession(sessionStorage, new Date('2026-03-10T12:59:00Z'))?.accessToken).toBe('token-1');
    expect(loadSession(sessionStorage, new Date('2026-03-10T13:00:00Z'))).toBeNull();
    // An expired session is removed, not just ignored.
    expect(loadSession(sessionStorage, new Date('2026-03-10T12:00:00Z'))).toBeNull();
  });

  it('ignores what it cannot read', () => {
    sessionStorage.setItem('convergent.session', '{not json');
    expect(loadSession()).toBeNull();
    saveSession(session());
    clearSession();
    expect(loadSession()).toBeNull();
  });
});
