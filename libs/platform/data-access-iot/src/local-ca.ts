// @peculiar/x509 resolves its ASN.1 providers through tsyringe, which needs the Reflect polyfill.
import 'reflect-metadata';
import {
  X509Certificate as NodeX509Certificate,
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  webcrypto,
} from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { isValidThingName } from '@convergent/shared-util-contracts';

// The local profile's certificate authority: what AWS IoT Core does for a gateway in production
// (sign its CSR, one identity per thing) done with our own ECDSA P-256 CA. Everything is PEM in and
// PEM out so callers can store it wherever they like; only the CA's own key is ever handled here.

// An explicit provider on every call instead of x509.cryptoProvider.set(): no global side effect.
const crypto: webcrypto.Crypto = webcrypto;

const EC_KEY: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
// Certificates start a little in the past so a gateway whose clock lags accepts them.
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_VALIDITY_DAYS = 3650;

export interface LocalCa {
  certificatePem: string;
  privateKeyPem: string;
}

export interface IssuedCertificate {
  certificatePem: string;
  // SHA-256 of the DER certificate, lower-case hex: the same value AWS IoT uses as certificate id.
  fingerprint: string;
  notAfter: Date;
}

export interface CertificateWithKey extends IssuedCertificate {
  privateKeyPem: string;
}

export interface KeyPairAndCsr {
  privateKeyPem: string;
  csrPem: string;
}

export interface ServerCertificateRequest {
  commonName: string;
  dnsNames: string[];
  ipAddresses: string[];
  validityDays?: number;
}

export type ClientCertificateRequest =
  | { commonName: string; publicKeyPem: string; validityDays?: number }
  | { commonName: string; csrPem: string; validityDays?: number };

export const LOCAL_CA_ERROR_CODES = [
  'invalid-common-name',
  'invalid-validity',
  'invalid-pem',
  'csr-signature-invalid',
  'weak-key',
] as const;
export type LocalCaErrorCode = (typeof LOCAL_CA_ERROR_CODES)[number];

