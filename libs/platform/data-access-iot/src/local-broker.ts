import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { INGEST_SHARE_GROUP, MAX_PAYLOAD_BYTES } from '@convergent/shared-util-contracts';
import { createCa, generateKeyPairAndCsr, issueServerCertificate, signCsr, type LocalCa } from './local-ca';
import { dynamicSecurityConfig, type DynsecConfig } from './local-dynamic-security';
import { writeRevocationList } from './local-revocation';

// The local profile's broker: the project's own Mosquitto, with its own CA, config and data under a
// state folder. It never touches a system-wide Mosquitto (the one on 1883 belongs to someone else).

// The MQTT username (certificate common name) of the platform's own services.
export const BACKEND_IDENTITY = 'convergent-backend';
// The common name of the shared claim certificate gateways ship with: it may use the fleet
// provisioning topics only (infra/local/mosquitto.acl.template).
export const CLAIM_IDENTITY = 'convergent-claim';
export const DEFAULT_BROKER_PORT = 8883;

const DEFAULT_MOSQUITTO = '/usr/sbin/mosquitto';
const TEMPLATE_DIR = join('infra', 'local');
const CONFIG_TEMPLATE = 'mosquitto.conf.template';
// Debian's and the usual other places of Mosquitto's dynamic-security plugin.
const DYNSEC_PLUGIN_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so',
  '/usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so',
  '/usr/lib/mosquitto_dynamic_security.so',
  '/usr/local/lib/mosquitto_dynamic_security.so',
];
// Room for the topic and MQTT 5 properties on top of the largest payload the protocol allows.
const MAX_PACKET_SIZE = MAX_PAYLOAD_BYTES + 4096;
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;

export interface LocalPki {
  caCertPath: string;
  caKeyPath: string;
  serverCertPath: string;
  serverKeyPath: string;
  backendCertPath: string;
  backendKeyPath: string;
  claimCertPath: string;
  claimKeyPath: string;
}

export interface GatewayIdentityFiles {
  thingName: string;
  certPath: string;
  keyPath: string;
  caPath: string;
}

export interface BrokerConfigOptions {
  // 0 is not allowed here: the config names a real port (startBroker resolves 0 first).
  port: number;
  // Loopback by default; 0.0.0.0 lets gateways on the LAN in (then issue a server certificate
  // for the name they use: the default one covers localhost, 127.0.0.1 and ::1 only).
  bindAddress?: string;
  // Folder holding mosquitto.conf.template; found from the workspace root when omitted.
  templateDir?: string;
  // Mosquitto's mosquitto_dynamic_security.so; found in the usual library folders when omitted.
  dynamicSecurityPluginPath?: string;
}

export interface StartBrokerOptions extends Omit<BrokerConfigOptions, 'port'> {
  // 0 picks a free port (tests).
  port: number;
  mosquittoPath?: string;
  startTimeoutMs?: number;
}

// What a running broker leaves in its state folder (runningPath).
export interface RunningBroker {
  host: string;
  port: number;
  pid: number;
}

// The broker started from this state folder, if it still runs.
export async function findRunningBroker(stateDir: string): Promise<RunningBroker | null> {
  const running = await readJson<RunningBroker>(localBrokerPaths(stateDir).runningPath);
  if (running === null) return null;
  try {
    process.kill(running.pid, 0);
    return running;
  } catch {
    return null;
  }
}

export interface BrokerHandle {
  // What clients connect to; the server certificate names it.
  host: string;
  port: number;
  stateDir: string;
  pki: LocalPki;
  configPath: string;
  logPath: string;
  pid: number | undefined;
  // Resolves once Mosquitto has exited, however that happened.
  stop(): Promise<void>;
}

export const LOCAL_BROKER_ERROR_CODES = [
  'mosquitto-not-found',
  'plugin-not-found',
  'port-in-use',
  'template-not-found',
  'template-invalid',
  'invalid-option',
  'pki-invalid',
  'start-failed',
] as const;
export type LocalBrokerErrorCode = (typeof LOCAL_BROKER_ERROR_CODES)[number];

