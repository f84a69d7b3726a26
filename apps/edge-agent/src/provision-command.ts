import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isValidThingName } from '@convergent/shared-util-contracts';
import {
  DEFAULT_PROVISIONING_TEMPLATE,
  MqttConnectError,
  MqttConnection,
  ProvisioningError,
  generateKeyPairAndCsr,
  provisionByClaim,
} from '@convergent/platform-data-access-iot';
import { parseEndpoint } from './agent-config';

// `convergent-edge provision`: turns a gateway holding only the shared claim certificate into a
// gateway with its own identity. The key pair is made here and never leaves the gateway; only the
// CSR and the claim token cross the broker.

export const PROVISION_USAGE = `Usage: convergent-edge provision --endpoint <host:port> --token <claim token> --thing <name> [options]

Gives this gateway its own certificate, using the claim token from the Convergent portal.

Options:
  --endpoint <host:port> broker or AWS IoT Core endpoint, e.g. localhost:8883
  --claim-cert <file>    the claim certificate the gateway shipped with (PEM)
  --claim-key <file>     its private key (PEM)
  --ca <file>            CA certificate to trust (PEM); default: the system trust store
  --token <token>        the one-time claim token (starts with cvgc_)
  --thing <name>         the name this gateway will have, e.g. press-line-1
  --serial <number>      this gateway's serial number, if the claim names one
  --template <name>      provisioning template (default ${DEFAULT_PROVISIONING_TEMPLATE})
  --out <dir>            where to write cert.pem, key.pem and agent.json
  --attempts <n>         tries while the broker cannot be reached, 1-20 (default 5)
  --wait-seconds <s>     how long each try waits for the broker, 1-120 (default 15)
  -h, --help             show this help
`;

export interface ProvisionOptions {
  endpoint: { host: string; port: number };
  claimCertPath: string;
  claimKeyPath: string;
  caPath?: string;
  token: string;
  thing: string;
  serial?: string;
  template: string;
  outDir: string;
  timeoutMs?: number;
  // Tries while the broker cannot be reached.
  attempts: number;
}

export interface ProvisionOutput {
  certPath: string;
  keyPath: string;
  configPath: string;
}

export class ProvisionUsageError extends Error {
  override readonly name = 'ProvisionUsageError';
}

export function parseProvisionArgs(argv: string[], cwd = process.cwd()): ProvisionOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      endpoint: { type: 'string' },
      'claim-cert': { type: 'string' },
      'claim-key': { type: 'string' },
      ca: { type: 'string' },
      token: { type: 'string' },
      thing: { type: 'string' },
      serial: { type: 'string' },
      template: { type: 'string' },
      attempts: { type: 'string' },
      'wait-seconds': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const missing = (['endpoint', 'claim-cert', 'claim-key', 'token', 'thing', 'out'] as const).filter(
    (flag) => values[flag] === undefined || values[flag] === '',
  );
  if (missing.length > 0)
    throw new ProvisionUsageError(`missing ${missing.map((flag) => `--${flag}`).join(', ')}`);
  const endpoint = parseEndpoint(values.endpoint ?? '');
  if (endpoint === null)
    throw new ProvisionUsageError(`--endpoint: "${values.endpoint}" is not host:port (e.g. localhost:8883)`);
  const thing = values.thing ?? '';
  if (!isValidThingName(thing)) throw new ProvisionUsageError('--thing: use 1-128 of A-Z a-z 0-9 : _ -');
  const attempts = wholeNumber(values.attempts, '--attempts', 5, 1, 20);
  const waitSeconds = wholeNumber(values['wait-seconds'], '--wait-seconds', 15, 1, 120);
  const options: ProvisionOptions = {
    endpoint,
    claimCertPath: resolve(cwd, values['claim-cert'] ?? ''),
    claimKeyPath: resolve(cwd, values['claim-key'] ?? ''),
    token: (values.token ?? '').trim(),
    thing,
    template: values.template ?? DEFAULT_PROVISIONING_TEMPLATE,
    outDir: resolve(cwd, values.out ?? ''),
    attempts,
    timeoutMs: waitSeconds * 1000,
  };
  if (values.ca !== undefined) options.caPath = resolve(cwd, values.ca);
  if (values.serial !== undefined && values.serial.trim() !== '') options.serial = values.serial.trim();
  return options;
}

function wholeNumber(
  value: string | undefined,
  flag: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max)
    throw new ProvisionUsageError(`${flag}: "${value}" is not a whole number from ${min} to ${max}`);
  return number;
}

