import { DomainError } from '@convergent/shared-util-contracts';
import { checkScope, normalizeScopes, parseScope } from './api-key-scopes';
import { newApiKeySecret, parseApiKey, secretMatches } from './api-key-secret';

describe('API key scopes', () => {
  it('stores one scope per domain in a stable order', () => {
    expect(
      normalizeScopes([
        { domain: 'kpi', access: 'read' },
        { domain: 'assets', access: 'read-write' },
      ]),
    ).toEqual(['assets:read-write', 'kpi:read']);
  });

  it('refuses an empty list and a domain given twice, by name', () => {
    expect(() => normalizeScopes([])).toThrow(DomainError);
    expect(() =>
      normalizeScopes([
        { domain: 'fleet', access: 'read' },
        { domain: 'fleet', access: 'read-write' },
      ]),
    ).toThrow('the domain "fleet" is listed twice');
  });

  it('lets read keys read, read-write keys write, and nobody outside their domains', () => {
    const scopes = ['assets:read', 'fleet:read-write'];
    expect(checkScope(scopes, 'assets', false)).toEqual({ allowed: true });
    expect(checkScope(scopes, 'assets', true)).toEqual({
      allowed: false,
      reason: 'this API key may only read "assets": changes need a read-write key',
    });
    expect(checkScope(scopes, 'fleet', true)).toEqual({ allowed: true });
    expect(checkScope(scopes, 'kpi', false)).toEqual({
      allowed: false,
      reason: 'this API key has no "kpi" scope',
    });
  });

  it('ignores stored scopes it does not know rather than widening access', () => {
    expect(parseScope('assets:admin')).toBeNull();
    expect(parseScope('everything')).toBeNull();
    expect(checkScope(['assets:admin'], 'assets', false).allowed).toBe(false);
  });
});

describe('API key secrets', () => {
  it('round-trips a new key to its prefix and a matching secret', () => {
    const created = newApiKeySecret();
    const parsed = parseApiKey(created.key);
    expect(parsed?.prefix).toBe(created.prefix);
    expect(secretMatches(parsed?.secret ?? '', created.secretHash)).toBe(true);
    expect(secretMatches(`${parsed?.secret.slice(1) ?? ''}x`, created.secretHash)).toBe(false);
  });

  it('rejects anything not shaped like a key', () => {
    for (const text of [
      '',
      'cvk_',
      'cvk_0123_abc',
      `cvk_0123456789ABCDEF_${'a'.repeat(43)}`,
      'eyJhbGciOi.x.y',
    ])
      expect(parseApiKey(text)).toBeNull();
  });
});
