import 'reflect-metadata';
import {
  X509Certificate,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  webcrypto,
} from 'node:crypto';
import * as x509 from '@peculiar/x509';
import {
  LocalCaError,
  certificateFingerprint,
  createCa,
  generateKeyPairAndCsr,
  issueClientCertificate,
  issueServerCertificate,
  signCsr,
  type LocalCa,
} from './local-ca';

const crypto: webcrypto.Crypto = webcrypto;

function spkiOf(pem: string): string {
  return createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
}

async function rejectionOf(promise: Promise<unknown>): Promise<LocalCaError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LocalCaError) return error;
    throw error;
  }
  throw new Error('expected a LocalCaError');
}

describe('local CA', () => {
  let ca: LocalCa;

  beforeAll(async () => {
    ca = await createCa('Convergent test CA');
  });

  it('creates a self-signed CA that may sign end-entity certificates only', () => {
    const certificate = new X509Certificate(ca.certificatePem);
    expect(certificate.ca).toBe(true);
    expect(certificate.subject).toBe('CN=Convergent test CA');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(createPublicKey(ca.privateKeyPem).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('signs a gateway CSR: the certificate carries the CSR key and the thing name, not the CSR subject', async () => {
    const { privateKeyPem, csrPem } = await generateKeyPairAndCsr('whatever-the-gateway-says');
    const issued = await signCsr(ca, csrPem, { commonName: 'gateway-7', validityDays: 30 });

    const certificate = new X509Certificate(issued.certificatePem);
    expect(certificate.subject).toBe('CN=gateway-7');
    expect(certificate.checkIssued(new X509Certificate(ca.certificatePem))).toBe(true);
    expect(certificate.verify(new X509Certificate(ca.certificatePem).publicKey)).toBe(true);
    expect(certificate.ca).toBe(false);
    expect(certificate.checkPrivateKey(createPrivateKey(privateKeyPem))).toBe(true);
    expect(spkiOf(issued.certificatePem)).toBe(spkiOf(privateKeyPem));
    expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    const days = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / 86_400_000;
    expect(days).toBeCloseTo(30, 0);
    expect(issued.fingerprint).toBe(certificateFingerprint(issued.certificatePem));
  });

  it('issues a client certificate for a bare public key', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const issued = await issueClientCertificate(ca, { commonName: 'line-3:press_2', publicKeyPem });
    expect(new X509Certificate(issued.certificatePem).subject).toBe('CN=line-3:press_2');
    expect(spkiOf(issued.certificatePem)).toBe(publicKeyPem);
  });

  it('refuses a CSR whose signature does not verify', async () => {
    const { csrPem } = await generateKeyPairAndCsr('gateway-1');
    const der = Buffer.from(x509.PemConverter.decodeFirst(csrPem));
    der[der.length - 5] = (der[der.length - 5] ?? 0) ^ 0xff; // inside the signature value
    const tampered = x509.PemConverter.encode(der, 'CERTIFICATE REQUEST');

    const error = await rejectionOf(signCsr(ca, tampered, { commonName: 'gateway-1' }));
    expect(error.code).toBe('csr-signature-invalid');
  });

  it('refuses a CSR with a weak key', async () => {
    const keys = await crypto.subtle.generateKey(
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 1024,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
      true,
      ['sign', 'verify'],
    );
    const csr = await x509.Pkcs10CertificateRequestGenerator.create(
      { name: 'CN=gateway-1', keys, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } },
      crypto,
    );

    const error = await rejectionOf(signCsr(ca, csr.toString('pem'), { commonName: 'gateway-1' }));
    expect(error.code).toBe('weak-key');
    expect(error.message).toContain('1024-bit RSA');
  });

  it('refuses a common name that is not a thing name', async () => {
    const { csrPem } = await generateKeyPairAndCsr('x');
    for (const commonName of ['gateway/1', 'gateway+', '#', '']) {
      expect((await rejectionOf(signCsr(ca, csrPem, { commonName }))).code).toBe('invalid-common-name');
    }
  });

  it('refuses garbage instead of a CSR', async () => {
    expect((await rejectionOf(signCsr(ca, 'not a csr', { commonName: 'gateway-1' }))).code).toBe(
      'invalid-pem',
    );
  });

  it('issues a server certificate with the given names', async () => {
    const server = await issueServerCertificate(ca, {
      commonName: 'localhost',
      dnsNames: ['localhost', 'broker.local'],
      ipAddresses: ['127.0.0.1'],
    });
    const certificate = new X509Certificate(server.certificatePem);
    expect(certificate.subjectAltName).toBe('DNS:localhost, DNS:broker.local, IP Address:127.0.0.1');
    expect(certificate.checkHost('broker.local')).toBe('broker.local');
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(spkiOf(server.certificatePem)).toBe(spkiOf(server.privateKeyPem));
  });

  it('fingerprints a certificate as lower-case SHA-256 hex of its DER', () => {
    const expected = new X509Certificate(ca.certificatePem).fingerprint256.replace(/:/g, '').toLowerCase();
    expect(certificateFingerprint(ca.certificatePem)).toBe(expected);
  });
});
