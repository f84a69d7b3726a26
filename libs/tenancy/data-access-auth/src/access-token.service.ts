import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { DomainError } from '@convergent/shared-util-contracts';
import { systemClock, type Clock } from './clock.service';

export interface AccessTokenClaims {
  userId: string;
  tenantId: string;
  // The refresh-token family the token was issued from, so a password change can keep this
  // session and end the others. Absent in tokens issued before sessions existed.
  sessionId?: string;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

const ISSUER = 'convergent';
const AUDIENCE = 'convergent-api';

// Short-lived HS256 access tokens carrying only identities; role and site access are read fresh
// for every request, so a changed grant takes effect at once.
export class AccessTokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds = 15 * 60,
    private readonly clock: Clock = systemClock,
  ) {
    if (secret.length < 32) throw new Error('the access-token secret must be at least 32 characters');
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: AccessTokenClaims, now = this.clock.now()): Promise<IssuedAccessToken> {
    const expiresAt = new Date(now.getTime() + this.ttlSeconds * 1000);
    const token = await new SignJWT({
      tid: claims.tenantId,
      ...(claims.sessionId ? { sid: claims.sessionId } : {}),
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      const { sub, tid, sid } = payload;
      if (typeof sub !== 'string' || typeof tid !== 'string') throw new Error('claims missing');
      return { userId: sub, tenantId: tid, ...(typeof sid === 'string' ? { sessionId: sid } : {}) };
    } catch (error) {
      const reason =
        error instanceof joseErrors.JWTExpired
          ? 'the access token has expired'
          : 'the access token is invalid';
      throw new DomainError('UNAUTHENTICATED', `${reason}: sign in again`);
    }
  }
}
