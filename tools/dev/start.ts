// `npm start`: the whole platform on this machine with a demo tenant and a simulated fleet.
// Preflight (tools/dev/preflight.mjs) has already installed dependencies and found the services.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { seedDemoTenant, type DemoSeed } from '@convergent/database';
import {
  issueLocalGatewayIdentity,
  startBroker,
  type BrokerHandle,
} from '@convergent/platform-data-access-iot';
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

// Each simulated machine runs at the ideal cycle time of the product on it (the simulator adds
// realistic slow cycles and stops), so the demo's effectiveness looks like a real plant's.
async function idealCycleTimes(): Promise<Map<string, number>> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ id: string; ms: number }>(
      `SELECT m.id, p.ideal_cycle_time_ms AS ms FROM assets m JOIN products p ON p.id = m.current_product_id`,
    );
    return new Map(rows.map((r) => [r.id, r.ms]));
  } finally {
    await owner.end();
  }
}

async function writeAgentConfigs(seed: DemoSeed, broker: BrokerHandle): Promise<string[]> {
  const cycleTimes = await idealCycleTimes();
  return Promise.all(
    seed.gateways.map(async (gateway) => {
      const identity = await issueLocalGatewayIdentity(stateDir, gateway.thingName);
      const dataDir = join(stateDir, 'gateways', gateway.thingName, 'data');
      mkdirSync(dataDir, { recursive: true });
      const configPath = join(stateDir, 'gateways', gateway.thingName, 'agent.json');
      writeFileSync(
        configPath,
        JSON.stringify(
          {
            endpoint: `${broker.host}:${broker.port}`,
            cert: identity.certPath,
            key: identity.keyPath,
            ca: identity.caPath,
            thing: gateway.thingName,
            machines: gateway.machines.map((m) => m.sourceKey),
            simulatedCycleTimesMs: Object.fromEntries(
              gateway.machines.flatMap((m) => {
                const ms = cycleTimes.get(m.machineId);
                return ms === undefined ? [] : [[m.sourceKey, ms]];
              }),
            ),
            intervalMs: 5000,
            dataDir,
          },
          null,
          2,
        ),
      );
      return configPath;
    }),
  );
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
  const agentConfigs = await writeAgentConfigs(seed, broker);

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
  supervisor.start('worker', [...runTs, 'apps/worker/src/main.ts'], common, restart);
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
  agentConfigs.forEach((configPath, i) =>
    supervisor.start(
      `edge-agent-${seed.gateways[i]?.thingName ?? i}`,
      [...runTs, 'apps/edge-agent/src/main.ts', 'run', '--config', configPath],
      {},
      restart,
    ),
  );
  step(`${agentConfigs.length} simulated gateways publishing`);
  await supervisor.waitForHttp(portal, `http://127.0.0.1:${ports.portal}/`, 60_000);
  console.log(banner(seed));
}

main().catch(async (error: unknown) => {
  console.error(`\n✖ npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await cleanUp();
  process.exit(1);
});
