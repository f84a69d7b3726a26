import { createHmac, timingSafeEqual } from 'node:crypto';

// CreateCertificateFromCsr hands the gateway a certificateOwnershipToken that RegisterThing must
// present. It is self-contained (the certificate's facts, signed with a key only the platform has),
// so whichever responder replica gets the RegisterThing can check it without shared state.

export interface OwnedCertificate {
  certificateId: string;
  thingName: string;
  notAfter: Date;
}

interface Claims {
  id: string;
  cn: string;
  na: number;
  exp: number;
}

// As in AWS, the token is good for an hour.
const TOKEN_TTL_MS = 60 * 60 * 1000;

export function issueOwnershipToken(key: Buffer, certificate: OwnedCertificate, now = Date.now()): string {
  const claims: Claims = {
    id: certificate.certificateId,
    cn: certificate.thingName,
    na: certificate.notAfter.getTime(),
    exp: now + TOKEN_TTL_MS,
  };
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  return `${body}.${sign(key, body)}`;
}

// null when forged, altered or expired.
export function verifyOwnershipToken(key: Buffer, token: string, now = Date.now()): OwnedCertificate | null {
  const [body, signature, extra] = token.split('.');
  if (body === undefined || signature === undefined || extra !== undefined) return null;
  const expected = Buffer.from(sign(key, body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: Partial<Claims>;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Claims>;
  } catch {
    return null;
  }
  if (
    typeof claims.id !== 'string' ||
    typeof claims.cn !== 'string' ||
    typeof claims.na !== 'number' ||
    typeof claims.exp !== 'number' ||
    claims.exp <= now
  ) {
    return null;
  }
  return { certificateId: claims.id, thingName: claims.cn, notAfter: new Date(claims.na) };
}

function sign(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64url');
}
