import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BACKEND_IDENTITY,
  LocalBrokerError,
  ensureLocalPki,
  findFreePort,
  localBrokerPaths,
  startBroker,
  writeBrokerConfig,
} from './local-broker';
import { gatewayRole, type DynsecConfig } from './local-dynamic-security';
import { issueLocalGatewayIdentity } from './local-gateway-registry';

jest.setTimeout(30_000);

describe('local broker', () => {
  let stateDir: string;

  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'cvg-broker-'));
  });

  afterEach(async () => {
    await rm(stateDir, { recursive: true, force: true });
  });

  it('creates the PKI once, with private keys readable by the owner only', async () => {
    const pki = await ensureLocalPki(stateDir);
    const firstCa = await readFile(pki.caCertPath, 'utf8');
    const firstServer = await readFile(pki.serverCertPath, 'utf8');

    const again = await ensureLocalPki(stateDir);

    expect(again).toEqual(pki);
    expect(await readFile(pki.caCertPath, 'utf8')).toBe(firstCa);
    expect(await readFile(pki.serverCertPath, 'utf8')).toBe(firstServer);
    for (const key of [pki.caKeyPath, pki.serverKeyPath, pki.backendKeyPath]) {
      expect((await stat(key)).mode & 0o777).toBe(0o600);
    }
    const server = new X509Certificate(firstServer);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(new X509Certificate(await readFile(pki.backendCertPath, 'utf8')).subject).toBe(
      `CN=${BACKEND_IDENTITY}`,
    );
  });

  it('issues a gateway identity named after the thing, and never the backend identity', async () => {
    const identity = await issueLocalGatewayIdentity(stateDir, 'press-12');
    expect(new X509Certificate(await readFile(identity.certPath, 'utf8')).subject).toBe('CN=press-12');
    expect((await stat(identity.keyPath)).mode & 0o777).toBe(0o600);
    await expect(issueLocalGatewayIdentity(stateDir, BACKEND_IDENTITY)).rejects.toThrow(LocalBrokerError);
    await expect(issueLocalGatewayIdentity(stateDir, 'a/b')).rejects.toThrow(/invalid thing name/);
  });

  it('renders a mutual-TLS-only configuration with dynamic security from the template', async () => {
    await ensureLocalPki(stateDir);
    const configPath = await writeBrokerConfig(stateDir, { port: 18_883 });
    const config = await readFile(configPath, 'utf8');
    const paths = localBrokerPaths(stateDir);
    const dynsec = JSON.parse(await readFile(paths.dynamicSecurityPath, 'utf8')) as DynsecConfig;

    expect(config).not.toMatch(/\{\{/);
    expect(config).toMatch(/^listener 18883 127\.0\.0\.1$/m);
    expect(config.match(/^listener /gm)).toHaveLength(1);
    expect(config).toMatch(/^require_certificate true$/m);
    expect(config).toMatch(/^use_identity_as_username true$/m);
    expect(config).toMatch(/^allow_anonymous false$/m);
    expect(config).toMatch(/^max_queued_messages 100000$/m);
    expect(config).toMatch(/^max_inflight_messages 1000$/m);
    expect(config).toMatch(/^plugin .*mosquitto_dynamic_security\.so$/m);
    expect(config).toContain(`crlfile ${paths.crlPath}`);
    expect(dynsec.defaultACLAccess).toEqual({
      publishClientSend: false,
      publishClientReceive: false,
      subscribe: false,
      unsubscribe: true,
    });
    expect(dynsec.clients.map((client) => client.username)).toEqual([BACKEND_IDENTITY, 'convergent-claim']);
  });

  it('keeps registered gateways in the dynamic-security file across restarts of the configuration', async () => {
    await ensureLocalPki(stateDir);
    await writeBrokerConfig(stateDir, { port: 18_883 });
    await issueLocalGatewayIdentity(stateDir, 'press-7');
    await writeBrokerConfig(stateDir, { port: 18_883 });
    const dynsec = JSON.parse(
      await readFile(localBrokerPaths(stateDir).dynamicSecurityPath, 'utf8'),
    ) as DynsecConfig;
    expect(dynsec.clients.map((client) => client.username)).toContain('press-7');
    expect(dynsec.roles).toContainEqual(gatewayRole('press-7'));
  });

  it('refuses a port that is already taken', async () => {
    const port = await findFreePort();
    const squatter: Server = createServer();
    await new Promise<void>((listening) => squatter.listen(port, '127.0.0.1', listening));
    try {
      await expect(startBroker(stateDir, { port })).rejects.toMatchObject({ code: 'port-in-use' });
    } finally {
      await new Promise((closed) => squatter.close(closed));
    }
  });

  it('says how to install mosquitto when it is missing', async () => {
    await expect(
      startBroker(stateDir, { port: 0, mosquittoPath: join(stateDir, 'no-mosquitto') }),
    ).rejects.toThrow('mosquitto not found: install it with `apt-get install mosquitto`');
  });

  it('refuses to replace a CA that is there but broken', async () => {
    const pki = await ensureLocalPki(stateDir);
    const other = await ensureLocalPki(join(stateDir, 'other'));
    await writeFile(pki.caKeyPath, await readFile(other.caKeyPath, 'utf8'));

    await expect(ensureLocalPki(stateDir)).rejects.toMatchObject({ code: 'pki-invalid' });
    await expect(ensureLocalPki(stateDir)).rejects.toThrow(
      /does not match its certificate: delete that folder to start a new CA/,
    );
    await writeFile(pki.caKeyPath, 'not a key');
    await expect(ensureLocalPki(stateDir)).rejects.toThrow(/cannot be read/);
  });

  it("reports mosquitto's own words when it does not start", async () => {
    const fake = join(stateDir, 'fake-mosquitto');
    await writeFile(fake, '#!/bin/sh\necho "Error: Unable to load the CA file (simulated)." >&2\nexit 3\n', {
      mode: 0o755,
    });

    const failure = startBroker(stateDir, { port: 0, mosquittoPath: fake });

    await expect(failure).rejects.toMatchObject({ code: 'start-failed' });
    await expect(failure).rejects.toThrow(/it exited \(3\)[\s\S]*Unable to load the CA file \(simulated\)/);
  });

  it('starts, accepts connections on the TLS port, and stops', async () => {
    const broker = await startBroker(stateDir, { port: 0 });
    try {
      expect(broker.port).toBeGreaterThan(0);
      expect(await readFile(broker.logPath, 'utf8')).toContain(
        `Opening ipv4 listen socket on port ${broker.port}`,
      );
    } finally {
      await broker.stop();
    }
    // Stopped means the port is free again.
    await expect(
      startBroker(stateDir, { port: broker.port }).then((again) => again.stop()),
    ).resolves.toBeUndefined();
  });
});
