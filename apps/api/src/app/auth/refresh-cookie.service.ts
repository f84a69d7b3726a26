import { DomainError } from '@convergent/shared-util-contracts';
import type { IssuedRefreshToken } from '@convergent/tenancy-data-access-auth';
import type { CookieOptions, HttpRequest } from './request-context';

export const REFRESH_COOKIE = 'convergent_refresh';
// Sent only to the GraphQL endpoint, never to the portal's pages or other API paths.
export const REFRESH_COOKIE_PATH = '/graphql';
// Either header makes a cross-site form or simple request impossible without a CORS preflight,
// which this API does not grant (docs/api.md, Authentication).
const CSRF_HEADERS = ['x-convergent-csrf', 'apollo-require-preflight'] as const;

// The portal's refresh token lives in an httpOnly cookie, out of reach of page scripts.
export class RefreshCookieService {
  constructor(private readonly options: { secure: boolean }) {}

  set(req: HttpRequest, refresh: IssuedRefreshToken): void {
    req.res?.cookie(REFRESH_COOKIE, refresh.token, { ...this.cookieOptions(), expires: refresh.expiresAt });
  }

  clear(req: HttpRequest): void {
    req.res?.clearCookie(REFRESH_COOKIE, this.cookieOptions());
  }

  // The token to use: the argument (partners and CLIs hold theirs) or else the cookie, which a
  // browser attaches on its own and which therefore needs the anti-CSRF header.
  presented(req: HttpRequest, argument: string | null | undefined): string {
    const token = this.presentedIfAny(req, argument);
    if (!token)
      throw new DomainError(
        'UNAUTHENTICATED',
        'no refresh token: sign in again (API clients pass refreshToken as an argument)',
      );
    return token;
  }

  presentedIfAny(req: HttpRequest, argument: string | null | undefined): string | null {
    if (argument) return argument;
    const fromCookie = readCookie(req.headers.cookie, REFRESH_COOKIE);
    if (!fromCookie) return null;
    if (!CSRF_HEADERS.some((name) => hasValue(req.headers[name])))
      throw new DomainError(
        'FORBIDDEN',
        'a refresh with the session cookie must send the header "x-convergent-csrf: 1"',
      );
    return fromCookie;
  }

  private cookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: this.options.secure, path: REFRESH_COOKIE_PATH };
  }
}

function hasValue(header: string | string[] | undefined): boolean {
  return Array.isArray(header) ? header.some((v) => v.trim() !== '') : (header ?? '').trim() !== '';
}

// A Cookie header is "a=1; b=2"; parsed by hand rather than adding cookie-parser for one value.
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw) || null;
    } catch {
      return null;
    }
  }
  return null;
}
