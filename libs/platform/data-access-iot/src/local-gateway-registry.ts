import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { INGEST_SHARE_GROUP, isValidThingName } from '@convergent/shared-util-contracts';
import {
  BACKEND_IDENTITY,
  CLAIM_IDENTITY,
  LocalBrokerError,
  ensureLocalPki,
  findRunningBroker,
  isReservedIdentity,
  localBrokerPaths,
  readCa,
  readLocalCa,
  writeKeyPair,
  type GatewayIdentityFiles,
  type RunningBroker,
} from './local-broker';
import { generateKeyPairAndCsr, signCsr } from './local-ca';
import {
  DYNSEC_CONTROL_TOPIC,
  DYNSEC_RESPONSE_TOPIC,
  dynamicSecurityConfig,
  registerGatewayCommands,
  revokeGatewayCommands,
  withGateway,
  withoutGateway,
  type DynsecCommand,
  type DynsecConfig,
} from './local-dynamic-security';
import { recordIssuedCertificate, revokeIssuedCertificates } from './local-revocation';
import { MqttConnection } from './mqtt-connection';

// Registers and revokes gateways on the local broker, as AWS IoT Core's thing registry and
// certificate status do in production. While the broker of the state folder runs, through the
// dynamic-security plugin's $CONTROL topic (as the backend identity); otherwise in the plugin's
// file, which the broker loads when it starts.

interface DynsecResponse {
  command: string;
  error?: string;
  correlationData?: string;
}

const CONTROL_TIMEOUT_MS = 5_000;
// The answers to deleting what does not exist, expected when registration makes itself idempotent.
const NOT_FOUND = /not found/i;

// A development gateway identity: a key pair and a certificate signed by the state folder's CA,
// registered with the broker at once (what fleet provisioning's RegisterThing does for a real
// gateway, whose key never leaves it: see generateKeyPairAndCsr and signCsr).
export async function issueLocalGatewayIdentity(
  stateDir: string,
  thingName: string,
  options: { validityDays?: number } = {},
): Promise<GatewayIdentityFiles> {
  if (!isValidThingName(thingName)) {
    throw new LocalBrokerError(
      'invalid-option',
      `invalid thing name "${thingName}": use 1-128 of A-Z a-z 0-9 : _ -`,
    );
  }
  if (isReservedIdentity(thingName)) {
    throw new LocalBrokerError(
      'invalid-option',
      `"${thingName}" is one of the platform's own identities, not a thing name`,
    );
  }
  const paths = localBrokerPaths(stateDir);
  const pki = await ensureLocalPki(stateDir);
  const ca = await readCa(pki);
  if (ca === null)
    throw new LocalBrokerError('start-failed', `the local CA in ${dirname(pki.caCertPath)} cannot be read`);
  const { privateKeyPem, csrPem } = await generateKeyPairAndCsr(thingName);
  const issued = await signCsr(ca, csrPem, { commonName: thingName, validityDays: options.validityDays });
  const dir = join(paths.gatewaysDir, thingName);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const identity = {
    thingName,
    certPath: join(dir, 'cert.pem'),
    keyPath: join(dir, 'key.pem'),
    caPath: pki.caCertPath,
  };
  await writeKeyPair(identity.certPath, issued.certificatePem, identity.keyPath, privateKeyPem);
  await recordIssuedCertificate(paths, issued.certificatePem);
  await registerLocalGateway(stateDir, thingName);
  return identity;
}

export async function registerLocalGateway(stateDir: string, thingName: string): Promise<void> {
  assertGatewayName(thingName);
  const running = await findRunningBroker(stateDir);
  if (running === null) {
    await updateDynsecFile(stateDir, (config) => withGateway(config, thingName));
    return;
  }
  await sendControl(stateDir, running, registerGatewayCommands(thingName));
}

// Disconnects the gateway at once, takes every right away from its identity, and revokes every
// certificate the local CA issued for it: from then on its TLS handshake fails.
export async function revokeLocalGateway(
  stateDir: string,
  thingName: string,
): Promise<{ revokedCertificates: number }> {
  assertGatewayName(thingName);
  const paths = localBrokerPaths(stateDir);
  const revokedCertificates = await revokeIssuedCertificates(
    paths,
    await readLocalCa(paths.pki.caCertPath, paths.pki.caKeyPath),
    thingName,
  );
  const running = await findRunningBroker(stateDir);
  if (running === null) {
    await updateDynsecFile(stateDir, (config) => withoutGateway(config, thingName));
  } else {
    await sendControl(stateDir, running, revokeGatewayCommands(thingName));
    // Mosquitto re-reads the revocation list on SIGHUP (the plugin's state stays as it is).
    process.kill(running.pid, 'SIGHUP');
  }
  return { revokedCertificates };
}

function assertGatewayName(thingName: string): void {
  if (!isValidThingName(thingName) || isReservedIdentity(thingName)) {
    throw new LocalBrokerError('invalid-option', `"${thingName}" is not a gateway's thing name`);
  }
}

async function updateDynsecFile(
  stateDir: string,
  change: (config: DynsecConfig) => DynsecConfig,
): Promise<void> {
  const path = localBrokerPaths(stateDir).dynamicSecurityPath;
  let config: DynsecConfig | null = null;
  try {
    config = JSON.parse(await readFile(path, 'utf8')) as DynsecConfig;
  } catch {
    // No broker started from this folder yet: begin with the platform's own identities.
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  }
  config ??= dynamicSecurityConfig(null, {
    backend: BACKEND_IDENTITY,
    claim: CLAIM_IDENTITY,
    shareGroup: INGEST_SHARE_GROUP,
  });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(change(config), null, 2), { mode: 0o600 });
  await rename(temporary, path);
}

async function sendControl(
  stateDir: string,
  broker: RunningBroker,
  commands: DynsecCommand[],
): Promise<void> {
  const { pki } = localBrokerPaths(stateDir);
  const connection = new MqttConnection({
    host: broker.host,
    port: broker.port,
    clientId: `${BACKEND_IDENTITY}-control-${randomUUID().slice(0, 8)}`,
    tls: { certPath: pki.backendCertPath, keyPath: pki.backendKeyPath, caPath: pki.caCertPath },
    backend: true,
    connectTimeoutMs: CONTROL_TIMEOUT_MS,
  });
  const correlationData = randomUUID();
  try {
    const answered = new Promise<DynsecResponse[]>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new LocalBrokerError('start-failed', 'the broker did not answer the dynamic-security command'),
          ),
        CONTROL_TIMEOUT_MS,
      );
      connection.onMessage((topic, payload) => {
        if (topic !== DYNSEC_RESPONSE_TOPIC) return;
        const { responses } = JSON.parse(payload.toString('utf8')) as { responses: DynsecResponse[] };
        if (!responses.some((response) => response.correlationData === correlationData)) return;
        clearTimeout(timer);
        resolve(responses);
      });
    });
    await connection.start();
    await connection.subscribe([{ topic: DYNSEC_RESPONSE_TOPIC, qos: 1 }]);
    await connection.publish(
      DYNSEC_CONTROL_TOPIC,
      JSON.stringify({ commands: commands.map((command) => ({ ...command, correlationData })) }),
      1,
    );
    const failures = (await answered).filter(
      (response) => response.error !== undefined && !NOT_FOUND.test(response.error),
    );
    if (failures.length > 0) {
      throw new LocalBrokerError(
        'invalid-option',
        `the broker refused ${failures.map((failure) => `${failure.command}: ${failure.error ?? ''}`).join('; ')}`,
      );
    }
  } finally {
    await connection.stop(2_000);
  }
}
