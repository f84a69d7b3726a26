import { hash, verify, type Algorithm } from '@node-rs/argon2';

// The library declares Algorithm as a const enum, which isolated modules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

// Argon2id (memory-hard) from a maintained native library; parameters are OWASP's minimum.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// A hash to verify against when the account does not exist, so unknown e-mails take as long as
// wrong passwords and the response time does not reveal which accounts exist.
let decoyHash: Promise<string> | null = null;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    decoyHash ??= hash('decoy-password-for-timing', OPTIONS);
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
