import { DomainError } from '@convergent/shared-util-contracts';
import { looksLikeApiKey } from '@convergent/tenancy-data-access-auth';
import type { HttpRequest } from './request-context';

export type Credential = { kind: 'access-token'; token: string } | { kind: 'api-key'; key: string };

// Partners send their key as "X-Api-Key: <key>" or, like a token, "Authorization: Bearer <key>";
// keys are told from access tokens by their "cvk_" prefix.
export function credentialOf(req: HttpRequest): Credential {
  const apiKeyHeader = req.headers['x-api-key'];
  const headerKey = (Array.isArray(apiKeyHeader) ? apiKeyHeader[0] : apiKeyHeader)?.trim();
  if (headerKey) return { kind: 'api-key', key: headerKey };
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const bearer = match?.[1];
  if (!bearer)
    throw new DomainError(
      'UNAUTHENTICATED',
      'sign in first: send "Authorization: Bearer <access token>" or "X-Api-Key: <API key>"',
    );
  return looksLikeApiKey(bearer) ? { kind: 'api-key', key: bearer } : { kind: 'access-token', token: bearer };
}
