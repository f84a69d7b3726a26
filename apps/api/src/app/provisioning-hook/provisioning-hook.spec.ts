import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import { createCa, generateKeyPairAndCsr, signCsr } from '@convergent/platform-data-access-iot';
import { ProvisioningClaimRepository } from '@convergent/fleet-data-access-gateways';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { AppModule } from '../app.module';
import { ProvisioningHookController } from './provisioning-hook.controller';
import { apiConfigSchema } from '../api-config';

const SECRET = 'hook-secret-'.padEnd(48, 'x');

// AWS IoT's pre-provisioning hook Lambda (infra/aws) posts here; this is what it gets back.
describe('provisioning hook endpoint', () => {
  let testDb: TestDatabase;
  let db: Database;
  let app: INestApplication;
  let url: string;
  let fixture: TenantFixture;
  let certificatePem: string;

  async function post(body: unknown, secret: string | null = SECRET) {
    const response = await fetch(`${url}/internal/provisioning-hook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { authorization: `Bearer ${secret}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const request = (token: string, thingName: string) => ({
    certificateId: randomUUID().replaceAll('-', ''),
    certificatePem,
    parameters: { ClaimToken: token, ThingName: thingName, SerialNumber: 'SN-1' },
  });

  beforeAll(async () => {
    testDb = await createTestDatabase();
    fixture = await createTenantFixture(testDb.ownerUrl);
    db = new Database({ url: testDb.appUrl });
    const ca = await createCa('AWS stand-in CA');
    const { csrPem } = await generateKeyPairAndCsr('press-gw-7');
    certificatePem = (await signCsr(ca, csrPem, { commonName: 'press-gw-7' })).certificatePem;
    const config = apiConfigSchema.parse({
      DATABASE_URL: testDb.appUrl,
      AUTH_TOKEN_SECRET: randomUUID() + randomUUID(),
      PROVISIONING_HOOK_SECRET: SECRET,
    });
    app = await NestFactory.create(AppModule.forConfig(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    await db.close();
    await testDb.drop();
  });

  it("accepts a valid claim once, registers the gateway under the claim's tenant and site, and refuses a reuse", async () => {
    const claim = await new ProvisioningClaimRepository(db).create(fixture.tenantId, fixture.siteId);
    const accepted = await post(request(claim.token, 'press-gw-7'));
    expect(accepted).toEqual({
      status: 200,
      body: { allow: true, siteId: fixture.siteId, gatewayId: expect.any(String) as unknown },
    });
    const owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    const gateways = await owner.query<{ tenant_id: string; thing_name: string }>(
      `SELECT tenant_id, thing_name FROM gateways WHERE id = $1`,
      [accepted.body['gatewayId']],
    );
    await owner.end();
    expect(gateways.rows).toEqual([{ tenant_id: fixture.tenantId, thing_name: 'press-gw-7' }]);

    expect(await post(request(claim.token, 'press-gw-8'))).toEqual({
      status: 200,
      body: { allow: false, reason: 'ClaimTokenUsed' },
    });
  });

  it('refuses malformed tokens, bad thing names and certificates without registering anything', async () => {
    const claim = await new ProvisioningClaimRepository(db).create(fixture.tenantId, fixture.siteId);
    expect((await post(request('not-a-token', 'gw-a'))).body).toEqual({
      allow: false,
      reason: 'ClaimTokenUnknown',
    });
    expect((await post(request(claim.token, 'bad name/with slash'))).body).toEqual({
      allow: false,
      reason: 'InvalidThingName',
    });
    expect((await post(request(claim.token, 'convergent-backend'))).body).toEqual({
      allow: false,
      reason: 'InvalidThingName',
    });
    expect((await post({ ...request(claim.token, 'gw-b'), certificatePem: 'garbage' })).body).toEqual({
      allow: false,
      reason: 'InvalidCertificate',
    });
    expect((await post({ parameters: 'x' })).body).toEqual({ allow: false, reason: 'InvalidPayload' });
    // The claim was not spent by any of these.
    expect((await post(request(claim.token, 'gw-c'))).body).toMatchObject({ allow: true });
  });

  it('answers 401 without the shared secret, and spends nothing', async () => {
    const claim = await new ProvisioningClaimRepository(db).create(fixture.tenantId, fixture.siteId);
    expect((await post(request(claim.token, 'gw-d'), null)).status).toBe(401);
    expect((await post(request(claim.token, 'gw-d'), SECRET.replace('x', 'y'))).status).toBe(401);
    expect((await post(request(claim.token, 'gw-d'))).body).toMatchObject({ allow: true });
  });

  it('is off (404) where no hook secret is configured', async () => {
    const controller = new ProvisioningHookController(null, new ProvisioningClaimRepository(db));
    await expect(controller.decide(`Bearer ${SECRET}`, request('x', 'y'))).rejects.toThrow('Not Found');
  });
});
