import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import { ProvisioningClaimRepository } from '@convergent/fleet-data-access-gateways';
import { findFreePort, startBroker, type BrokerHandle } from '@convergent/platform-data-access-iot';
import {
  ProcessSupervisor,
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';

// `convergent-edge provision` and `doctor` as a technician runs them, against the local profile:
// Mosquitto with the shared claim certificate, ingest answering fleet provisioning, claims in
// PostgreSQL.

const root = resolve(__dirname, '../../..');
const cli = join(root, 'apps/edge-agent/bin/convergent-edge.cjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function convergentEdge(args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe('convergent-edge provision against the local profile', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'cvg-edge-e2e-'));
  const supervisor = new ProcessSupervisor(root, join(stateDir, 'logs'));
  let testDb: TestDatabase;
  let fixture: TenantFixture;
  let db: Database;
  let owner: Client;
  let broker: BrokerHandle;
  let claims: ProvisioningClaimRepository;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    fixture = await createTenantFixture(testDb.ownerUrl);
    db = new Database({ url: testDb.appUrl });
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    claims = new ProvisioningClaimRepository(db);
    broker = await startBroker(join(stateDir, 'broker'), { port: 0 });
    const healthPort = await findFreePort();
    const ingest = supervisor.start(
      'ingest',
      ['-r', join(root, 'tools/register-ts.cjs'), 'apps/ingest/src/main.ts'],
      {
        DATABASE_URL: testDb.appUrl,
        QUEUE_PREFIX: `edge-e2e-${healthPort}`,
        LOG_LEVEL: 'warn',
        MQTT_HOST: broker.host,
        MQTT_PORT: String(broker.port),
        MQTT_CLIENT_ID: `ingest-edge-e2e-${healthPort}`,
        MQTT_CERT_PATH: broker.pki.backendCertPath,
        MQTT_KEY_PATH: broker.pki.backendKeyPath,
        MQTT_CA_PATH: broker.pki.caCertPath,
        INGEST_HEALTH_PORT: String(healthPort),
      },
    );
    await supervisor.waitForHttp(ingest, `http://127.0.0.1:${healthPort}/health`, 90_000);
  });

  afterAll(async () => {
    await supervisor.stopAll();
    await broker?.stop();
    await owner?.end();
    await db?.close();
    await testDb?.drop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const provisionArgs = (token: string, thing: string, port = broker.port) => [
    'provision',
    ...['--endpoint', `${broker.host}:${port}`, '--token', token, '--thing', thing],
    ...['--claim-cert', broker.pki.claimCertPath, '--claim-key', broker.pki.claimKeyPath],
    ...['--ca', broker.pki.caCertPath, '--out', join(stateDir, thing)],
  ];

  it('gives a gateway its own identity, registered in the cloud, and doctor passes it', async () => {
    const claim = await claims.create(fixture.tenantId, fixture.siteId);
    const run = await convergentEdge(provisionArgs(claim.token, 'gw-e2e-new'));
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Done: gw-e2e-new has its own certificate.');
    expect(run.code).toBe(0);

    const certificate = new X509Certificate(readFileSync(join(stateDir, 'gw-e2e-new', 'cert.pem')));
    const { rows } = await owner.query<{ status: string; certificate_fingerprint: string; site_id: string }>(
      'SELECT status, certificate_fingerprint, site_id FROM gateways WHERE thing_name = $1',
      ['gw-e2e-new'],
    );
    expect(rows).toEqual([
      {
        status: 'active',
        certificate_fingerprint: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
        site_id: fixture.siteId,
      },
    ]);

    // Step 3 of the install: the technician adds the machines; then doctor.
    const configPath = join(stateDir, 'gw-e2e-new', 'agent.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(configPath, JSON.stringify({ ...config, machines: ['press-1'], dataDir: 'data' }));
    const doctor = await convergentEdge(['doctor', '--config', configPath]);
    expect(doctor.stdout).toContain('All checks passed.');
    expect(doctor.code).toBe(0);
  });

  it('takes over a gateway registered ahead of its device: same id (so its machine mappings) and name', async () => {
    await owner.query(
      `INSERT INTO gateways (id, tenant_id, site_id, thing_name, name, status)
       VALUES (gen_random_uuid(), $1, $2, 'gw-e2e-pending', 'Line 2 gateway', 'pending')`,
      [fixture.tenantId, fixture.siteId],
    );
    const before = await owner.query<{ id: string }>(
      `SELECT id FROM gateways WHERE thing_name = 'gw-e2e-pending'`,
    );
    const claim = await claims.create(fixture.tenantId, fixture.siteId);
    const run = await convergentEdge(provisionArgs(claim.token, 'gw-e2e-pending'));
    expect(run.code).toBe(0);
    const after = await owner.query<{ id: string; status: string; name: string }>(
      `SELECT id, status, name FROM gateways WHERE thing_name = 'gw-e2e-pending'`,
    );
    expect(after.rows).toEqual([{ id: before.rows[0]?.id, status: 'active', name: 'Line 2 gateway' }]);
  });

  it('refuses a wrong token and says what to do', async () => {
    const run = await convergentEdge(provisionArgs('cvgc_AAAAAAAAAAAAAAAAAAAAAAAAAAA', 'gw-e2e-wrong'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The claim token is not known.');
  });

  it('refuses an expired token and says to ask for a new claim', async () => {
    const claim = await claims.create(fixture.tenantId, fixture.siteId);
    await owner.query(
      `UPDATE provisioning_claims SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [claim.claimId],
    );
    const run = await convergentEdge(provisionArgs(claim.token, 'gw-e2e-expired'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'This claim token has expired. Ask for a new claim in the Convergent portal.',
    );
  });

  it('retries a broker that is down, then explains what to check', async () => {
    const claim = await claims.create(fixture.tenantId, fixture.siteId);
    const closed = await findFreePort();
    const run = await convergentEdge([
      ...provisionArgs(claim.token, 'gw-e2e-offline', closed),
      ...['--attempts', '2', '--wait-seconds', '2'],
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Cannot reach the broker at .* trying again in 5 s \(attempt 2 of 2\)/);
    expect(run.stderr).toMatch(/Cannot reach the broker at .*Check the network cable/);
  });
});
