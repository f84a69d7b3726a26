import type { SignInMutation } from '../../gql/graphql';
import { ApiError } from '../api/graphql-http';

export type Session = SignInMutation['login'];

// Why there is no session: never had one in this tab, signed out on purpose, or it ran out.
export type SignedOutReason = 'none' | 'signed-out' | 'expired';

export type SessionState =
  | { status: 'restoring' }
  // epoch changes with every sign-in (not with renewals): per-user caches start afresh with it.
  | { status: 'signed-in'; session: Session; epoch: number }
  | { status: 'signed-out'; reason: SignedOutReason };

// The API's session operations; the refresh token never reaches this code: it is an httpOnly
// cookie the browser sends with them.
export interface SessionTransport {
  refresh(): Promise<Session>;
  signOut(): Promise<void>;
}

export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

// Renew this long before the access token expires, so requests never carry an expired one.
export const RENEW_BEFORE_MS = 60_000;
// A failed background renewal (network down) is retried this often until the token expires.
const RETRY_MS = 15_000;
// Browsers fire a timeout longer than 2^31 - 1 ms at once instead of never.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

// The access token lives only in memory: a page reload asks the API for a new one with the
// refresh cookie. Every renewal goes through one promise, because the API ends the whole
// session when a refresh token is used twice (two tabs or two callers racing would sign out).
export class SessionManager {
  private state: SessionState = { status: 'restoring' };
  private readonly listeners = new Set<() => void>();
  private renewal: Promise<Session | null> | null = null;
  private timer: unknown = null;
  private epoch = 0;

  constructor(
    private readonly transport: SessionTransport,
    private readonly timers: Timers = browserTimers,
  ) {}

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  accessToken(): string | null {
    return this.state.status === 'signed-in' ? this.state.session.accessToken : null;
  }

  // On start: a cookie from an earlier visit may still be good.
  async restore(): Promise<void> {
    const session = await this.renew();
    if (!session && this.state.status === 'restoring') this.set({ status: 'signed-out', reason: 'none' });
  }

  signedIn(session: Session): void {
    this.set({ status: 'signed-in', session, epoch: ++this.epoch });
  }

  async signOut(): Promise<void> {
    this.set({ status: 'signed-out', reason: 'signed-out' });
    // Locally signed out whatever the server says; the cookie is cleared by the answer.
    await this.transport.signOut().catch(() => undefined);
  }

  // A request was answered UNAUTHENTICATED with this token: renew once and retry with the new
  // one, or end the session. A token already replaced by another caller's renewal is not renewed.
  async renewAfterRejection(rejectedToken: string): Promise<string | null> {
    const current = this.accessToken();
    if (current !== null && current !== rejectedToken) return current;
    const session = await this.renew();
    if (!session) this.expire();
    return session?.accessToken ?? null;
  }

  expire(): void {
    if (this.state.status === 'signed-out') return;
    this.set({ status: 'signed-out', reason: 'expired' });
  }

  renew(): Promise<Session | null> {
    this.renewal ??= this.transport
      .refresh()
      .then(
        (session) => {
          const epoch = this.state.status === 'signed-in' ? this.state.epoch : ++this.epoch;
          this.set({ status: 'signed-in', session, epoch });
          return session;
        },
        (error: unknown) => {
          // Only the API saying no ends the session; an unreachable API is tried again later.
          if (this.state.status === 'signed-in') {
            if (error instanceof ApiError && error.code === 'NETWORK_ERROR') this.schedule(RETRY_MS);
            else this.expire();
          }
          return null;
        },
      )
      .finally(() => {
        this.renewal = null;
      });
    return this.renewal;
  }

  private set(state: SessionState): void {
    this.state = state;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
    if (state.status === 'signed-in') {
      const expiresAt = Date.parse(state.session.expiresAt);
      this.schedule(Math.max(expiresAt - RENEW_BEFORE_MS - this.timers.now(), 0));
    }
    for (const listener of this.listeners) listener();
  }

  private schedule(ms: number): void {
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => void this.renew(), Math.min(ms, MAX_TIMEOUT_MS));
  }
}
