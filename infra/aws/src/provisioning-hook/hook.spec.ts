import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHookHandler, type PlatformDecision } from './hook';

// The platform's side is an HTTP endpoint; here a local server records what the hook sends and
// answers as the platform would, so the wire format, timeouts and failures are real.

interface Recorded {
  authorization: string | undefined;
  body: unknown;
}

function hookEvent(parameters: Record<string, string> = { ClaimToken: 'cvgc_x', ThingName: 'press-gw-1' }) {
  return {
    claimCertificateId: 'claim-cert',
    certificateId: 'new-cert-id',
    certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    templateArn: 'arn:aws:iot:eu-central-1:123456789012:provisioningtemplate/convergent-gateway',
    clientId: 'press-gw-1',
    parameters,
  };
}

describe('pre-provisioning hook', () => {
  let server: Server;
  let url: string;
  let answer: (request: IncomingMessage) => { status: number; body?: unknown; delayMs?: number };
  const recorded: Recorded[] = [];
  const logs: Record<string, unknown>[] = [];
  let secretReads = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let data = '';
      request.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      request.on('end', () => {
        recorded.push({ authorization: request.headers.authorization, body: JSON.parse(data) });
        const { status, body, delayMs } = answer(request);
        setTimeout(() => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(body === undefined ? '' : JSON.stringify(body));
        }, delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    recorded.length = 0;
    logs.length = 0;
    secretReads = 0;
  });

  // The production default: a loaded CI machine can take over a second for the first request.
  const handler = (timeoutMs = 4000, platformUrl = url) =>
    createHookHandler({
      platformUrl,
      readSecret: async () => `secret-${++secretReads}`,
      fetch,
      log: (entry) => logs.push(entry),
      timeoutMs,
    });

  it("allows provisioning when the platform accepts the claim, and hands the template the platform's ids", async () => {
    const decision: PlatformDecision = { allow: true, siteId: 'site-1', gatewayId: 'gw-1' };
    answer = () => ({ status: 200, body: decision });
    const result = await handler()(hookEvent());
    expect(result).toEqual({
      allowProvisioning: true,
      parameterOverrides: { SiteId: 'site-1', GatewayId: 'gw-1' },
    });
    expect(recorded).toEqual([
      {
        authorization: 'Bearer secret-1',
        body: {
          certificateId: 'new-cert-id',
          certificatePem: hookEvent().certificatePem,
          parameters: { ClaimToken: 'cvgc_x', ThingName: 'press-gw-1' },
        },
      },
    ]);
  });

  it('refuses when the platform refuses, and logs why without the token', async () => {
    answer = () => ({ status: 200, body: { allow: false, reason: 'ClaimTokenUsed' } });
    await expect(handler()(hookEvent())).resolves.toEqual({ allowProvisioning: false });
    expect(logs).toEqual([expect.objectContaining({ level: 'warn', msg: 'refused: ClaimTokenUsed' })]);
    expect(JSON.stringify(logs)).not.toContain('cvgc_x');
  });

  it('refuses a malformed event without calling the platform', async () => {
    const handle = handler();
    for (const event of [
      null,
      'x',
      { ...hookEvent(), certificateId: '' },
      { ...hookEvent(), parameters: { a: 1 } },
    ]) {
      await expect(handle(event)).resolves.toEqual({ allowProvisioning: false });
    }
    expect(recorded).toEqual([]);
  });

  it('fails closed when the platform errs, answers nonsense, is slow or is down', async () => {
    answer = () => ({ status: 500, body: { message: 'boom' } });
    await expect(handler()(hookEvent())).resolves.toEqual({ allowProvisioning: false });
    answer = () => ({ status: 200, body: { allow: true } });
    await expect(handler()(hookEvent())).resolves.toEqual({ allowProvisioning: false });
    answer = () => ({ status: 200, body: { allow: true, siteId: 's', gatewayId: 'g' }, delayMs: 2000 });
    await expect(handler(100)(hookEvent())).resolves.toEqual({ allowProvisioning: false });
    await expect(handler(4000, 'http://127.0.0.1:9')(hookEvent())).resolves.toEqual({
      allowProvisioning: false,
    });
    expect(logs.map((entry) => entry['level'])).toEqual(['error', 'error', 'error', 'error']);
  });

  it('reads the secret once, and again after the platform rejects it (rotation)', async () => {
    const handle = handler();
    answer = () => ({ status: 200, body: { allow: false, reason: 'ClaimTokenUnknown' } });
    await handle(hookEvent());
    await handle(hookEvent());
    expect(secretReads).toBe(1);
    answer = () => ({ status: 401 });
    await handle(hookEvent());
    answer = () => ({ status: 200, body: { allow: true, siteId: 's', gatewayId: 'g' } });
    await expect(handle(hookEvent())).resolves.toMatchObject({ allowProvisioning: true });
    expect(recorded.map((r) => r.authorization)).toEqual([
      'Bearer secret-1',
      'Bearer secret-1',
      'Bearer secret-1',
      'Bearer secret-2',
    ]);
  });
});
