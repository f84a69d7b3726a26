import { DomainError } from '@convergent/shared-util-contracts';
import { readCookie, RefreshCookieService } from './refresh-cookie.service';

describe('readCookie', () => {
  it('finds one cookie among others, and nothing where there is none', () => {
    expect(readCookie('a=1; convergent_refresh=abc-_1; b=2', 'convergent_refresh')).toBe('abc-_1');
    expect(readCookie('xconvergent_refresh=abc', 'convergent_refresh')).toBeNull();
    expect(readCookie(undefined, 'convergent_refresh')).toBeNull();
    expect(readCookie('convergent_refresh=%E0%A4%A', 'convergent_refresh')).toBeNull();
  });
});

describe('RefreshCookieService.presented', () => {
  const service = new RefreshCookieService({ secure: true });

  it('prefers the argument and needs no CSRF header for it', () => {
    expect(service.presented({ headers: { cookie: 'convergent_refresh=c' } }, 'arg')).toBe('arg');
  });

  it('takes the cookie only with the anti-CSRF header', () => {
    const cookie = 'convergent_refresh=c';
    expect(() => service.presented({ headers: { cookie } }, null)).toThrow(DomainError);
    expect(service.presented({ headers: { cookie, 'x-convergent-csrf': '1' } }, null)).toBe('c');
    expect(service.presented({ headers: { cookie, 'apollo-require-preflight': 'true' } }, null)).toBe('c');
  });

  it('says how to sign in again when there is no token at all', () => {
    expect(() => service.presented({ headers: {} }, undefined)).toThrow(/no refresh token/);
    expect(service.presentedIfAny({ headers: {} }, undefined)).toBeNull();
  });
});