export class LocalCaError extends Error {
  override readonly name = 'LocalCaError';
  constructor(
    readonly code: LocalCaErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export async function createCa(
  commonName: string,
  options: { validityDays?: number } = {},
): Promise<LocalCa> {
  const keys = await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const notBefore = new Date(Date.now() - CLOCK_SKEW_MS);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: newSerialNumber(),
      name: distinguishedName(commonName),
      notBefore,
      notAfter: addDays(notBefore, validity(options.validityDays ?? MAX_VALIDITY_DAYS)),
      keys,
      signingAlgorithm: SIGNING,
      extensions: [
        // pathLen 0: this CA signs end-entity certificates only, never another CA.
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return {
    certificatePem: certificate.toString('pem'),
    privateKeyPem: await exportPrivateKey(keys.privateKey),
  };
}

export async function issueServerCertificate(
  ca: LocalCa,
  request: ServerCertificateRequest,
): Promise<CertificateWithKey> {
  if (request.commonName.trim() === '') {
    throw new LocalCaError('invalid-common-name', 'a server certificate needs a common name');
  }
  const keys = await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const names: x509.JsonGeneralNames = [
    ...request.dnsNames.map((value) => ({ type: 'dns' as const, value })),
    ...request.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
  ];
  const issued = await sign(ca, {
    commonName: request.commonName,
    publicKey: keys.publicKey,
    validityDays: validity(request.validityDays ?? 825),
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(names, false),
    ],
  });
  return { ...issued, privateKeyPem: await exportPrivateKey(keys.privateKey) };
}

// A gateway certificate: the common name is the thing name, which the broker turns into the MQTT
// username (Mosquitto use_identity_as_username) and so into the gateway's own topic subtree.
export async function issueClientCertificate(
  ca: LocalCa,
  request: ClientCertificateRequest,
): Promise<IssuedCertificate> {
  if ('csrPem' in request) {
    return signCsr(ca, request.csrPem, {
      commonName: request.commonName,
      validityDays: request.validityDays,
    });
  }
  const publicKey = parsePem(() => new x509.PublicKey(request.publicKeyPem), 'public key');
  assertStrongKey(publicKey);
  return issueClient(ca, request.commonName, publicKey, request.validityDays);
}

// Only the CSR's key is taken over: its subject and requested extensions are ignored, the identity
// is the thing name the platform decided on.
export async function signCsr(
  ca: LocalCa,
  csrPem: string,
  options: { commonName: string; validityDays?: number | undefined },
): Promise<IssuedCertificate> {
  const csr = parsePem(() => new x509.Pkcs10CertificateRequest(csrPem), 'certificate signing request');
  assertStrongKey(csr.publicKey);
  let signatureValid: boolean;
  try {
    signatureValid = await csr.verify(crypto);
  } catch {
    signatureValid = false;
  }
  if (!signatureValid) {
    throw new LocalCaError(
      'csr-signature-invalid',
      'the CSR signature does not verify: it was altered or not signed by its key',
    );
  }
  return issueClient(ca, options.commonName, csr.publicKey, options.validityDays);
}

// Runs on the gateway: the private key stays with the caller, only the CSR goes on the wire.
export async function generateKeyPairAndCsr(commonName: string): Promise<KeyPairAndCsr> {
  const keys = await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    { name: distinguishedName(commonName), keys, signingAlgorithm: SIGNING },
    crypto,
  );
  return { privateKeyPem: await exportPrivateKey(keys.privateKey), csrPem: csr.toString('pem') };
}

export function certificateFingerprint(certificatePem: string): string {
  const certificate = parsePem(() => new x509.X509Certificate(certificatePem), 'certificate');
  return createHash('sha256').update(Buffer.from(certificate.rawData)).digest('hex');
}

// The common name a CSR asks for; undefined when it has none. In the local profile it is the thing
// name the gateway intends to register (see docs/device-protocol.md, fleet provisioning).
export function csrCommonName(csrPem: string): string | undefined {
  const csr = parsePem(() => new x509.Pkcs10CertificateRequest(csrPem), 'certificate signing request');
  return csr.subjectName.getField('CN')[0];
}

export function certificateCommonName(certificatePem: string): string | undefined {
  const certificate = parsePem(() => new x509.X509Certificate(certificatePem), 'certificate');
  return certificate.subjectName.getField('CN')[0];
}

// A gateway accepts an issued certificate only when it certifies its own key: provisioning replies
// travel on topics every claim client can read (local profile), and a certificate for another key
// would be useless to it anyway.
export function certificateMatchesKey(certificatePem: string, privateKeyPem: string): boolean {
  try {
    return new NodeX509Certificate(certificatePem).checkPrivateKey(createPrivateKey(privateKeyPem));
  } catch {
    return false;
  }
}

async function issueClient(
  ca: LocalCa,
  commonName: string,
  publicKey: x509.PublicKey,
  validityDays: number | undefined,
): Promise<IssuedCertificate> {
  if (!isValidThingName(commonName)) {
    throw new LocalCaError(
      'invalid-common-name',
      `invalid client common name "${commonName}": it is the thing name, use 1-128 of A-Z a-z 0-9 : _ -`,
    );
  }
  return sign(ca, {
    commonName,
    publicKey,
    validityDays: validity(validityDays ?? 365),
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
    ],
  });
}

async function sign(
  ca: LocalCa,
  params: {
    commonName: string;
    publicKey: x509.PublicKey | webcrypto.CryptoKey;
    validityDays: number;
    extensions: x509.Extension[];
  },
): Promise<IssuedCertificate> {
  const caCertificate = parsePem(() => new x509.X509Certificate(ca.certificatePem), 'CA certificate');
  const caKey = await importPrivateKey(ca.privateKeyPem);
  const notBefore = new Date(Date.now() - CLOCK_SKEW_MS);
  const notAfter = addDays(notBefore, params.validityDays);
  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: newSerialNumber(),
      subject: distinguishedName(params.commonName),
      issuer: caCertificate.subjectName,
      notBefore,
      // Never outlive the CA: clients would reject the chain from that day on anyway.
      notAfter: notAfter > caCertificate.notAfter ? caCertificate.notAfter : notAfter,
      publicKey: params.publicKey,
      signingKey: caKey,
      signingAlgorithm: SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        ...params.extensions,
        await x509.SubjectKeyIdentifierExtension.create(params.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(caCertificate, false, crypto),
      ],
    },
    crypto,
  );
  const certificatePem = certificate.toString('pem');
  return {
    certificatePem,
    fingerprint: certificateFingerprint(certificatePem),
    notAfter: certificate.notAfter,
  };
}