export async function provisionGateway(options: ProvisionOptions): Promise<ProvisionOutput> {
  const { privateKeyPem, csrPem } = await generateKeyPairAndCsr(options.thing);
  const tls = { certPath: options.claimCertPath, keyPath: options.claimKeyPath };
  const connection = new MqttConnection({
    host: options.endpoint.host,
    port: options.endpoint.port,
    // Unique per attempt: two gateways provisioning at once must not take over each other's session.
    clientId: `${options.thing}-provisioning`,
    tls: options.caPath === undefined ? tls : { ...tls, caPath: options.caPath },
    connectTimeoutMs: options.timeoutMs ?? 15_000,
  });
  await connection.start();
  let identity;
  try {
    const request = {
      csrPem,
      privateKeyPem,
      claimToken: options.token,
      thingName: options.thing,
      templateName: options.template,
      timeoutMs: Math.max(options.timeoutMs ?? 30_000, 30_000),
    };
    identity = await provisionByClaim(
      connection,
      options.serial === undefined ? request : { ...request, serialNumber: options.serial },
    );
  } finally {
    await connection.stop(2_000);
  }

  await mkdir(options.outDir, { recursive: true, mode: 0o700 });
  const output = {
    certPath: join(options.outDir, 'cert.pem'),
    keyPath: join(options.outDir, 'key.pem'),
    configPath: join(options.outDir, 'agent.json'),
  };
  // Key first, so a certificate on disk always has its key next to it.
  await writePrivate(output.keyPath, privateKeyPem);
  await writePrivate(output.certPath, identity.certificatePem);
  const config: Record<string, unknown> = {
    endpoint: `${options.endpoint.host}:${options.endpoint.port}`,
    cert: 'cert.pem',
    key: 'key.pem',
    thing: identity.thingName,
  };
  if (options.caPath !== undefined) {
    await writeFile(join(options.outDir, 'ca.pem'), await readFile(options.caPath, 'utf8'), { mode: 0o644 });
    config['ca'] = 'ca.pem';
  }
  await writePrivate(output.configPath, `${JSON.stringify(config, null, 2)}\n`);
  return output;
}

export interface RetryPolicy {
  delayMs: number;
  onRetry?: (message: string) => void;
}

// A broker that cannot be reached yet (network still coming up, firewall being opened) is worth a
// few more tries; a refusal (wrong token, expired claim) is not.
export async function provisionWithRetry(
  options: ProvisionOptions,
  retry: RetryPolicy,
): Promise<ProvisionOutput> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await provisionGateway(options);
    } catch (error) {
      const unreachable = error instanceof MqttConnectError && error.code === 'unreachable';
      if (!unreachable || attempt >= options.attempts) throw error;
      const delayMs = retry.delayMs * attempt;
      retry.onRetry?.(
        `Cannot reach the broker at ${options.endpoint.host}:${options.endpoint.port} yet; trying again in ${Math.round(delayMs / 1000)} s (attempt ${attempt + 1} of ${options.attempts}).`,
      );
      await new Promise((wake) => setTimeout(wake, delayMs));
    }
  }
}

// What a technician reads when provisioning fails: what happened and what to do next.
export function explainProvisioningFailure(
  error: unknown,
  options: Pick<ProvisionOptions, 'endpoint'>,
): string {
  const endpoint = `${options.endpoint.host}:${options.endpoint.port}`;
  if (error instanceof MqttConnectError) {
    switch (error.code) {
      case 'unreachable':
        return `Cannot reach the broker at ${endpoint}. Check the network cable, the address and port, and that the gateway's clock is right; then run provision again. (${error.message})`;
      case 'refused':
        return `The broker at ${endpoint} refused the claim certificate. Check --claim-cert, --claim-key and --ca belong to this installation. (${error.message})`;
      case 'invalid-options':
        return `Cannot use the claim certificate files: ${error.message}. Check the paths given to --claim-cert, --claim-key and --ca.`;
      case 'stopped':
        return `Provisioning was interrupted. Run it again.`;
    }
  }
  if (error instanceof ProvisioningError) {
    switch (error.knownErrorCode) {
      case 'ClaimTokenUnknown':
        return 'The claim token is not known. Check it was typed or scanned completely (it starts with cvgc_).';
      case 'ClaimTokenUsed':
        return 'This claim token was already used by a gateway. Ask for a new claim in the Convergent portal.';
      case 'ClaimTokenExpired':
        return 'This claim token has expired. Ask for a new claim in the Convergent portal.';
      case 'ClaimSerialMismatch':
        return "This claim is for a gateway with another serial number. Check --serial against the gateway's label, or ask for a new claim.";
      case 'ClaimLocked':
        return 'This claim is locked after too many failed attempts. Ask for a new claim in the Convergent portal.';
      case 'ThingNameTaken':
        return 'Another gateway already has this name. Choose another --thing.';
      case 'InvalidCsr':
      case 'InvalidPayload':
      case 'InvalidCertificateOwnershipToken':
      case 'Throttled':
      case 'InternalError':
      case undefined:
        break;
    }
    if (error.failure === 'timeout')
      return `The provisioning service at ${endpoint} did not answer. Try again in a minute; if it keeps happening, the platform's provisioning service may be down.`;
    if (error.failure === 'not-authorized')
      return 'The broker does not let this certificate provision gateways. Check --claim-cert is the claim certificate.';
    return `Provisioning failed: ${error.message}`;
  }
  return `Provisioning failed: ${error instanceof Error ? error.message : String(error)}`;
}

async function writePrivate(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  // writeFile's mode is filtered by the umask.
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}
