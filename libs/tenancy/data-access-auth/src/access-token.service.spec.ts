import { DomainError } from '@convergent/shared-util-contracts';
import { AccessTokenService } from './access-token.service';

const secret = 'a-test-secret-that-is-long-enough-0123456789';

describe('AccessTokenService', () => {
  it('round-trips the user and tenant', async () => {
    const service = new AccessTokenService(secret);
    const { token } = await service.issue({ userId: 'u-1', tenantId: 't-1' });
    await expect(service.verify(token)).resolves.toEqual({ userId: 'u-1', tenantId: 't-1' });
  });

  it('rejects an expired token with a sign-in-again message', async () => {
    const service = new AccessTokenService(secret, 60);
    const { token } = await service.issue(
      { userId: 'u-1', tenantId: 't-1' },
      new Date(Date.now() - 3_600_000),
    );
    await expect(service.verify(token)).rejects.toThrow(
      new DomainError('UNAUTHENTICATED', 'the access token has expired: sign in again'),
    );
  });

  it('rejects a token signed with another key, and garbage', async () => {
    const { token } = await new AccessTokenService(`${secret}-other`).issue({ userId: 'u', tenantId: 't' });
    const service = new AccessTokenService(secret);
    await expect(service.verify(token)).rejects.toThrow(/invalid/);
    await expect(service.verify('not.a.token')).rejects.toThrow(/invalid/);
  });

  it('refuses a short secret at start-up', () => {
    expect(() => new AccessTokenService('short')).toThrow(/at least 32 characters/);
  });
});
