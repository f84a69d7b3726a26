import { safeNextPath, signInPath } from './next-path';

describe('where sign-in returns to', () => {
  it('returns to a page of the portal with its query', () => {
    expect(safeNextPath('/assets/s1?range=last-7-days')).toBe('/assets/s1?range=last-7-days');
    expect(signInPath('/fleet')).toBe('/sign-in?next=%2Ffleet');
  });

  it.each([
    null,
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    'fleet',
    '/sign-in',
    '/sign-in?next=%2F',
  ])('never leaves the portal or loops back to sign-in: %s', (next) => {
    expect(safeNextPath(next)).toBe('/');
  });

  it('adds nothing for the start page', () => {
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath(null)).toBe('/sign-in');
  });
});
