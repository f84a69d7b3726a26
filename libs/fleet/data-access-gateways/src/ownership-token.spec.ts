import { issueOwnershipToken, verifyOwnershipToken } from './ownership-token';

const key = Buffer.alloc(32, 7);
const certificate = {
  certificateId: 'ab'.repeat(32),
  thingName: 'gw-1',
  notAfter: new Date('2030-01-01T00:00:00Z'),
};

describe('certificate ownership token', () => {
  it('round-trips the certificate it was issued for within the hour', () => {
    const token = issueOwnershipToken(key, certificate, 0);
    expect(verifyOwnershipToken(key, token, 59 * 60_000)).toEqual(certificate);
  });

  it('refuses an expired, altered or foreign token', () => {
    const token = issueOwnershipToken(key, certificate, 0);
    expect(verifyOwnershipToken(key, token, 60 * 60_000 + 1)).toBeNull();
    const [body, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ id: 'x', cn: 'gw-2', na: 0, exp: 1e15 })).toString(
      'base64url',
    );
    expect(verifyOwnershipToken(key, `${forged}.${signature}`, 0)).toBeNull();
    expect(verifyOwnershipToken(Buffer.alloc(32, 8), token, 0)).toBeNull();
    expect(verifyOwnershipToken(key, `${body}`, 0)).toBeNull();
  });
});
