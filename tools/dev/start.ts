// `npm start`: the whole platform on this machine with a demo tenant and a simulated fleet.
// Preflight (tools/dev/preflight.mjs) has already installed dependencies and found the services.
import { X509Certificate, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { seedDemoTenant, type DemoSeed } from '@convergent/database';
import { Database } from '@convergent/platform-data-access-db';
import { ProvisioningClaimRepository } from '@convergent/fleet-data-access-gateways';
import { certificateFingerprint, startBroker, type BrokerHandle } from '@convergent/platform-data-access-iot';
import { ProcessSupervisor } from '@convergent/platform-data-access-testing';

const root = resolve(__dirname, '../..');
const stateDir = join(root, '.state');
const env = process.env;
const ports = {
  api: Number(env['API_PORT'] ?? 3000),
  portal: Number(env['PORTAL_PORT'] ?? 4200),
  ingestHealth: Number(env['INGEST_HEALTH_PORT'] ?? 3002),
  broker: Number(env['MQTT_PORT'] ?? 8883),
};
const databaseName = env['CONVERGENT_DB_NAME'] ?? 'convergent';
const server = new URL(env['CONVERGENT_PG_URL'] ?? 'postgresql://root@127.0.0.1:5432/postgres');
const ownerUrl = withDatabase(server, databaseName);
const appUrl = withDatabase(server, databaseName, 'convergent_app');
const runTs = ['-r', join(root, 'tools/register-ts.cjs')];
// The worker's Node.js flags (why: apps/worker/node-flags.json).
const WORKER_NODE_FLAGS = (
  JSON.parse(readFileSync(join(root, 'apps/worker/node-flags.json'), 'utf8')) as { flags: string[] }
).flags;

function withDatabase(base: URL, database: string, user?: string): string {
  const url = new URL(base.toString());
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

// Before anything starts: a second `npm start` (or another program) on our ports would otherwise
// answer our health checks and hide the failure.
async function assertPortsFree(): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portIsFree(port))) taken.push(`${name} port ${port}`);
  }
  if (taken.length > 0) {
    throw new Error(
      `${taken.join(', ')} ${taken.length > 1 ? 'are' : 'is'} in use: is another \`npm start\` running? ` +
        'Stop it, or choose other ports with API_PORT, PORTAL_PORT, INGEST_HEALTH_PORT and MQTT_PORT.',
    );
  }
}

function step(text: string): void {
  console.log(`• ${text}`);
}

