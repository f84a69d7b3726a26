import { createHash, randomBytes } from 'node:crypto';

// Claim tokens are shown once (to the technician, as text and QR payload) and only their SHA-256
// is stored, like API keys: a database leak does not hand out usable tokens. 160 random bits make
// guessing hopeless even before the per-claim attempt limit.

const TOKEN_PREFIX = 'cvgc_';

export function newClaimToken(): string {
  return TOKEN_PREFIX + randomBytes(20).toString('base64url');
}

export function hashClaimToken(token: string): string {
  return createHash('sha256').update(token.trim(), 'utf8').digest('hex');
}

// A cheap shape check before touching the database: a typo or a pasted thing name is refused
// as unknown without a lookup.
export function looksLikeClaimToken(token: string): boolean {
  return /^cvgc_[A-Za-z0-9_-]{27}$/.test(token.trim());
}