// AWS IoT Core accepts RSA 2048+ and ECDSA P-256/P-384/P-521 device keys; the local CA takes the same.
function assertStrongKey(publicKey: x509.PublicKey): void {
  const key = createPublicKey({ key: Buffer.from(publicKey.rawData), format: 'der', type: 'spki' });
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') {
    if (
      details.namedCurve === 'prime256v1' ||
      details.namedCurve === 'secp384r1' ||
      details.namedCurve === 'secp521r1'
    ) {
      return;
    }
    throw new LocalCaError(
      'weak-key',
      `refusing an EC key on curve ${details.namedCurve ?? 'unknown'}: use P-256, P-384 or P-521`,
    );
  }
  if (key.asymmetricKeyType === 'rsa') {
    if ((details.modulusLength ?? 0) >= 2048) return;
    throw new LocalCaError(
      'weak-key',
      `refusing a ${details.modulusLength ?? 0}-bit RSA key: use at least 2048 bits`,
    );
  }
  throw new LocalCaError(
    'weak-key',
    `refusing a ${key.asymmetricKeyType ?? 'unknown'} key: use ECDSA P-256 or RSA 2048+`,
  );
}

function parsePem<T>(parse: () => T, what: string): T {
  try {
    return parse();
  } catch (error) {
    throw new LocalCaError(
      'invalid-pem',
      `cannot parse the ${what}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function exportPrivateKey(key: webcrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function importPrivateKey(pem: string): Promise<webcrypto.CryptoKey> {
  const der = parsePem(() => x509.PemConverter.decodeFirst(pem), 'CA private key');
  return crypto.subtle.importKey('pkcs8', der, EC_KEY, false, ['sign']);
}

function distinguishedName(commonName: string): x509.JsonName {
  return [{ CN: [commonName] }];
}

function validity(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_VALIDITY_DAYS) {
    throw new LocalCaError(
      'invalid-validity',
      `validity must be a whole number of days from 1 to ${MAX_VALIDITY_DAYS}, got ${days}`,
    );
  }
  return days;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

// Positive, non-zero and 128 bits of randomness (RFC 5280 allows up to 20 octets).
function newSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

// A certificate revocation list signed by the CA, naming certificates by serial number (hex). The
// broker checks client certificates against it during the TLS handshake.
export async function createCrl(
  ca: LocalCa,
  serialNumbers: string[],
  options: { validityDays?: number } = {},
): Promise<string> {
  const caCertificate = parsePem(() => new x509.X509Certificate(ca.certificatePem), 'CA certificate');
  const thisUpdate = new Date(Date.now() - CLOCK_SKEW_MS);
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: caCertificate.subjectName,
      thisUpdate,
      nextUpdate: addDays(thisUpdate, validity(options.validityDays ?? 365)),
      signingAlgorithm: SIGNING,
      signingKey: await importPrivateKey(ca.privateKeyPem),
      entries: serialNumbers.map((serialNumber) => ({
        serialNumber,
        revocationDate: thisUpdate,
        reason: x509.X509CrlReason.cessationOfOperation,
      })),
      extensions: [await x509.AuthorityKeyIdentifierExtension.create(caCertificate, false, crypto)],
    },
    crypto,
  );
  // OpenSSL (and so Mosquitto) reads only the "X509 CRL" PEM label.
  return x509.PemConverter.encode(crl.rawData, 'X509 CRL');
}

export function certificateSerialNumber(certificatePem: string): string {
  return parsePem(() => new x509.X509Certificate(certificatePem), 'certificate').serialNumber;
}
