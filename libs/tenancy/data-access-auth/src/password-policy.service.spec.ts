import { DomainError } from '@convergent/shared-util-contracts';
import { assertAcceptablePassword } from './password-policy.service';

describe('assertAcceptablePassword', () => {
  it('accepts a long passphrase', () => {
    expect(() => assertAcceptablePassword('correct horse battery', 'ann@a.example')).not.toThrow();
  });

  it.each([
    ['short', /at least 12 characters/],
    ['eleven-char', /at least 12 characters/],
    ['twelve-chars', null],
    ['ann.long@b.example', null],
    [' Ann.Long@A.example ', /not be your e-mail/],
    ['x'.repeat(257), /at most 256/],
  ])('judges %j', (password, message) => {
    const check = () => assertAcceptablePassword(password, 'ann.long@a.example');
    if (message === null) return expect(check).not.toThrow();
    expect(check).toThrow(DomainError);
    expect(check).toThrow(message);
  });
});
