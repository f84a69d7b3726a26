import { appendFile, chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { certificateCommonName, certificateSerialNumber, createCrl, type LocalCa } from './local-ca';

// The local CA's memory of what it issued, and the revocation list the broker checks every TLS
// handshake against: a revoked gateway's certificates stop working at the handshake, so it cannot
// reconnect at all (AWS IoT Core's REVOKED certificate status, locally).

export interface RevocationFiles {
  // One JSON line per issued gateway certificate: { serial, commonName }.
  issuedPath: string;
  crlPath: string;
}

interface IssuedEntry {
  serial: string;
  commonName: string;
  revoked?: boolean;
}

export async function recordIssuedCertificate(files: RevocationFiles, certificatePem: string): Promise<void> {
  const entry: IssuedEntry = {
    serial: certificateSerialNumber(certificatePem),
    commonName: certificateCommonName(certificatePem) ?? '',
  };
  await appendFile(files.issuedPath, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}

async function readIssued(files: RevocationFiles): Promise<IssuedEntry[]> {
  let text: string;
  try {
    text = await readFile(files.issuedPath, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as IssuedEntry);
}

// Marks every certificate issued for the thing as revoked and rewrites the list; returns how many
// certificates that covered.
export async function revokeIssuedCertificates(
  files: RevocationFiles,
  ca: LocalCa,
  thingName: string,
): Promise<number> {
  const issued = await readIssued(files);
  let count = 0;
  const updated = issued.map((entry) => {
    if (entry.commonName !== thingName) return entry;
    count += 1;
    return { ...entry, revoked: true };
  });
  const temporary = `${files.issuedPath}.${process.pid}.tmp`;
  await writeFile(temporary, updated.map((entry) => `${JSON.stringify(entry)}\n`).join(''), { mode: 0o600 });
  await rename(temporary, files.issuedPath);
  await writeRevocationList(files, ca);
  return count;
}

// Signed afresh at every broker start and revocation, so it never reaches its next-update date.
export async function writeRevocationList(files: RevocationFiles, ca: LocalCa): Promise<void> {
  const revoked = (await readIssued(files)).filter((entry) => entry.revoked === true);
  const temporary = `${files.crlPath}.${process.pid}.tmp`;
  await writeFile(
    temporary,
    await createCrl(
      ca,
      revoked.map((entry) => entry.serial),
    ),
  );
  await chmod(temporary, 0o644);
  await rename(temporary, files.crlPath);
}