export class LocalBrokerError extends Error {
  override readonly name = 'LocalBrokerError';
  constructor(
    readonly code: LocalBrokerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface LocalBrokerPaths {
  root: string;
  pki: LocalPki;
  gatewaysDir: string;
  configPath: string;
  // Mosquitto's dynamic-security state: who may do what (the plugin rewrites it on every change).
  dynamicSecurityPath: string;
  // While a broker runs from this folder: its address and pid (for registrations and revocations
  // made by other processes).
  runningPath: string;
  // Every gateway certificate the local CA issued (serial, common name), and the revocation list.
  issuedPath: string;
  crlPath: string;
  dataDir: string;
  logPath: string;
}

export function localBrokerPaths(stateDir: string): LocalBrokerPaths {
  const root = resolve(stateDir);
  const pki = join(root, 'pki');
  const mosquitto = join(root, 'mosquitto');
  return {
    root,
    pki: {
      caCertPath: join(pki, 'ca.crt'),
      caKeyPath: join(pki, 'ca.key'),
      serverCertPath: join(pki, 'server.crt'),
      serverKeyPath: join(pki, 'server.key'),
      backendCertPath: join(pki, 'backend.crt'),
      backendKeyPath: join(pki, 'backend.key'),
      claimCertPath: join(pki, 'claim.crt'),
      claimKeyPath: join(pki, 'claim.key'),
    },
    gatewaysDir: join(root, 'gateways'),
    configPath: join(mosquitto, 'mosquitto.conf'),
    dynamicSecurityPath: join(mosquitto, 'dynamic-security.json'),
    runningPath: join(mosquitto, 'running.json'),
    issuedPath: join(pki, 'issued.jsonl'),
    crlPath: join(pki, 'crl.pem'),
    dataDir: join(mosquitto, 'data'),
    logPath: join(mosquitto, 'mosquitto.log'),
  };
}

// Idempotent: keeps what is there and valid, (re)issues what is missing, expiring or signed by a
// CA that is no longer the state folder's.
export async function ensureLocalPki(stateDir: string): Promise<LocalPki> {
  const { pki } = localBrokerPaths(stateDir);
  await mkdir(dirname(pki.caCertPath), { recursive: true, mode: 0o700 });

  let ca = await readCa(pki);
  if (ca === null) {
    ca = await createCa('Convergent local CA');
    await writeKeyPair(pki.caCertPath, ca.certificatePem, pki.caKeyPath, ca.privateKeyPem);
  }
  if (!(await isValidLeaf(pki.serverCertPath, pki.serverKeyPath, ca))) {
    const server = await issueServerCertificate(ca, {
      commonName: 'localhost',
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1', '::1'],
    });
    await writeKeyPair(pki.serverCertPath, server.certificatePem, pki.serverKeyPath, server.privateKeyPem);
  }
  if (!(await isValidLeaf(pki.backendCertPath, pki.backendKeyPath, ca))) {
    const { privateKeyPem, csrPem } = await generateKeyPairAndCsr(BACKEND_IDENTITY);
    const backend = await signCsr(ca, csrPem, { commonName: BACKEND_IDENTITY, validityDays: 825 });
    await writeKeyPair(pki.backendCertPath, backend.certificatePem, pki.backendKeyPath, privateKeyPem);
  }
  if (!(await isValidLeaf(pki.claimCertPath, pki.claimKeyPath, ca))) {
    const { privateKeyPem, csrPem } = await generateKeyPairAndCsr(CLAIM_IDENTITY);
    const claim = await signCsr(ca, csrPem, { commonName: CLAIM_IDENTITY, validityDays: 825 });
    await writeKeyPair(pki.claimCertPath, claim.certificatePem, pki.claimKeyPath, privateKeyPem);
  }
  return pki;
}

// The CA that signs gateway CSRs in the local profile (the platform's provisioning responder).
export async function readLocalCa(caCertPath: string, caKeyPath: string): Promise<LocalCa> {
  const ca = await readCa({ caCertPath, caKeyPath });
  if (ca === null)
    throw new LocalBrokerError('pki-invalid', `there is no local CA at ${caCertPath}: start the broker once`);
  return ca;
}

export async function writeBrokerConfig(stateDir: string, options: BrokerConfigOptions): Promise<string> {
  assertPort(options.port, false);
  const paths = localBrokerPaths(stateDir);
  const templateDir = options.templateDir ?? findTemplateDir();
  await mkdir(paths.dataDir, { recursive: true, mode: 0o700 });
  const values: Record<string, string> = {
    RUN_AS_USER: userInfo().username,
    PORT: String(options.port),
    BIND_ADDRESS: options.bindAddress ?? '127.0.0.1',
    CA_FILE: paths.pki.caCertPath,
    CERT_FILE: paths.pki.serverCertPath,
    KEY_FILE: paths.pki.serverKeyPath,
    DYNSEC_PLUGIN: await findDynamicSecurityPlugin(options.dynamicSecurityPluginPath),
    DYNSEC_FILE: paths.dynamicSecurityPath,
    CRL_FILE: paths.crlPath,
    DATA_DIR: paths.dataDir,
    LOG_FILE: paths.logPath,
    MAX_PACKET_SIZE: String(MAX_PACKET_SIZE),
  };
  const existing = await readJson<DynsecConfig>(paths.dynamicSecurityPath);
  const dynsec = dynamicSecurityConfig(existing, {
    backend: BACKEND_IDENTITY,
    claim: CLAIM_IDENTITY,
    shareGroup: INGEST_SHARE_GROUP,
  });
  await writeFileAtomic(paths.dynamicSecurityPath, JSON.stringify(dynsec, null, 2), 0o600);
  await writeRevocationList(paths, await readLocalCa(paths.pki.caCertPath, paths.pki.caKeyPath));
  await writeFileAtomic(
    paths.configPath,
    render(await readTemplate(templateDir, CONFIG_TEMPLATE), values),
    0o600,
  );
  return paths.configPath;
}

export async function startBroker(stateDir: string, options: StartBrokerOptions): Promise<BrokerHandle> {
  assertPort(options.port, true);
  const mosquittoPath = await findMosquitto(options.mosquittoPath);
  const bindAddress = options.bindAddress ?? '127.0.0.1';
  const port = options.port === 0 ? await findFreePort(bindAddress) : options.port;
  await assertPortFree(port, bindAddress);

  const pki = await ensureLocalPki(stateDir);
  const configPath = await writeBrokerConfig(stateDir, { ...options, port, bindAddress });
  const { logPath } = localBrokerPaths(stateDir);

  // Only this run's log lines belong in a start-up error.
  const logOffset = await stat(logPath).then(
    (info) => info.size,
    () => 0,
  );
  const child = spawn(mosquittoPath, ['-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = tail(child);
  const exited = new Promise<void>((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.once('error', () => resolveExit());
  });
  // A broker must not outlive the process that started it (a crashed test run, a killed launcher).
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const host = bindAddress === '0.0.0.0' || bindAddress === '::' ? '127.0.0.1' : bindAddress;
  try {
    await waitForListener(child, host, port, options.startTimeoutMs ?? 10_000);
  } catch (error) {
    killOnExit();
    await exited;
    process.removeListener('exit', killOnExit);
    const log = await readLogTail(logPath, logOffset);
    const details = [stderr(), log].filter((text) => text !== '').join('\n');
    throw new LocalBrokerError(
      'start-failed',
      `mosquitto did not start on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}` +
        (details === '' ? '' : `\n${details}`),
    );
  }

  const { runningPath } = localBrokerPaths(stateDir);
  const running: RunningBroker = { host, port, pid: child.pid ?? 0 };
  await writeFileAtomic(runningPath, JSON.stringify(running), 0o600);
  let stopping: Promise<void> | undefined;
  return {
    host,
    port,
    stateDir: resolve(stateDir),
    pki,
    configPath,
    logPath,
    pid: child.pid,
    stop(): Promise<void> {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          // SIGTERM saves the persistence file first; do not wait forever for that.
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        process.removeListener('exit', killOnExit);
        await rm(runningPath, { force: true });
      })();
      return stopping;
    },
  };
}

// The broker identities that are not gateways: no gateway may be issued a certificate for them.
export function isReservedIdentity(name: string): boolean {
  return name === BACKEND_IDENTITY || name === CLAIM_IDENTITY;
}

export async function findFreePort(bindAddress = '127.0.0.1'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, bindAddress, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function assertPortFree(port: number, bindAddress: string): Promise<void> {
  await new Promise<void>((resolveFree, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalBrokerError(
              'port-in-use',
              `port ${port} on ${bindAddress} is already in use: stop what listens there or choose another port`,
            )
          : new LocalBrokerError(
              'invalid-option',
              `cannot listen on ${bindAddress}:${port}: ${error.message}`,
            ),
      );
    });
    server.listen(port, bindAddress, () => server.close(() => resolveFree()));
  });
}

