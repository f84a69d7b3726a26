import { Database } from '@convergent/platform-data-access-db';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { DeadLetterRepository } from './dead-letter.repository';

describe('DeadLetterRepository', () => {
  let testDb: TestDatabase;
  let db: Database;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = await createTenantFixture(testDb.ownerUrl);
    b = await createTenantFixture(testDb.ownerUrl);
    db = new Database({ url: testDb.appUrl, poolSize: 2 });
  });

  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  it("counts dead letters per gateway within the tenant only, unknown senders' included nowhere", async () => {
    const repository = new DeadLetterRepository(db);
    const letter = (tenantId: string | null, thingName: string) => ({
      tenantId,
      thingName,
      topic: `cvg/${thingName}/state`,
      reason: 'schema violation: v: unsupported protocol version: expected 1',
      payload: new TextEncoder().encode('{"v":2}'),
    });
    const before = new Date(Date.now() - 1000);
    await repository.record([
      letter(a.tenantId, a.thingName),
      letter(a.tenantId, a.thingName),
      letter(b.tenantId, b.thingName),
      letter(null, 'gw-rogue'),
    ]);
    expect(await repository.countByGateway(a.tenantId, before)).toEqual(new Map([[a.thingName, 2]]));
    expect(await repository.countByGateway(b.tenantId, before)).toEqual(new Map([[b.thingName, 1]]));
    expect(await repository.countByGateway(a.tenantId, new Date(Date.now() + 60_000))).toEqual(new Map());
  });
});
