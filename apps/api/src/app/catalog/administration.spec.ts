import { randomUUID } from 'node:crypto';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { addMember, ownerQuery as ownerQueryAs, startApi, type RunningApi } from '../testing/running-api';

describe('products, reason codes, shift calendars and gateways over GraphQL', () => {
  let testDb: TestDatabase;
  let api: RunningApi;
  let a: TenantFixture;
  let admin: string;
  let operator: string;
  let rita: string;
  const otherSite = randomUUID();

  const ownerQuery = <R extends object>(sql: string, values: unknown[] = []) =>
    ownerQueryAs<R>(testDb.ownerUrl, sql, values);

  async function ok<T>(query: string, variables: Record<string, unknown>, token = admin): Promise<T> {
    const result = await api.gql<T>(query, variables, token);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data;
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    a = await createTenantFixture(testDb.ownerUrl);
    await ownerQuery(
      `INSERT INTO assets (id, tenant_id, kind, name, ancestors, depth, site_id, time_zone)
       VALUES ($1, $2, 'site', 'Other plant', ARRAY[$1]::uuid[], 0, $1, 'Asia/Tokyo')`,
      [otherSite, a.tenantId],
    );
    await addMember(testDb.ownerUrl, a.tenantId, 'admin@a.example', 'admin');
    await addMember(testDb.ownerUrl, a.tenantId, 'op@a.example', 'operator');
    await addMember(testDb.ownerUrl, a.tenantId, 'rita@a.example', 'viewer', [otherSite]);
    api = await startApi(testDb.appUrl);
    admin = await api.login('admin@a.example');
    operator = await api.login('op@a.example');
    rita = await api.login('rita@a.example');
  });

  afterAll(async () => {
    await api.app.close();
    await testDb.drop();
  });

  describe('products', () => {
    const CREATE = `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id code idealCycleTimeMs } }`;

    it('creates, finds and refuses duplicates, bad ideal times and non-admins', async () => {
      const { createProduct } = await ok<{ createProduct: { id: string } }>(CREATE, {
        input: { code: 'HSG-2', name: 'Housing', idealCycleTimeMs: 2400 },
      });
      const found = await ok<{ products: { totalCount: number; edges: Array<{ node: { code: string } }> } }>(
        `{ products(search: "hous") { totalCount edges { node { code } } } }`,
        {},
        operator,
      );
      expect(found.products).toEqual({ totalCount: 1, edges: [{ node: { code: 'HSG-2' } }] });
      const duplicate = await api.gql(
        CREATE,
        { input: { code: 'HSG-2', name: 'Again', idealCycleTimeMs: 1 } },
        admin,
      );
      expect(duplicate.errors?.[0]).toMatchObject({
        message: 'there is already a product with code "HSG-2"',
        extensions: { code: 'CONFLICT' },
      });
      const zero = await api.gql(CREATE, { input: { code: 'Z', name: 'Zero', idealCycleTimeMs: 0 } }, admin);
      expect(zero.errors?.[0]?.message).toBe(
        'idealCycleTimeMs must be more than 0 and at most one day (86400000)',
      );
      const denied = await api.gql(
        CREATE,
        { input: { code: 'X', name: 'X', idealCycleTimeMs: 5 } },
        operator,
      );
      expect(denied.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const audit = await ownerQuery(
        `SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'product.create'`,
        [createProduct.id],
      );
      expect(audit).toHaveLength(1);
    });

    it("switches a machine's product by ending its run and starting one, and keeps products that ran", async () => {
      const { createProduct } = await ok<{ createProduct: { id: string } }>(CREATE, {
        input: { code: 'CAP-1', name: 'Cap', idealCycleTimeMs: 900 },
      });
      await ok(`mutation ($m: ID!, $p: ID) { setMachineProduct(machineId: $m, productId: $p) }`, {
        m: a.machineId,
        p: createProduct.id,
      });
      const machine = await ok<{ asset: { currentProduct: { code: string; idealCycleTimeMs: number } } }>(
        `query ($id: ID!) { asset(id: $id) { currentProduct { code idealCycleTimeMs } } }`,
        { id: a.machineId },
        operator,
      );
      expect(machine.asset.currentProduct).toEqual({ code: 'CAP-1', idealCycleTimeMs: 900 });
      const runs = await ownerQuery<{ ended: boolean }>(
        `SELECT ended_at IS NOT NULL AS ended FROM product_runs WHERE machine_id = $1 AND product_id = $2`,
        [a.machineId, createProduct.id],
      );
      expect(runs).toEqual([{ ended: false }]);
      const running = await api.gql(
        `mutation ($id: ID!) { deleteProduct(id: $id) }`,
        { id: createProduct.id },
        admin,
      );
      expect(running.errors?.[0]).toMatchObject({
        message: 'product "CAP-1" cannot be deleted: 1 machine(s) run it',
        extensions: { code: 'CONFLICT' },
      });
      await ok(`mutation ($m: ID!) { setMachineProduct(machineId: $m, productId: null) }`, {
        m: a.machineId,
      });
      const ran = await api.gql(
        `mutation ($id: ID!) { deleteProduct(id: $id) }`,
        { id: createProduct.id },
        admin,
      );
      expect(ran.errors?.[0]?.message).toBe('product "CAP-1" cannot be deleted: it ran 1 time(s)');
    });

    it("keeps a machine's own ideal cycle time for a product, shown only to those who see the machine", async () => {
      const SET = `mutation ($m: ID!, $p: ID!, $ms: Float) { setMachineCycleTime(machineId: $m, productId: $p, idealCycleTimeMs: $ms) { machineName idealCycleTimeMs } }`;
      const { createProduct } = await ok<{ createProduct: { id: string } }>(CREATE, {
        input: { code: 'RIB-3', name: 'Rib', idealCycleTimeMs: 2000 },
      });
      const set = await ok<{ setMachineCycleTime: unknown }>(SET, {
        m: a.machineId,
        p: createProduct.id,
        ms: 1800,
      });
      expect(set.setMachineCycleTime).toEqual({ machineName: 'Press 1', idealCycleTimeMs: 1800 });
      const LIST = `{ products(search: "RIB-3") { edges { node { machineCycleTimes { machineId idealCycleTimeMs } } } } }`;
      const listed = async (token: string) =>
        (
          await ok<{ products: { edges: Array<{ node: { machineCycleTimes: unknown[] } }> } }>(
            LIST,
            {},
            token,
          )
        ).products.edges[0]?.node.machineCycleTimes;
      expect(await listed(operator)).toEqual([{ machineId: a.machineId, idealCycleTimeMs: 1800 }]);
      // Rita sees only the other plant, not Press 1.
      expect(await listed(rita)).toEqual([]);

      const bad = await api.gql(SET, { m: a.machineId, p: createProduct.id, ms: -5 }, admin);
      expect(bad.errors?.[0]?.message).toBe(
        'idealCycleTimeMs must be more than 0 and at most one day (86400000)',
      );
      const denied = await api.gql(SET, { m: a.machineId, p: createProduct.id, ms: 1000 }, operator);
      expect(denied.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      const notMachine = await api.gql(SET, { m: a.lineId, p: createProduct.id, ms: 1000 }, admin);
      expect(notMachine.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

      const cleared = await ok<{ setMachineCycleTime: unknown }>(SET, {
        m: a.machineId,
        p: createProduct.id,
        ms: null,
      });
      expect(cleared.setMachineCycleTime).toBeNull();
      expect(await listed(admin)).toEqual([]);
      const audit = await ownerQuery<{ before: unknown; after: unknown }>(
        `SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'machine.set_cycle_time' ORDER BY at`,
        [a.machineId],
      );
      expect(audit).toEqual([
        {
          before: { productId: createProduct.id, idealCycleTimeMs: null },
          after: { productId: createProduct.id, idealCycleTimeMs: 1800 },
        },
        {
          before: { productId: createProduct.id, idealCycleTimeMs: 1800 },
          after: { productId: createProduct.id, idealCycleTimeMs: null },
        },
      ]);
    });
  });

  describe('downtime reasons', () => {
    it('lists by loss class, archives without losing the code, and refuses a duplicate code', async () => {
      const create = `mutation ($input: CreateDowntimeReasonInput!) { createDowntimeReason(input: $input) { id code lossClass } }`;
      const jam = await ok<{ createDowntimeReason: { id: string } }>(create, {
        input: { code: 'JAM', name: 'Material jam', lossClass: 'minor_stop' },
      });
      await ok(create, { input: { code: 'BRK', name: 'Breakdown', lossClass: 'breakdown' } });
      const list = `query ($archived: Boolean!) { downtimeReasons(lossClass: minor_stop, includeArchived: $archived) { totalCount edges { node { code archivedAt } } } }`;
      expect(
        (await ok<{ downtimeReasons: { totalCount: number } }>(list, { archived: false }, operator))
          .downtimeReasons.totalCount,
      ).toBe(1);
      await ok(`mutation ($id: ID!) { updateDowntimeReason(id: $id, input: { archived: true }) { id } }`, {
        id: jam.createDowntimeReason.id,
      });
      expect(
        (await ok<{ downtimeReasons: { totalCount: number } }>(list, { archived: false })).downtimeReasons
          .totalCount,
      ).toBe(0);
      expect(
        (await ok<{ downtimeReasons: { totalCount: number } }>(list, { archived: true })).downtimeReasons
          .totalCount,
      ).toBe(1);
      const duplicate = await api.gql(
        create,
        { input: { code: 'JAM', name: 'x', lossClass: 'setup' } },
        admin,
      );
      expect(duplicate.errors?.[0]?.message).toBe('there is already a downtime reason with code "JAM"');
    });
  });

  describe('shift calendars', () => {
    const FIELDS = `id name shifts { id name startTime endTime daysOfWeek crews } plannedStops { id name } holidays { id date name }`;

    it('builds a calendar of shifts with crews, planned stops and holidays, audited, with specific refusals', async () => {
      const { createShiftCalendar: calendar } = await ok<{ createShiftCalendar: { id: string } }>(
        `mutation ($input: CreateShiftCalendarInput!) { createShiftCalendar(input: $input) { ${FIELDS} } }`,
        { input: { assetId: a.lineId, name: 'Line 1 three shifts' } },
      );
      const night = await ok<{ setShift: { shifts: Array<{ name: string; crews: string[] }> } }>(
        `mutation ($id: ID!, $input: ShiftInput!) { setShift(calendarId: $id, input: $input) { ${FIELDS} } }`,
        {
          id: calendar.id,
          input: {
            name: 'Night',
            startTime: '22:00',
            endTime: '06:00',
            daysOfWeek: [5, 1, 1],
            crews: ['A', 'B'],
          },
        },
      );
      expect(night.setShift.shifts).toEqual([
        expect.objectContaining({
          name: 'Night',
          startTime: '22:00',
          endTime: '06:00',
          daysOfWeek: [1, 5],
          crews: ['A', 'B'],
        }) as unknown,
      ]);
      const badTime = await api.gql(
        `mutation ($id: ID!) { setShift(calendarId: $id, input: { name: "Late", startTime: "25:00", endTime: "06:00", daysOfWeek: [1] }) { id } }`,
        { id: calendar.id },
        admin,
      );
      expect(badTime.errors?.[0]?.message).toBe(
        'startTime must be a local time "HH:MM" (00:00 to 23:59), got "25:00"',
      );
      const badDays = await api.gql(
        `mutation ($id: ID!) { setShift(calendarId: $id, input: { name: "Late", startTime: "14:00", endTime: "22:00", daysOfWeek: [0] }) { id } }`,
        { id: calendar.id },
        admin,
      );
      expect(badDays.errors?.[0]?.message).toBe(
        'daysOfWeek must list ISO weekdays 1 (Monday) to 7 (Sunday), at least one',
      );
      await ok(
        `mutation ($id: ID!) { addPlannedStop(calendarId: $id, input: { name: "Lunch", startTime: "12:00", endTime: "12:30", daysOfWeek: [1,2,3,4,5] }) { id } }`,
        { id: calendar.id },
      );
      const holiday = `mutation ($id: ID!) { addHoliday(calendarId: $id, input: { date: "2026-12-25", name: "Christmas" }) { ${FIELDS} } }`;
      const withHoliday = await ok<{ addHoliday: { holidays: Array<{ id: string; date: string }> } }>(
        holiday,
        { id: calendar.id },
      );
      expect(withHoliday.addHoliday.holidays.map((h) => h.date)).toEqual(['2026-12-25']);
      const again = await api.gql(holiday, { id: calendar.id }, admin);
      expect(again.errors?.[0]).toMatchObject({
        message: 'the calendar already has a holiday on 2026-12-25',
        extensions: { code: 'CONFLICT' },
      });
      const badDate = await api.gql(
        `mutation ($id: ID!) { addHoliday(calendarId: $id, input: { date: "2026-02-30", name: "x" }) { id } }`,
        { id: calendar.id },
        admin,
      );
      expect(badDate.errors?.[0]?.message).toBe('date must be a date "YYYY-MM-DD", got "2026-02-30"');
      const removed = await ok<{ removeCalendarPart: { holidays: unknown[] } }>(
        `mutation ($id: ID!) { removeCalendarPart(part: HOLIDAY, id: $id) { ${FIELDS} } }`,
        { id: withHoliday.addHoliday.holidays[0]?.id },
      );
      expect(removed.removeCalendarPart.holidays).toEqual([]);
      const actions = await ownerQuery<{ action: string }>(
        `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at, action`,
        [calendar.id],
      );
      expect(actions.map((x) => x.action)).toEqual([
        'shift_calendar.create',
        'shift_calendar.shift.set',
        'shift_calendar.planned_stop.add',
        'shift_calendar.holiday.add',
        'shift_calendar.holiday.remove',
      ]);
    });

    it('shows a restricted user only the calendars of their sites, and lets only admins change one', async () => {
      const all = `{ shiftCalendars { totalCount } }`;
      expect(
        (await ok<{ shiftCalendars: { totalCount: number } }>(all, {}, operator)).shiftCalendars.totalCount,
      ).toBeGreaterThan(0);
      expect(
        (await ok<{ shiftCalendars: { totalCount: number } }>(all, {}, rita)).shiftCalendars.totalCount,
      ).toBe(0);
      const denied = await api.gql(
        `mutation ($input: CreateShiftCalendarInput!) { createShiftCalendar(input: $input) { id } }`,
        { input: { assetId: a.siteId, name: 'x' } },
        operator,
      );
      expect(denied.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('gateways', () => {
    it('lists gateways with status, presence, their machines and tag mapping, within the user’s sites', async () => {
      await ownerQuery(
        `UPDATE gateway_machines SET tag_mapping = '{"state": "HR100", "produced": "HR200"}' WHERE gateway_id = $1`,
        [a.gatewayId],
      );
      const query = `query ($online: Boolean) { gateways(online: $online) { totalCount edges { node {
        name status online lastSeenAt site { name } machines { sourceKey machine { name } tagMapping { signal source } } } } } }`;
      const listed = await ok<{ gateways: { edges: Array<{ node: unknown }> } }>(query, {}, operator);
      expect(listed.gateways.edges).toEqual([
        {
          node: {
            name: 'Gateway 1',
            status: 'active',
            online: false,
            lastSeenAt: null,
            site: { name: 'Plant' },
            machines: [
              {
                sourceKey: a.machineKey,
                machine: { name: 'Press 1' },
                tagMapping: [
                  { signal: 'state', source: 'HR100' },
                  { signal: 'produced', source: 'HR200' },
                ],
              },
            ],
          },
        },
      ]);
      expect(
        (await ok<{ gateways: { totalCount: number } }>(query, { online: true }, operator)).gateways
          .totalCount,
      ).toBe(0);
      expect((await ok<{ gateways: { totalCount: number } }>(query, {}, rita)).gateways.totalCount).toBe(0);
      expect(
        (
          await ok<{ gateway: unknown }>(
            `query ($id: ID!) { gateway(id: $id) { id } }`,
            { id: a.gatewayId },
            rita,
          )
        ).gateway,
      ).toBeNull();
    });

    it('names the gateways feeding a machine, within the user’s sites and in service only', async () => {
      const query = `query ($m: ID!) { feedingGateways(machineId: $m) { name online machines { machineId sourceKey } } }`;
      const feeding = (token: string, m = a.machineId) =>
        ok<{ feedingGateways: unknown[] }>(query, { m }, token).then((d) => d.feedingGateways);
      expect(await feeding(operator)).toEqual([
        { name: 'Gateway 1', online: false, machines: [{ machineId: a.machineId, sourceKey: a.machineKey }] },
      ]);
      expect(await feeding(rita)).toEqual([]);
      expect(await feeding(operator, a.lineId)).toEqual([]);
      expect(await feeding(operator, 'not-an-id')).toEqual([]);
      await ownerQuery(`UPDATE gateways SET status = 'decommissioned' WHERE id = $1`, [a.gatewayId]);
      try {
        expect(await feeding(operator)).toEqual([]);
      } finally {
        await ownerQuery(`UPDATE gateways SET status = 'active' WHERE id = $1`, [a.gatewayId]);
      }
    });
  });
});
