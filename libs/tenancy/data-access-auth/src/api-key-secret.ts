import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// "cvk_<16 hex lookup prefix>_<43 base64url secret>": the prefix finds the row (and is shown in
// lists so admins can tell keys apart); 256 random bits of secret make a fast hash safe to store.
const KEY_PATTERN = /^cvk_([0-9a-f]{16})_([\w-]{43})$/;

export interface NewApiKeySecret {
  key: string;
  prefix: string;
  secretHash: string;
}

export function newApiKeySecret(): NewApiKeySecret {
  const prefix = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `cvk_${prefix}_${secret}`, prefix, secretHash: hashApiKeySecret(secret) };
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function parseApiKey(presented: string): { prefix: string; secret: string } | null {
  const match = KEY_PATTERN.exec(presented);
  return match?.[1] && match[2] ? { prefix: match[1], secret: match[2] } : null;
}

export function looksLikeApiKey(presented: string): boolean {
  return presented.startsWith('cvk_');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
