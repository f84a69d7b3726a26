import { DomainError } from '@convergent/shared-util-contracts';

// The parts of the API a partner key may be given, each for reading or for reading and writing.
export const API_DOMAINS = ['assets', 'kpi', 'fleet', 'alarms', 'admin'] as const;
export type ApiDomain = (typeof API_DOMAINS)[number];
export const API_ACCESS = ['read', 'read-write'] as const;
export type ApiAccess = (typeof API_ACCESS)[number];
// Stored in api_keys.scopes as "<domain>:<access>", e.g. "kpi:read".
export type ApiScope = `${ApiDomain}:${ApiAccess}`;

export interface ScopeGrant {
  domain: ApiDomain;
  access: ApiAccess;
}

export function scopeOf(grant: ScopeGrant): ApiScope {
  return `${grant.domain}:${grant.access}`;
}

export function parseScope(scope: string): ScopeGrant | null {
  const [domain, access] = scope.split(':');
  return API_DOMAINS.includes(domain as ApiDomain) && API_ACCESS.includes(access as ApiAccess)
    ? { domain: domain as ApiDomain, access: access as ApiAccess }
    : null;
}

// A key's scopes, one per domain, in a stable order; duplicates and empty lists are mistakes.
export function normalizeScopes(grants: readonly ScopeGrant[]): ApiScope[] {
  if (grants.length === 0)
    throw new DomainError(
      'BAD_USER_INPUT',
      'an API key needs at least one scope, e.g. { domain: assets, access: read }',
      {
        field: 'scopes',
      },
    );
  const domains = grants.map((g) => g.domain);
  const repeated = domains.find((d, i) => domains.indexOf(d) !== i);
  if (repeated)
    throw new DomainError(
      'BAD_USER_INPUT',
      `the domain "${repeated}" is listed twice: give each domain one access`,
      {
        field: 'scopes',
      },
    );
  return [...grants]
    .sort((a, b) => API_DOMAINS.indexOf(a.domain) - API_DOMAINS.indexOf(b.domain))
    .map(scopeOf);
}

export type ScopeVerdict = { allowed: true } | { allowed: false; reason: string };

// Whether a key with these scopes may read (or write) the given domain.
export function checkScope(scopes: readonly string[], domain: ApiDomain, write: boolean): ScopeVerdict {
  const grant = scopes.map(parseScope).find((g) => g?.domain === domain);
  if (!grant) return { allowed: false, reason: `this API key has no "${domain}" scope` };
  if (write && grant.access !== 'read-write')
    return {
      allowed: false,
      reason: `this API key may only read "${domain}": changes need a read-write key`,
    };
  return { allowed: true };
}
