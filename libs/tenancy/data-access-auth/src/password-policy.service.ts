import { DomainError } from '@convergent/shared-util-contracts';

export const MIN_PASSWORD_LENGTH = 12;
// Long passphrases are welcome; the cap only keeps one request from feeding megabytes to Argon2.
export const MAX_PASSWORD_LENGTH = 256;

// Length over composition rules (NIST SP 800-63B): a long passphrase beats "P@ssw0rd1".
export function assertAcceptablePassword(password: string, email: string, field = 'newPassword'): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new DomainError(
      'BAD_USER_INPUT',
      `the new password must have at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a good one`,
      { field },
    );
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new DomainError(
      'BAD_USER_INPUT',
      `the new password must have at most ${MAX_PASSWORD_LENGTH} characters`,
      { field },
    );
  if (password.trim().toLowerCase() === email.trim().toLowerCase())
    throw new DomainError('BAD_USER_INPUT', 'the new password must not be your e-mail address', {
      field,
    });
}
