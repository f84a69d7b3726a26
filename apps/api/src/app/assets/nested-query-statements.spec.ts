import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { addMember, startApi, type RunningApi } from '../testing/running-api';

const DEEP = `{
  assets(kind: site, first: 2) { edges { node { name
    children(kind: line, first: 10) { edges { node { name
      children(first: 25) { edges { node { name latestKpi { oee } } } } } } } } } }
}`;

interface Deep {
  assets: {
    edges: Array<{
      node: {
        children: {
          edges: Array<{
            node: { children: { edges: Array<{ node: { latestKpi: { oee: number } | null } }> } };
          }>;
        };
      };
    }>;
  };
}

// Every statement any pg client of this process sends (Prisma's adapter and the API's pool alike).
function countStatements(): { count: () => number; stop: () => void } {
  const spy = jest.spyOn(Client.prototype, 'query');
  return { count: () => spy.mock.calls.length, stop: () => spy.mockRestore() };
}

describe('a deep query site → lines → machines → latest KPI', () => {
  let testDb: TestDatabase;
  let api: RunningApi;
  let a: TenantFixture;
  let owner: Client;
  let token: string;
  let secondLine: string;

  async function addMachine(lineId: string, index: number): Promise<void> {
    const id = randomUUID();
    await owner.query(
      `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id)
       VALUES ($1, $2, $3, 'machine', $4, ARRAY[$5, $3, $1]::uuid[], 2, $5)`,
      [id, a.tenantId, lineId, `Machine ${index}`, a.siteId],
    );
    await addKpi(id);
  }

  async function addKpi(machineId: string): Promise<void> {
    await owner.query(
      `INSERT INTO kpi_results (tenant_id, asset_id, granularity, bucket_start, bucket_end, pot_ms, pdt_ms, apt_ms, asut_ms,
         adet_ms, unknown_ms, produced_quantity, scrap_quantity, rework_quantity, ideal_production_ms, ideal_good_ms, final)
       VALUES ($1, $2, 'hour', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z', 3600000, 0, 3600000, 0, 0, 0,
         100, 0, 0, 1800000, 1800000, true)`,
      [a.tenantId, machineId],
    );
  }

  async function statementsFor(machines: number): Promise<number> {
    const counter = countStatements();
    try {
      const result = await api.gql<Deep>(DEEP, {}, token);
      const found = result.data?.assets.edges.flatMap((site) =>
        site.node.children.edges.flatMap((line) =>
          line.node.children.edges.map((m) => m.node.latestKpi?.oee),
        ),
      );
      expect(result.errors).toBeUndefined();
      expect(found).toHaveLength(machines);
      expect(found?.every((oee) => oee !== undefined && oee > 0)).toBe(true);
      return counter.count();
    } finally {
      counter.stop();
    }
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = await createTenantFixture(testDb.ownerUrl);
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    secondLine = randomUUID();
    await owner.query(
      `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id)
       VALUES ($1, $2, $3, 'line', 'Line 2', ARRAY[$3, $1]::uuid[], 1, $3)`,
      [secondLine, a.tenantId, a.siteId],
    );
    await addKpi(a.machineId);
    await addMember(testDb.ownerUrl, a.tenantId, 'viewer@a.example', 'viewer');
    api = await startApi(testDb.appUrl);
    token = await api.login('viewer@a.example');
  });

  afterAll(async () => {
    await owner.end();
    await api.app.close();
    await testDb.drop();
  });

  it('issues as many SQL statements for 20 machines as for 2', async () => {
    await addMachine(secondLine, 2);
    const forTwo = await statementsFor(2);
    for (let i = 3; i <= 20; i += 1) await addMachine(i % 2 ? a.lineId : secondLine, i);
    const forTwenty = await statementsFor(20);
    expect(forTwenty).toBe(forTwo);
    // About one transaction (BEGIN, set tenant, SELECT, COMMIT) per level, plus the credential's:
    // 23 at the time of writing.
    expect(forTwo).toBeGreaterThanOrEqual(16);
    expect(forTwo).toBeLessThanOrEqual(30);
  });
});
