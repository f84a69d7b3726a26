import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { addMember, ownerQuery as ownerQueryAs, startApi, type RunningApi } from '../testing/running-api';

interface Node {
  id: string;
  name: string;
  kind: string;
  siteId: string | null;
  depth: number;
}

const CREATE = `mutation ($input: CreateAssetInput!) { createAsset(input: $input) { id name kind siteId depth } }`;
const MOVE = `mutation ($id: ID!, $to: ID) { moveAsset(id: $id, newParentId: $to) { id siteId depth } }`;

describe('asset hierarchy over GraphQL', () => {
  let testDb: TestDatabase;
  let api: RunningApi;
  let a: TenantFixture;
  let b: TenantFixture;
  let admin: string;
  let operator: string;
  let secondSite: Node;
  let rita: string;

  const ownerQuery = <R extends object>(sql: string, values: unknown[] = []) =>
    ownerQueryAs<R>(testDb.ownerUrl, sql, values);

  async function create(input: Record<string, unknown>): Promise<Node> {
    const result = await api.gql<{ createAsset: Node }>(CREATE, { input }, admin);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.createAsset;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = await createTenantFixture(testDb.ownerUrl);
    b = await createTenantFixture(testDb.ownerUrl);
    await addMember(testDb.ownerUrl, a.tenantId, 'admin@a.example', 'admin');
    await addMember(testDb.ownerUrl, a.tenantId, 'op@a.example', 'operator');
    api = await startApi(testDb.appUrl);
    admin = await api.login('admin@a.example');
    operator = await api.login('op@a.example');
    secondSite = await create({ kind: 'site', name: 'Osaka', timeZone: 'Asia/Tokyo' });
    await addMember(testDb.ownerUrl, a.tenantId, 'rita@a.example', 'operator', [secondSite.id]);
    rita = await api.login('rita@a.example');
  });

  afterAll(async () => {
    await api.app.close();
    await testDb.drop();
  });

  it('builds a tree in ISA-95 order and audits each change with its after state', async () => {
    const area = await create({ kind: 'area', name: 'Assembly', parentId: secondSite.id });
    const line = await create({ kind: 'line', name: 'Line A', parentId: area.id });
    const machine = await create({ kind: 'machine', name: 'Robot 1', parentId: line.id, code: 'R1' });
    expect(machine).toMatchObject({ siteId: secondSite.id, depth: 3 });
    const audit = await ownerQuery<{ action: string; after: { name: string } }>(
      `SELECT action, after FROM audit_log WHERE entity_id = $1`,
      [machine.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit).toMatchObject([{ action: 'asset.create', after: { name: 'Robot 1', code: 'R1' } }]);
  });

  it.each([
    [
      { kind: 'machine', name: 'Floating' },
      'BAD_USER_INPUT',
      'a machine must be placed inside a site (give parentId)',
    ],
    [{ kind: 'site', name: 'Nowhere' }, 'BAD_USER_INPUT', 'a site needs an IANA time zone'],
    [
      { kind: 'site', name: 'Mars', timeZone: 'Mars/Olympus' },
      'BAD_USER_INPUT',
      '"Mars/Olympus" is not an IANA time zone',
    ],
    [
      { kind: 'site', name: '  ', timeZone: 'UTC' },
      'BAD_USER_INPUT',
      'an asset name must be 1 to 120 characters',
    ],
    [
      { kind: 'site', name: 'plant', timeZone: 'UTC' },
      'CONFLICT',
      'there is already a top-level asset named "plant"',
    ],
  ])('refuses %j with %s', async (input, code, message) => {
    const result = await api.gql(CREATE, { input }, admin);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code } });
    expect(result.errors?.[0]?.message).toContain(message);
  });

  it('refuses a level out of order, naming both assets', async () => {
    const result = await api.gql(
      CREATE,
      { input: { kind: 'line', name: 'Under a press', parentId: a.machineId } },
      admin,
    );
    expect(result.errors?.[0]?.message).toBe(
      'a line cannot be placed under the machine "Press 1": ISA-95 levels run enterprise > site > area > line > cell > machine',
    );
  });

  it('lets only admins change the tree', async () => {
    const result = await api.gql(
      CREATE,
      { input: { kind: 'area', name: 'Paint', parentId: a.siteId } },
      operator,
    );
    expect(result.errors?.[0]).toMatchObject({
      message: 'only admin members may change the asset tree; you are operator',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('lets an admin restricted to some sites build inside them, but not create sites', async () => {
    await addMember(testDb.ownerUrl, a.tenantId, 'site-admin@a.example', 'admin', [secondSite.id]);
    const siteAdmin = await api.login('site-admin@a.example');
    const site = await api.gql(
      CREATE,
      { input: { kind: 'site', name: 'Hidden', timeZone: 'UTC' } },
      siteAdmin,
    );
    expect(site.errors?.[0]).toMatchObject({
      message:
        'you may see only some sites, so you cannot create a site: ask an administrator who sees all sites',
      extensions: { code: 'FORBIDDEN' },
    });
    const outside = await api.gql(
      CREATE,
      { input: { kind: 'line', name: 'Sneaky', parentId: a.siteId } },
      siteAdmin,
    );
    expect(outside.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const inside = await api.gql<{ createAsset: Node }>(
      CREATE,
      { input: { kind: 'line', name: 'Osaka line', parentId: secondSite.id } },
      siteAdmin,
    );
    expect(inside.data?.createAsset.siteId).toBe(secondSite.id);
  });

  it('moves a subtree to another site: ancestors, depth and site follow, and the move is audited', async () => {
    const area = await create({ kind: 'area', name: 'Welding', parentId: a.siteId });
    const line = await create({ kind: 'line', name: 'Weld line', parentId: area.id });
    const cell = await create({ kind: 'cell', name: 'Weld cell', parentId: line.id });
    const moved = await api.gql<{ moveAsset: Node }>(MOVE, { id: line.id, to: secondSite.id }, admin);
    expect(moved.data?.moveAsset).toMatchObject({ siteId: secondSite.id, depth: 1 });
    const crumbs = await api.gql<{
      asset: { depth: number; siteId: string; ancestors: Array<{ name: string }> };
    }>(`query ($id: ID!) { asset(id: $id) { depth siteId ancestors { name } } }`, { id: cell.id }, admin);
    expect(crumbs.data?.asset).toEqual({
      depth: 2,
      siteId: secondSite.id,
      ancestors: [{ name: 'Osaka' }, { name: 'Weld line' }],
    });
    const [entry] = await ownerQuery<{ before: { siteId: string }; after: { siteId: string } }>(
      `SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'asset.move'`,
      [line.id],
    );
    expect(entry).toMatchObject({ before: { siteId: a.siteId }, after: { siteId: secondSite.id } });
  });

  it('refuses a move into its own subtree and a move that breaks the level order', async () => {
    const cycle = await api.gql(MOVE, { id: a.lineId, to: a.machineId }, admin);
    expect(cycle.errors?.[0]?.message).toBe(
      '"Line 1" cannot move under "Press 1", which is inside it: that would make a cycle',
    );
    const self = await api.gql(MOVE, { id: a.lineId, to: a.lineId }, admin);
    expect(self.errors?.[0]?.message).toBe('"Line 1" cannot be its own parent');
    const order = await api.gql(MOVE, { id: a.siteId, to: secondSite.id }, admin);
    expect(order.errors?.[0]?.message).toContain('a site cannot be placed under the site "Osaka"');
    const foreign = await api.gql(MOVE, { id: a.lineId, to: b.siteId }, admin);
    expect(foreign.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('renames, refusing a sibling name, and sets a site time zone', async () => {
    const spare = await create({ kind: 'line', name: 'Spare', parentId: a.siteId });
    const clash = await api.gql(
      `mutation ($id: ID!) { renameAsset(id: $id, name: "line 1") { name } }`,
      { id: spare.id },
      admin,
    );
    expect(clash.errors?.[0]).toMatchObject({
      message: 'its parent already has an asset named "line 1"',
      extensions: { code: 'CONFLICT' },
    });
    const renamed = await api.gql<{ renameAsset: { name: string } }>(
      `mutation ($id: ID!) { renameAsset(id: $id, name: " Line 9 ") { name } }`,
      { id: spare.id },
      admin,
    );
    expect(renamed.data?.renameAsset.name).toBe('Line 9');
    const zone = await api.gql<{ setSiteTimeZone: { timeZone: string } }>(
      `mutation ($id: ID!) { setSiteTimeZone(id: $id, timeZone: "Europe/Berlin") { timeZone } }`,
      { id: a.siteId },
      admin,
    );
    expect(zone.data?.setSiteTimeZone.timeZone).toBe('Europe/Berlin');
    const notSite = await api.gql(
      `mutation ($id: ID!) { setSiteTimeZone(id: $id, timeZone: "UTC") { id } }`,
      { id: spare.id },
      admin,
    );
    expect(notSite.errors?.[0]?.message).toBe('only sites have a time zone; "Line 9" is a line');
  });

  it('archives only leaves, and deletes only what has no children and no data', async () => {
    const busy = await api.gql(
      `mutation ($id: ID!) { archiveAsset(id: $id) { id } }`,
      { id: a.lineId },
      admin,
    );
    expect(busy.errors?.[0]).toMatchObject({
      message: '"Line 1" still has 1 active child: archive or move it first',
      extensions: { code: 'CONFLICT' },
    });
    const withData = await api.gql(
      `mutation ($id: ID!) { deleteAsset(id: $id) }`,
      { id: a.machineId },
      admin,
    );
    expect(withData.errors?.[0]).toMatchObject({
      message: '"Press 1" cannot be deleted: it has a gateway mapping; archive it instead',
      extensions: { code: 'CONFLICT', uses: ['a gateway mapping'] },
    });
    const mistake = await create({ kind: 'line', name: 'Typo line', parentId: a.siteId });
    expect(
      (await api.gql(`mutation ($id: ID!) { deleteAsset(id: $id) }`, { id: mistake.id }, admin)).data,
    ).toEqual({
      deleteAsset: mistake.id,
    });
    const old = await create({ kind: 'line', name: 'Old line', parentId: a.siteId });
    await api.gql(`mutation ($id: ID!) { archiveAsset(id: $id) { id } }`, { id: old.id }, admin);
    const listed = await api.gql<{ assets: { edges: Array<{ node: { id: string } }> } }>(
      `{ assets(kind: line, first: 100) { edges { node { id } } } }`,
      {},
      admin,
    );
    expect(listed.data?.assets.edges.map((e) => e.node.id)).not.toContain(old.id);
    const actions = await ownerQuery<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = ANY($1::text[]) ORDER BY at`,
      [[mistake.id, old.id]],
    );
    expect(actions.map((x) => x.action)).toEqual([
      'asset.create',
      'asset.delete',
      'asset.create',
      'asset.archive',
    ]);
  });

  it('searches names case-insensitively within the sites the user may see', async () => {
    const search = `query ($q: String!) { assets(nameContains: $q, orderBy: NAME) { totalCount edges { node { name } } } }`;
    const all = await api.gql<{ assets: { edges: Array<{ node: { name: string } }> } }>(
      search,
      { q: 'ROBOT' },
      admin,
    );
    expect(all.data?.assets.edges.map((e) => e.node.name)).toEqual(['Robot 1']);
    const presses = await api.gql<{ assets: { totalCount: number } }>(search, { q: 'press' }, rita);
    expect(presses.data?.assets.totalCount).toBe(0);
    const wildcard = await api.gql<{ assets: { totalCount: number } }>(search, { q: '%' }, admin);
    expect(wildcard.data?.assets.totalCount).toBe(0);
  });

  it('applies site visibility in nested fields: breadcrumbs, parents and children stop at the user’s sites', async () => {
    const enterprise = await create({ kind: 'enterprise', name: 'Group' });
    const moved = await api.gql(MOVE, { id: secondSite.id, to: enterprise.id }, admin);
    expect(moved.errors).toBeUndefined();
    const query = `query ($id: ID!) { asset(id: $id) { name parent { name } ancestors { name } site { name } } }`;
    const [robot] = await ownerQuery<{ id: string }>(`SELECT id FROM assets WHERE name = 'Robot 1'`);
    const forAdmin = await api.gql<{ asset: { ancestors: Array<{ name: string }> } }>(
      query,
      { id: robot?.id },
      admin,
    );
    expect(forAdmin.data?.asset.ancestors.map((x) => x.name)).toEqual([
      'Group',
      'Osaka',
      'Assembly',
      'Line A',
    ]);
    const forRita = await api.gql<{ asset: { ancestors: Array<{ name: string }> } }>(
      query,
      { id: robot?.id },
      rita,
    );
    expect(forRita.data?.asset.ancestors.map((x) => x.name)).toEqual(['Osaka', 'Assembly', 'Line A']);
    const site = await api.gql<{ asset: { parent: unknown; site: { name: string } } }>(
      query,
      { id: secondSite.id },
      rita,
    );
    expect(site.data?.asset).toMatchObject({ parent: null, site: { name: 'Osaka' } });
    expect((await api.gql<{ asset: unknown }>(query, { id: a.machineId }, rita)).data?.asset).toBeNull();
    const roots = await api.gql<{
      assets: { edges: Array<{ node: { name: string; children: { totalCount: number } } }> };
    }>(`{ assets(kind: enterprise) { edges { node { name children { totalCount } } } } }`, {}, rita);
    expect(roots.data?.assets.edges).toEqual([]);
  });

  it('pages with cursors, and refuses a page size over the limit and a forged cursor', async () => {
    const page = `query ($after: String) { assets(first: 2, after: $after, orderBy: NAME) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } } }`;
    type Page = {
      assets: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ node: { name: string } }>;
      };
    };
    const names: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const result: Page | undefined = (await api.gql<Page>(page, { after }, admin)).data;
      names.push(...(result?.assets.edges.map((e) => e.node.name) ?? []));
      total = result?.assets.totalCount ?? 0;
      after = result?.assets.pageInfo.hasNextPage ? result.assets.pageInfo.endCursor : null;
    } while (after);
    expect(names).toHaveLength(total);
    expect(new Set(names).size).toBe(total);
    const tooMany = await api.gql(`{ assets(first: 101) { totalCount } }`, {}, admin);
    expect(tooMany.errors?.[0]).toMatchObject({
      message: '"first" must be between 1 and 100; it was 101',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const forged = await api.gql(`{ assets(after: "bm90LWEtY3Vyc29y") { totalCount } }`, {}, admin);
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