// Generated once and kept in the git-ignored state folder, so sessions survive a restart.
function localSecrets(): { authTokenSecret: string } {
  const path = join(stateDir, 'secrets.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as { authTokenSecret: string };
  const secrets = { authTokenSecret: randomBytes(32).toString('base64url') };
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function ensureDatabase(): Promise<void> {
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${databaseName.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
}

function migrate(): void {
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/prisma/build/index.js'),
      'migrate',
      'deploy',
      '--config',
      'prisma/prisma.config.ts',
    ],
    { cwd: root, env: { ...env, MIGRATE_DATABASE_URL: ownerUrl }, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`migrations failed:\n${result.stdout}\n${result.stderr}`);
}

async function idealCycleTimes(owner: Client): Promise<Map<string, number>> {
  const { rows } = await owner.query<{ id: string; ms: number }>(
    `SELECT m.id, p.ideal_cycle_time_ms AS ms FROM assets m JOIN products p ON p.id = m.current_product_id`,
  );
  return new Map(rows.map((r) => [r.id, r.ms]));
}

interface DemoGatewayFiles {
  thingName: string;
  configPath: string;
}

// The demo fleet provisions itself as a real gateway would: a claim for its site (made here from
// the seed, as an administrator would in the portal), then `convergent-edge provision` with the
// shared claim certificate, answered by ingest. A gateway whose identity is still valid (same CA,
// same certificate as the database knows) keeps it; otherwise its registration goes back to
// "pending" (a replaced device) and it provisions again, keeping its machines.
async function provisionDemoFleet(
  seed: DemoSeed,
  broker: BrokerHandle,
): Promise<{ gateways: DemoGatewayFiles[]; provisioned: number }> {
  const db = new Database({ url: appUrl });
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const claims = new ProvisioningClaimRepository(db);
    const cycleTimes = await idealCycleTimes(owner);
    // One query at a time on the owner connection; the provisioning runs in parallel.
    const tokens = new Map<string, string>();
    for (const gateway of seed.gateways) {
      const dir = join(stateDir, 'gateways', gateway.thingName);
      if (await hasValidIdentity(owner, gateway.id, dir, broker)) continue;
      await owner.query(
        `UPDATE gateways SET status = 'pending', certificate_id = NULL, certificate_fingerprint = NULL,
                certificate_expires_at = NULL WHERE id = $1`,
        [gateway.id],
      );
      const claim = await claims.create(seed.tenantId, gateway.siteId, { expiresInMs: 10 * 60_000 });
      tokens.set(gateway.thingName, claim.token);
    }
    const gateways = await Promise.all(
      seed.gateways.map(async (gateway, index) => {
        const dir = join(stateDir, 'gateways', gateway.thingName);
        const token = tokens.get(gateway.thingName);
        if (token !== undefined) await provisionGateway(gateway.thingName, token, dir, broker);
        const configPath = join(dir, 'agent.json');
        writeDemoAgentConfig(configPath, gateway, cycleTimes, index);
        return { thingName: gateway.thingName, configPath };
      }),
    );
    return { gateways, provisioned: tokens.size };
  } finally {
    await owner.end();
    await db.close();
  }
}

async function hasValidIdentity(
  owner: Client,
  gatewayId: string,
  dir: string,
  broker: BrokerHandle,
): Promise<boolean> {
  try {
    const certificate = new X509Certificate(readFileSync(join(dir, 'cert.pem')));
    const ca = new X509Certificate(readFileSync(broker.pki.caCertPath));
    const { rows } = await owner.query<{ fingerprint: string | null; status: string }>(
      'SELECT certificate_fingerprint AS fingerprint, status FROM gateways WHERE id = $1',
      [gatewayId],
    );
    return (
      existsSync(join(dir, 'key.pem')) &&
      certificate.verify(ca.publicKey) &&
      Date.parse(certificate.validTo) > Date.now() + 24 * 3600_000 &&
      rows[0]?.status === 'active' &&
      rows[0].fingerprint === certificateFingerprint(certificate.toString())
    );
  } catch {
    return false;
  }
}

function provisionGateway(
  thingName: string,
  token: string,
  dir: string,
  broker: BrokerHandle,
): Promise<void> {
  const args = [
    ...runTs,
    'apps/edge-agent/src/main.ts',
    'provision',
    ...['--endpoint', `${broker.host}:${broker.port}`, '--thing', thingName, '--token', token],
    ...['--claim-cert', broker.pki.claimCertPath, '--claim-key', broker.pki.claimKeyPath],
    ...['--ca', broker.pki.caCertPath, '--out', dir],
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`provisioning ${thingName} failed:\n${output.trim()}`)),
    );
  });
}