async function waitForListener(
  child: ChildProcess,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  for (;;) {
    if (spawnError !== undefined) throw spawnError;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`it exited (${child.exitCode ?? child.signalCode ?? 'unknown'})`);
    }
    if (await canConnect(host, port)) return;
    if (Date.now() > deadline) throw new Error(`the port did not accept connections within ${timeoutMs} ms`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = connect({ host, port });
    socket.setTimeout(500);
    const done = (ok: boolean): void => {
      socket.destroy();
      answer(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

async function readJson<T>(path: string): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return null;
  }
  return JSON.parse(text) as T;
}

async function firstAccessible(candidates: string[], mode: number): Promise<string | undefined> {
  for (const candidate of candidates) {
    try {
      await access(candidate, mode);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

async function findDynamicSecurityPlugin(explicitPath: string | undefined): Promise<string> {
  const found = await firstAccessible(
    explicitPath !== undefined ? [explicitPath] : DYNSEC_PLUGIN_CANDIDATES,
    constants.R_OK,
  );
  if (found !== undefined) return found;
  throw new LocalBrokerError(
    'plugin-not-found',
    `Mosquitto's dynamic-security plugin (mosquitto_dynamic_security.so) was not found in ${DYNSEC_PLUGIN_CANDIDATES.join(', ')}: ` +
      'install Mosquitto 2 (`apt-get install mosquitto`) or pass dynamicSecurityPluginPath',
  );
}

async function findMosquitto(explicitPath: string | undefined): Promise<string> {
  const candidates =
    explicitPath !== undefined
      ? [explicitPath]
      : [
          DEFAULT_MOSQUITTO,
          // eslint-disable-next-line no-restricted-properties -- a PATH lookup, as a shell does; not configuration
          ...(process.env['PATH'] ?? '')
            .split(delimiter)
            .filter(Boolean)
            .map((dir) => join(dir, 'mosquitto')),
        ];
  const found = await firstAccessible(candidates, constants.X_OK);
  if (found !== undefined) return found;
  throw new LocalBrokerError(
    'mosquitto-not-found',
    'mosquitto not found: install it with `apt-get install mosquitto`',
  );
}

function findTemplateDir(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = resolve(start);
    for (;;) {
      const candidate = join(dir, TEMPLATE_DIR);
      if (existsSync(join(candidate, CONFIG_TEMPLATE))) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new LocalBrokerError(
    'template-not-found',
    `cannot find ${join(TEMPLATE_DIR, CONFIG_TEMPLATE)} above ${__dirname} or ${process.cwd()}: pass templateDir`,
  );
}

async function readTemplate(templateDir: string, name: string): Promise<string> {
  try {
    return await readFile(join(templateDir, name), 'utf8');
  } catch {
    throw new LocalBrokerError(
      'template-not-found',
      `cannot read the broker template ${join(templateDir, name)}`,
    );
  }
}

function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new LocalBrokerError(
        'template-invalid',
        `the broker template uses ${placeholder}, which has no value`,
      );
    }
    // A line break in a value would let it add its own configuration lines.
    if (/[\r\n]/.test(value))
      throw new LocalBrokerError('invalid-option', `${name} must not contain a line break`);
    return value;
  });
}

function assertPort(port: number, allowZero: boolean): void {
  if (!Number.isInteger(port) || port < (allowZero ? 0 : 1) || port > 65_535) {
    throw new LocalBrokerError(
      'invalid-option',
      `invalid broker port ${port}: use 1-65535${allowZero ? ' (or 0 for any free port)' : ''}`,
    );
  }
}

// null when the folder has no CA yet. A CA that is there but unusable is an error, not a reason to
// make a new one: that would silently invalidate every gateway identity it signed.
export async function readCa(pki: Pick<LocalPki, 'caCertPath' | 'caKeyPath'>): Promise<LocalCa | null> {
  if (!existsSync(pki.caCertPath) && !existsSync(pki.caKeyPath)) return null;
  const broken = (why: string): LocalBrokerError =>
    new LocalBrokerError(
      'pki-invalid',
      `the local CA in ${dirname(pki.caCertPath)} ${why}: delete that folder to start a new CA ` +
        '(every gateway identity it signed must then be issued again)',
    );
  let certificatePem: string;
  let privateKeyPem: string;
  let certificate: X509Certificate;
  let keyMatches: boolean;
  try {
    [certificatePem, privateKeyPem] = await Promise.all([
      readFile(pki.caCertPath, 'utf8'),
      readFile(pki.caKeyPath, 'utf8'),
    ]);
    certificate = new X509Certificate(certificatePem);
    keyMatches = certificate.checkPrivateKey(createPrivateKey(privateKeyPem));
  } catch (error) {
    throw broken(`cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!keyMatches) throw broken('has a key that does not match its certificate');
  if (Date.parse(certificate.validTo) - Date.now() < RENEW_BEFORE_MS)
    throw broken(`expires on ${certificate.validTo}`);
  return { certificatePem, privateKeyPem };
}

async function isValidLeaf(certPath: string, keyPath: string, ca: LocalCa): Promise<boolean> {
  try {
    await access(keyPath, constants.R_OK);
    const certificate = new X509Certificate(await readFile(certPath, 'utf8'));
    const caCertificate = new X509Certificate(ca.certificatePem);
    return (
      certificate.verify(caCertificate.publicKey) &&
      Date.parse(certificate.validTo) - Date.now() > RENEW_BEFORE_MS
    );
  } catch {
    return false;
  }
}

// Key first, so a certificate on disk always has its key next to it.
export async function writeKeyPair(
  certPath: string,
  certificatePem: string,
  keyPath: string,
  privateKeyPem: string,
): Promise<void> {
  await writeFileAtomic(keyPath, privateKeyPem, 0o600);
  await writeFileAtomic(certPath, certificatePem, 0o644);
}

async function writeFileAtomic(path: string, content: string, mode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode });
  // writeFile's mode is filtered by the umask; keys must end up 0600 whatever it is.
  await chmod(temporary, mode);
  await rename(temporary, path);
}

async function readLogTail(logPath: string, fromByte: number): Promise<string> {
  try {
    const text = (await readFile(logPath)).subarray(fromByte).toString('utf8');
    return text.split('\n').slice(-15).join('\n').trim();
  } catch {
    return '';
  }
}

function tail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-4000);
  });
  return () => text.trim();
}
