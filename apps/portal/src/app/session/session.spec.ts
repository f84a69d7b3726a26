import { ApiError } from '../api/graphql-http';
import { session } from '../spec-helpers';
import { RENEW_BEFORE_MS, SessionManager, type Session, type SessionTransport, type Timers } from './session';

class ManualTimers implements Timers {
  current = Date.parse('2026-03-10T12:00:00Z');
  pending: Array<{ at: number; run: () => void; id: number }> = [];
  private nextId = 1;
  now = (): number => this.current;
  setTimeout = (run: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.pending.push({ at: this.current + ms, run, id });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.pending = this.pending.filter((p) => p.id !== handle);
  };
  advance(ms: number): void {
    this.current += ms;
    const due = this.pending.filter((p) => p.at <= this.current);
    this.pending = this.pending.filter((p) => p.at > this.current);
    for (const p of due) p.run();
  }
}

function transport(refresh: () => Promise<Session>): SessionTransport & { refreshes: number } {
  const t = {
    refreshes: 0,
    refresh: () => {
      t.refreshes += 1;
      return refresh();
    },
    signOut: () => Promise.resolve(),
  };
  return t;
}

const expiresIn = (timers: ManualTimers, ms: number) => new Date(timers.now() + ms).toISOString();

describe('SessionManager', () => {
  it('restores a session from the refresh cookie, or is signed out without one', async () => {
    const timers = new ManualTimers();
    const ok = new SessionManager(
      transport(() => Promise.resolve(session())),
      timers,
    );
    await ok.restore();
    expect(ok.getState()).toMatchObject({ status: 'signed-in', session: { accessToken: 'token-1' } });

    const none = new SessionManager(
      transport(() => Promise.reject(new ApiError('UNAUTHENTICATED', 'no refresh token'))),
      timers,
    );
    await none.restore();
    expect(none.getState()).toEqual({ status: 'signed-out', reason: 'none' });
  });

  it('asks the API once when several callers renew together (a refresh token used twice ends the session)', async () => {
    let answer: (s: Session) => void = () => undefined;
    const t = transport(() => new Promise<Session>((resolve) => (answer = resolve)));
    const manager = new SessionManager(t, new ManualTimers());
    const renewals = Promise.all([manager.renew(), manager.renew(), manager.renewAfterRejection('old')]);
    answer(session({ accessToken: 'new' }));
    const [a, b, c] = await renewals;
    expect(t.refreshes).toBe(1);
    expect(a?.accessToken).toBe('new');
    expect(b?.accessToken).toBe('new');
    expect(c).toBe('new');
  });

  it('renews in the background a minute before the access token expires', async () => {
    const timers = new ManualTimers();
    let n = 0;
    const t = transport(() => {
      n += 1;
      return Promise.resolve(
        session({ accessToken: `token-${n}`, expiresAt: expiresIn(timers, 15 * 60_000) }),
      );
    });
    const manager = new SessionManager(t, timers);
    manager.signedIn(session({ accessToken: 'token-0', expiresAt: expiresIn(timers, 15 * 60_000) }));

    timers.advance(15 * 60_000 - RENEW_BEFORE_MS - 1);
    expect(t.refreshes).toBe(0);
    timers.advance(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(t.refreshes).toBe(1);
    expect(manager.accessToken()).toBe('token-1');
    // The sign-in epoch stays: a renewal is the same user, the page's data stays.
    expect(manager.getState()).toMatchObject({ epoch: 1 });
  });

  it('does not renew a token another caller has already replaced', async () => {
    const t = transport(() => Promise.resolve(session({ accessToken: 'newer' })));
    const manager = new SessionManager(t, new ManualTimers());
    manager.signedIn(session({ accessToken: 'current' }));
    expect(await manager.renewAfterRejection('stale')).toBe('current');
    expect(t.refreshes).toBe(0);
  });

  it('ends the session when the API refuses the renewal, and keeps it while the API is unreachable', async () => {
    const timers = new ManualTimers();
    let failure = new ApiError('NETWORK_ERROR', 'The server cannot be reached.');
    const manager = new SessionManager(
      transport(() => Promise.reject(failure)),
      timers,
    );
    manager.signedIn(session());
    expect(await manager.renew()).toBeNull();
    expect(manager.getState().status).toBe('signed-in');

    failure = new ApiError('UNAUTHENTICATED', 'the session has ended');
    timers.advance(15_000);
    await new Promise((r) => setTimeout(r, 0));
    expect(manager.getState()).toEqual({ status: 'signed-out', reason: 'expired' });
  });

  it('signs out locally even when the API cannot be told', async () => {
    const manager = new SessionManager(
      { refresh: () => Promise.resolve(session()), signOut: () => Promise.reject(new Error('offline')) },
      new ManualTimers(),
    );
    manager.signedIn(session());
    await manager.signOut();
    expect(manager.getState()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(manager.accessToken()).toBeNull();
  });
});
