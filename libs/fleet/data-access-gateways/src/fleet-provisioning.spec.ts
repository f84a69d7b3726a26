import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import {
  MqttConnection,
  MqttPublishError,
  ProvisioningError,
  certificateMatchesKey,
  generateKeyPairAndCsr,
  provisionByClaim,
  readLocalCa,
  LocalGatewayControlPlane,
  startBroker,
  type BrokerHandle,
  type ProvisionedIdentity,
} from '@convergent/platform-data-access-iot';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { FleetProvisioningService } from './fleet-provisioning.service';
import { LocalProvisioningConsumer } from './local-provisioning.consumer';
import { ProvisioningClaimRepository } from './provisioning-claim.repository';

// End to end on the real local broker and PostgreSQL: gateways provision through the SDK's identity
// client with the shared claim certificate, the responder answers in-process.

jest.setTimeout(90_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('fleet provisioning by claim (local profile)', () => {
  let testDb: TestDatabase;
  let db: Database;
  let owner: Client;
  let fixture: TenantFixture;
  let stateDir: string;
  let broker: BrokerHandle;
  let backend: MqttConnection;
  let consumer: LocalProvisioningConsumer;
  let claims: ProvisioningClaimRepository;
  const connections: MqttConnection[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase();
    fixture = await createTenantFixture(testDb.ownerUrl);
    db = new Database({ url: testDb.appUrl });
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    stateDir = await mkdtemp(join(tmpdir(), 'cvg-provisioning-'));
    broker = await startBroker(stateDir, { port: 0 });
    backend = connect('convergent-backend-test', broker.pki.backendCertPath, broker.pki.backendKeyPath, true);
    await backend.start();
    claims = new ProvisioningClaimRepository(db);
    const service = new FleetProvisioningService({
      ca: await readLocalCa(broker.pki.caCertPath, broker.pki.caKeyPath),
      claims,
      logger: silent,
      controlPlane: new LocalGatewayControlPlane(stateDir),
    });
    consumer = new LocalProvisioningConsumer(backend, service, silent, 'convergent-gateway');
    await consumer.start();
  });

  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.stop(2000)));
  });

  afterAll(async () => {
    await consumer?.stop();
    await backend?.stop(2000);
    await broker?.stop();
    await owner?.end();
    await db?.close();
    await testDb?.drop();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  function connect(clientId: string, certPath: string, keyPath: string, isBackend = false): MqttConnection {
    const connection = new MqttConnection({
      host: broker.host,
      port: broker.port,
      clientId,
      tls: { certPath, keyPath, caPath: broker.pki.caCertPath },
      backend: isBackend,
      connectTimeoutMs: 5000,
    });
    if (!isBackend) connections.push(connection);
    return connection;
  }

  async function provision(
    thingName: string,
    claimToken: string,
    serialNumber?: string,
  ): Promise<ProvisionedIdentity & { privateKeyPem: string }> {
    // Each attempt on a connection of its own, closed afterwards: a second live connection with
    // the same client id would make the broker hand the session back and forth between them.
    const claimConnection = connect(`claim-${thingName}`, broker.pki.claimCertPath, broker.pki.claimKeyPath);
    await claimConnection.start();
    try {
      const { privateKeyPem, csrPem } = await generateKeyPairAndCsr(thingName);
      const request = { csrPem, privateKeyPem, claimToken, thingName, timeoutMs: 20_000 };
      const identity = await provisionByClaim(
        claimConnection,
        serialNumber === undefined ? request : { ...request, serialNumber },
      );
      return { ...identity, privateKeyPem };
    } finally {
      await claimConnection.stop();
    }
  }

  async function refusal(promise: Promise<unknown>): Promise<ProvisioningError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProvisioningError);
    return error as ProvisioningError;
  }

  it('provisions a gateway that then connects with its own certificate and owns its topics only', async () => {
    const claim = await claims.create(fixture.tenantId, fixture.siteId, { expectedSerial: 'SN-100' });

    const identity = await provision('gw-fresh-1', claim.token, 'SN-100');

    expect(identity.thingName).toBe('gw-fresh-1');
    expect(new X509Certificate(identity.certificatePem).subject).toBe('CN=gw-fresh-1');
    expect(certificateMatchesKey(identity.certificatePem, identity.privateKeyPem)).toBe(true);
    const { rows } = await owner.query<{
      tenant_id: string;
      site_id: string;
      status: string;
      serial_number: string;
      certificate_id: string;
    }>(
      `SELECT tenant_id, site_id, status, serial_number, certificate_id FROM gateways WHERE thing_name = 'gw-fresh-1'`,
    );
    expect(rows).toEqual([
      {
        tenant_id: fixture.tenantId,
        site_id: fixture.siteId,
        status: 'active',
        serial_number: 'SN-100',
        certificate_id: identity.certificateId,
      },
    ]);
    const claimRow = await owner.query<{ consumed: boolean }>(
      `SELECT consumed_at IS NOT NULL AS consumed FROM provisioning_claims WHERE id = $1`,
      [claim.claimId],
    );
    expect(claimRow.rows[0]?.consumed).toBe(true);

    const dir = await mkdtemp(join(stateDir, 'gw-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'cert.pem'), identity.certificatePem);
    await writeFile(join(dir, 'key.pem'), identity.privateKeyPem, { mode: 0o600 });
    const gateway = connect('gw-fresh-1', join(dir, 'cert.pem'), join(dir, 'key.pem'));
    await gateway.start();
    await expect(gateway.publish('cvg/gw-fresh-1/telemetry', '{}', 1)).resolves.toBeUndefined();
    const denied = await gateway
      .publish(`cvg/${fixture.thingName}/telemetry`, '{}', 1)
      .catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(MqttPublishError);
    expect((denied as MqttPublishError).notAuthorized).toBe(true);
  });

  it('refuses a reused claim with the AWS-shaped error, and counts the attempt', async () => {
    const claim = await claims.create(fixture.tenantId, fixture.siteId);
    await provision('gw-reuse-1', claim.token);

    const error = await refusal(provision('gw-reuse-2', claim.token));

    expect(error.step).toBe('RegisterThing');
    expect(error.errorCode).toBe('ClaimTokenUsed');
    expect(error.statusCode).toBe(400);
    const { rows } = await owner.query<{ failed_attempts: number }>(
      'SELECT failed_attempts FROM provisioning_claims WHERE id = $1',
      [claim.claimId],
    );
    expect(rows[0]?.failed_attempts).toBe(1);
    const gateways = await owner.query(`SELECT 1 FROM gateways WHERE thing_name = 'gw-reuse-2'`);
    expect(gateways.rowCount).toBe(0);
  });

  it('refuses an expired claim, a wrong serial and an unknown token', async () => {
    const expired = await claims.create(fixture.tenantId, fixture.siteId);
    await owner.query(
      `UPDATE provisioning_claims SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expired.claimId],
    );
    expect((await refusal(provision('gw-expired', expired.token))).errorCode).toBe('ClaimTokenExpired');

    const serialBound = await claims.create(fixture.tenantId, fixture.siteId, { expectedSerial: 'SN-1' });
    expect((await refusal(provision('gw-serial', serialBound.token, 'SN-2'))).errorCode).toBe(
      'ClaimSerialMismatch',
    );
    // The claim stays usable by the right gateway.
    await expect(provision('gw-serial', serialBound.token, 'SN-1')).resolves.toMatchObject({
      thingName: 'gw-serial',
    });

    expect((await refusal(provision('gw-unknown', 'cvgc_AAAAAAAAAAAAAAAAAAAAAAAAAAA'))).errorCode).toBe(
      'ClaimTokenUnknown',
    );
  });

  it('locks a claim after five failed attempts', async () => {
    const claim = await claims.create(fixture.tenantId, fixture.siteId, { expectedSerial: 'SN-LOCK' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await refusal(provision(`gw-lock-${attempt}`, claim.token, 'WRONG'))).errorCode).toBe(
        'ClaimSerialMismatch',
      );
    }
    expect((await refusal(provision('gw-lock-ok', claim.token, 'SN-LOCK'))).errorCode).toBe('ClaimLocked');
  });

  it('refuses a certificate for a thing name that is already registered', async () => {
    const claim = await claims.create(fixture.tenantId, fixture.siteId);
    const error = await refusal(provision(fixture.thingName, claim.token));
    expect(error.step).toBe('CreateCertificateFromCsr');
    expect(error.errorCode).toBe('ThingNameTaken');
  });

  it('gives five gateways provisioning at once each their own identity', async () => {
    const created = await Promise.all(
      [0, 1, 2, 3, 4].map(() => claims.create(fixture.tenantId, fixture.siteId)),
    );

    const identities = await Promise.all(
      created.map((claim, index) => provision(`gw-burst-${index}`, claim.token)),
    );

    identities.forEach((identity, index) => {
      expect(identity.thingName).toBe(`gw-burst-${index}`);
      expect(new X509Certificate(identity.certificatePem).subject).toBe(`CN=gw-burst-${index}`);
      expect(certificateMatchesKey(identity.certificatePem, identity.privateKeyPem)).toBe(true);
    });
    const { rows } = await owner.query<{ thing_name: string; certificate_id: string }>(
      `SELECT thing_name, certificate_id FROM gateways WHERE thing_name LIKE 'gw-burst-%' ORDER BY thing_name`,
    );
    expect(rows.map((row) => row.certificate_id)).toEqual(
      identities.map((identity) => identity.certificateId),
    );
  });

  it('lets the claim certificate use the provisioning topics and nothing else', async () => {
    const claimConnection = connect('claim-only', broker.pki.claimCertPath, broker.pki.claimKeyPath);
    await claimConnection.start();
    for (const topic of ['cvg/convergent-claim/telemetry', `cvg/${fixture.thingName}/telemetry`]) {
      const error = await claimConnection.publish(topic, '{}', 1).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(MqttPublishError);
      expect((error as MqttPublishError).notAuthorized).toBe(true);
    }
    expect(await readFile(broker.pki.claimCertPath, 'utf8')).toContain('BEGIN CERTIFICATE');
  });
});