// Each simulated machine runs at the ideal cycle time of the product on it (the simulator adds
// slow cycles, minor stops, breakdowns and changeovers); the first machine of every line wears
// out over two hours of running, so its vibration and temperature show a failure coming.
function writeDemoAgentConfig(
  configPath: string,
  gateway: DemoSeed['gateways'][number],
  cycleTimes: Map<string, number>,
  index: number,
): void {
  const provisioned = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  const config = {
    ...provisioned,
    machines: gateway.machines.map((machine, position) => ({
      key: machine.sourceKey,
      source: {
        kind: 'simulator',
        ...(cycleTimes.has(machine.machineId) ? { cycleTimeMs: cycleTimes.get(machine.machineId) } : {}),
        ...(position === 0 ? { driftToFailureMs: (2 + index) * 3600_000 } : {}),
        sensorSampleMs: 5_000,
        sensorDeadband: 0.05,
      },
    })),
    intervalMs: 5000,
    dataDir: join(dirname(configPath), 'data'),
  };
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

function banner(seed: DemoSeed): string {
  const users = seed.users
    .map(
      (u) =>
        `    ${u.email.padEnd(44)} ${u.password}   (${u.role}${u.sites === 'all' ? '' : ', one site only'})`,
    )
    .join('\n');
  return [
    '',
    '━━ Convergent is running',
    `  portal     http://127.0.0.1:${ports.portal}/`,
    `  GraphQL    http://127.0.0.1:${ports.api}/graphql`,
    `  broker     mqtts://127.0.0.1:${ports.broker} (mutual TLS; CA and identities in .state/pki and .state/gateways)`,
    `  logs       .state/logs/`,
    '  demo logins (local only):',
    users,
    `  simulated gateways: ${seed.gateways.map((g) => g.thingName).join(', ')}`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

let cleanUp: () => Promise<void> = () => Promise.resolve();

async function main(): Promise<void> {
  mkdirSync(stateDir, { recursive: true });
  await assertPortsFree();
  const secrets = localSecrets();
  await ensureDatabase();
  migrate();
  step(`database "${databaseName}" migrated`);
  const seed = await seedDemoTenant(ownerUrl);
  step(`demo tenant "${seed.tenantSlug}": ${seed.sites.length} sites, ${seed.machines.length} machines`);
  const broker = await startBroker(stateDir, { port: ports.broker });
  step(`MQTT broker (Mosquitto, mutual TLS) on ${broker.host}:${broker.port}`);

  const supervisor = new ProcessSupervisor(root, join(stateDir, 'logs'));
  cleanUp = async () => {
    await supervisor.stopAll();
    await broker.stop();
  };
  const shutdown = async () => {
    console.log('\n• stopping ...');
    await cleanUp();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  // A process that crashes is started again, as a process manager would in production.
  const restart = { restart: true };
  const common = { DATABASE_URL: appUrl, REDIS_URL: env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' };
  const api = supervisor.start(
    'api',
    [...runTs, 'apps/api/src/main.ts'],
    {
      ...common,
      API_PORT: String(ports.api),
      AUTH_TOKEN_SECRET: secrets.authTokenSecret,
    },
    restart,
  );
  const ingest = supervisor.start(
    'ingest',
    [...runTs, 'apps/ingest/src/main.ts'],
    {
      ...common,
      MQTT_HOST: broker.host,
      MQTT_PORT: String(broker.port),
      MQTT_CERT_PATH: broker.pki.backendCertPath,
      MQTT_KEY_PATH: broker.pki.backendKeyPath,
      MQTT_CA_PATH: broker.pki.caCertPath,
      INGEST_HEALTH_PORT: String(ports.ingestHealth),
    },
    restart,
  );
  supervisor.start('worker', [...WORKER_NODE_FLAGS, ...runTs, 'apps/worker/src/main.ts'], common, restart);
  const portal = supervisor.start(
    'portal',
    [join(root, 'node_modules/vite/bin/vite.js'), '--config', 'apps/portal/vite.config.mts'],
    { PORTAL_PORT: String(ports.portal), API_URL: `http://127.0.0.1:${ports.api}` },
    restart,
  );
  await supervisor.waitForHttp(api, `http://127.0.0.1:${ports.api}/health`, 90_000);
  step('api is up');
  await supervisor.waitForHttp(ingest, `http://127.0.0.1:${ports.ingestHealth}/health`, 90_000);
  step('ingest is up and subscribed');
  // Provisioning needs ingest: it answers fleet provisioning in the local profile.
  const { gateways: fleet, provisioned } = await provisionDemoFleet(seed, broker);
  step(
    provisioned > 0
      ? `${provisioned} of ${fleet.length} simulated gateways provisioned themselves by claim`
      : `${fleet.length} simulated gateways kept their identities`,
  );
  for (const gateway of fleet)
    supervisor.start(
      `edge-agent-${gateway.thingName}`,
      [...runTs, 'apps/edge-agent/src/main.ts', 'run', '--config', gateway.configPath],
      {},
      restart,
    );
  step(`${fleet.length} simulated gateways publishing`);
  await supervisor.waitForHttp(portal, `http://127.0.0.1:${ports.portal}/`, 60_000);
  console.log(banner(seed));
}

main().catch(async (error: unknown) => {
  console.error(`\n✖ npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await cleanUp();
  process.exit(1);
});
