import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CREATE_CERTIFICATE_FROM_CSR_TOPIC,
  MqttConnection,
  csrCommonName,
  findFreePort,
  parseRegisterThingRequest,
  readLocalCa,
  registerThingTopic,
  requestDigest,
  signCsr,
  startBroker,
  type BrokerHandle,
} from '@convergent/platform-data-access-iot';
import { resolveAgentConfig } from './agent-config';
import {
  explainProvisioningFailure,
  provisionGateway,
  provisionWithRetry,
  type ProvisionOptions,
} from './provision-command';

// The command against the real local broker, with a stand-in for the platform's responder (the
// real one, with claims in PostgreSQL, is tested in libs/fleet): it signs CSRs and accepts one
// token, refusing others as AWS would word it.

jest.setTimeout(60_000);

const GOOD = 'cvgc_good';
const REFUSALS: Record<string, { errorCode: string; errorMessage: string }> = {
  cvgc_used: { errorCode: 'ClaimTokenUsed', errorMessage: 'used' },
  cvgc_expired: { errorCode: 'ClaimTokenExpired', errorMessage: 'expired' },
};

describe('edge-agent provision', () => {
  let stateDir: string;
  let broker: BrokerHandle;
  let responder: MqttConnection;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'cvg-edge-provision-'));
    broker = await startBroker(stateDir, { port: 0 });
    const ca = await readLocalCa(broker.pki.caCertPath, broker.pki.caKeyPath);
    responder = new MqttConnection({
      host: broker.host,
      port: broker.port,
      clientId: 'stand-in-responder',
      tls: {
        certPath: broker.pki.backendCertPath,
        keyPath: broker.pki.backendKeyPath,
        caPath: broker.pki.caCertPath,
      },
      backend: true,
    });
    await responder.start();
    const register = registerThingTopic('convergent-gateway');
    responder.onMessage((topic, payload) => {
      const body = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
      void (async () => {
        if (topic === CREATE_CERTIFICATE_FROM_CSR_TOPIC) {
          const csr = String(body['certificateSigningRequest']);
          const issued = await signCsr(ca, csr, { commonName: csrCommonName(csr) ?? 'x' });
          await responder.publish(
            `${topic}/accepted`,
            JSON.stringify({
              certificateId: issued.fingerprint,
              certificatePem: issued.certificatePem,
              certificateOwnershipToken: `own-${issued.fingerprint}`,
              requestDigest: requestDigest(csr),
            }),
            1,
          );
        } else if (topic === register) {
          const request = parseRegisterThingRequest(body);
          const token = request?.parameters['ClaimToken'] ?? '';
          const digest = requestDigest(request?.certificateOwnershipToken ?? '');
          const refusal = REFUSALS[token];
          if (token === GOOD) {
            const thingName = request?.parameters['ThingName'] ?? '';
            await responder.publish(
              `${topic}/accepted`,
              JSON.stringify({ thingName, deviceConfiguration: {}, requestDigest: digest }),
              1,
            );
          } else {
            await responder.publish(
              `${topic}/rejected`,
              JSON.stringify({
                statusCode: 400,
                ...(refusal ?? { errorCode: 'ClaimTokenUnknown', errorMessage: 'unknown' }),
                requestDigest: digest,
              }),
              1,
            );
          }
        }
      })();
    });
    await responder.subscribe([
      { topic: CREATE_CERTIFICATE_FROM_CSR_TOPIC, qos: 1 },
      { topic: register, qos: 1 },
    ]);
  });

  afterAll(async () => {
    await responder?.stop(2000);
    await broker?.stop();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  function options(token: string, thing: string, port = broker.port): ProvisionOptions {
    return {
      endpoint: { host: broker.host, port },
      claimCertPath: broker.pki.claimCertPath,
      claimKeyPath: broker.pki.claimKeyPath,
      caPath: broker.pki.caCertPath,
      token,
      thing,
      template: 'convergent-gateway',
      outDir: join(stateDir, 'out', thing),
      timeoutMs: 5000,
      attempts: 1,
    };
  }

  it('writes its own certificate, a private key only its user can read, and a ready configuration', async () => {
    const output = await provisionGateway(options(GOOD, 'press-gw-1'));

    expect(new X509Certificate(await readFile(output.certPath, 'utf8')).subject).toBe('CN=press-gw-1');
    expect(
      new X509Certificate(await readFile(output.certPath, 'utf8')).checkPrivateKey(
        (await import('node:crypto')).createPrivateKey(await readFile(output.keyPath, 'utf8')),
      ),
    ).toBe(true);
    expect((await stat(output.keyPath)).mode & 0o777).toBe(0o600);
    const config = resolveAgentConfig({ config: output.configPath, machine: ['press-1'] });
    expect(config).toMatchObject({ thing: 'press-gw-1', certPath: output.certPath, keyPath: output.keyPath });
    expect(config.endpoint).toEqual({ host: broker.host, port: broker.port });
  });

  it.each([
    ['cvgc_used', /already used/],
    ['cvgc_expired', /expired/],
    ['cvgc_wrong', /not known/],
  ])('explains a refused token %s to the technician', async (token, message) => {
    const error = await provisionGateway(options(token, `gw-${token}`)).catch((caught: unknown) => caught);
    expect(explainProvisioningFailure(error, options(token, 'x'))).toMatch(message);
  });

  it('says when the broker cannot be reached', async () => {
    const closed = await findFreePort();
    const opts = { ...options(GOOD, 'gw-offline', closed), timeoutMs: 1500 };
    const error = await provisionGateway(opts).catch((caught: unknown) => caught);
    expect(explainProvisioningFailure(error, opts)).toMatch(/Cannot reach the broker/);
  });

  it('retries a broker that is down, telling the technician, then says what to check', async () => {
    const closed = await findFreePort();
    const opts = { ...options(GOOD, 'gw-retry', closed), timeoutMs: 1000, attempts: 3 };
    const said: string[] = [];
    const error = await provisionWithRetry(opts, {
      delayMs: 100,
      onRetry: (message) => said.push(message),
    }).catch((caught: unknown) => caught);
    expect(said).toEqual([
      expect.stringMatching(/Cannot reach the broker .* trying again .* \(attempt 2 of 3\)/),
      expect.stringMatching(/\(attempt 3 of 3\)/),
    ]);
    expect(explainProvisioningFailure(error, opts)).toMatch(/Cannot reach the broker.*network cable/);
  });

  it('does not retry a refused token', async () => {
    const said: string[] = [];
    const error = await provisionWithRetry(
      { ...options('cvgc_expired', 'gw-no-retry'), attempts: 3 },
      {
        delayMs: 100,
        onRetry: (message) => said.push(message),
      },
    ).catch((caught: unknown) => caught);
    expect(said).toEqual([]);
    expect(explainProvisioningFailure(error, options('cvgc_expired', 'x'))).toMatch(/expired/);
  });
});
