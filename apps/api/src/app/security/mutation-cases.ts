import { randomUUID } from 'node:crypto';
import {
  bearer,
  TEST_PASSWORD,
  type ApiHarness,
  type Caller,
  type GraphqlResult,
  type TenantSide,
} from '../testing/api-harness';

// How to call each mutation validly, for the schema-generated suites (audit coverage, role
// matrix). A case prepares what the call needs (as the tenant's admin or straight in SQL) and
// returns the call itself, so a suite can measure exactly what the call did. Add one for every
// new mutation: the suites name the mutations that have none.
export type Invoke = () => Promise<GraphqlResult<Record<string, unknown>>>;
export type MutationCase = (h: ApiHarness, caller: Caller) => Promise<Invoke>;

const LOGIN_API = `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, clientType: API) { accessToken refreshToken } }`;

async function apiSession(
  h: ApiHarness,
  caller: Caller,
): Promise<{ accessToken: string; refreshToken: string }> {
  const user = await h.createUser(caller.side, 'viewer');
  const data = await h.ok<{ login: { accessToken: string; refreshToken: string } }>(LOGIN_API, {
    e: user.email,
    p: TEST_PASSWORD,
  });
  return data.login;
}

// A call that needs nothing prepared.
const direct =
  (call: (h: ApiHarness, caller: Caller) => ReturnType<Invoke>): MutationCase =>
  (h, caller) =>
    Promise.resolve(() => call(h, caller));

export const MUTATION_CASES: Readonly<Record<string, MutationCase>> = {
  login: async (h, caller) => {
    const user = await h.createUser(caller.side, 'viewer');
    return () => h.gql(LOGIN_API, { e: user.email, p: TEST_PASSWORD });
  },
  refreshSession: async (h, caller) => {
    const { refreshToken } = await apiSession(h, caller);
    return () =>
      h.gql(`mutation ($t: String) { refreshSession(clientType: API, refreshToken: $t) { accessToken } }`, {
        t: refreshToken,
      });
  },
  logout: async (h, caller) => {
    const { refreshToken } = await apiSession(h, caller);
    return () => h.gql(`mutation ($t: String) { logout(refreshToken: $t) }`, { t: refreshToken });
  },
  changePassword: direct((h, caller) =>
    h.gql(
      `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
      { c: TEST_PASSWORD, n: `another long passphrase ${randomUUID()}` },
      caller.headers,
    ),
  ),
  createProvisioningClaim: direct((h, caller) =>
    h.gql(
      `mutation ($s: ID!) { createProvisioningClaim(input: { siteId: $s }) { id token } }`,
      { s: caller.side.fixture.siteId },
      caller.headers,
    ),
  ),
  createApiKey: direct((h, caller) =>
    h.gql(
      `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`,
      { input: { name: 'matrix', scopes: [{ domain: 'assets', access: 'READ' }] } },
      caller.headers,
    ),
  ),
  revokeApiKey: async (h, caller) => {
    const { id } = await h.createKey(caller.side, 'READ', ['assets']);
    return () =>
      h.gql(`mutation ($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`, { id }, caller.headers);
  },
  inviteUser: direct((h, caller) =>
    h.gql(
      `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { id token } }`,
      { input: { email: `invitee-${randomUUID().slice(0, 8)}@example.com`, role: 'viewer' } },
      caller.headers,
    ),
  ),
  acceptInvitation: async (h, caller) => {
    const invited = await h.ok<{ inviteUser: { token: string } }>(
      `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { token } }`,
      { input: { email: `joiner-${randomUUID().slice(0, 8)}@example.com`, role: 'viewer' } },
      bearer(caller.side.adminToken),
    );
    return () =>
      h.gql(
        `mutation ($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p, name: "Joiner") { email } }`,
        { t: invited.inviteUser.token, p: 'a long enough passphrase' },
      );
  },
  updateMembership: async (h, caller) => {
    const target = await h.createUser(caller.side, 'viewer');
    return () =>
      h.gql(
        `mutation ($input: UpdateMembershipInput!) { updateMembership(input: $input) { role } }`,
        { input: { userId: target.userId, role: 'operator', siteIds: [caller.side.fixture.siteId] } },
        caller.headers,
      );
  },
  deactivateUser: async (h, caller) => {
    const target = await h.createUser(caller.side, 'operator');
    return () =>
      h.gql(
        `mutation ($id: ID!) { deactivateUser(userId: $id) { active } }`,
        { id: target.userId },
        caller.headers,
      );
  },
  createAsset: direct((h, caller) =>
    h.gql(
      `mutation ($input: CreateAssetInput!) { createAsset(input: $input) { id } }`,
      { input: { kind: 'machine', name: `press ${unique()}`, parentId: caller.side.fixture.lineId } },
      as(caller),
    ),
  ),
  renameAsset: async (h, caller) => {
    const id = await seedAsset(h, caller.side);
    return () =>
      h.gql(
        `mutation ($id: ID!, $n: String!) { renameAsset(id: $id, name: $n) { id } }`,
        { id, n: `renamed ${unique()}` },
        as(caller),
      );
  },
  moveAsset: async (h, caller) => {
    const id = await seedAsset(h, caller.side);
    const target = await seedAsset(h, caller.side, 'line', caller.side.fixture.siteId);
    return () =>
      h.gql(
        `mutation ($id: ID!, $p: ID) { moveAsset(id: $id, newParentId: $p) { id } }`,
        { id, p: target },
        as(caller),
      );
  },
  archiveAsset: async (h, caller) => {
    const id = await seedAsset(h, caller.side);
    return () => h.gql(`mutation ($id: ID!) { archiveAsset(id: $id) { id } }`, { id }, as(caller));
  },
  deleteAsset: async (h, caller) => {
    const id = await seedAsset(h, caller.side);
    return () => h.gql(`mutation ($id: ID!) { deleteAsset(id: $id) }`, { id }, as(caller));
  },
  setSiteTimeZone: direct((h, caller) =>
    h.gql(
      `mutation ($id: ID!) { setSiteTimeZone(id: $id, timeZone: "Europe/Berlin") { id } }`,
      { id: caller.side.fixture.siteId },
      as(caller),
    ),
  ),
  createProduct: direct((h, caller) =>
    h.gql(
      `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
      { input: { code: `P-${unique()}`, name: 'Matrix product', idealCycleTimeMs: 1200 } },
      as(caller),
    ),
  ),
  updateProduct: async (h, caller) => {
    const id = await seedProduct(h, caller.side);
    return () =>
      h.gql(
        `mutation ($id: ID!) { updateProduct(id: $id, input: { idealCycleTimeMs: 1100 }) { id } }`,
        { id },
        as(caller),
      );
  },
  deleteProduct: async (h, caller) => {
    const id = await seedProduct(h, caller.side);
    return () => h.gql(`mutation ($id: ID!) { deleteProduct(id: $id) }`, { id }, as(caller));
  },
  setMachineProduct: async (h, caller) => {
    const productId = await seedProduct(h, caller.side);
    return () =>
      h.gql(
        `mutation ($m: ID!, $p: ID) { setMachineProduct(machineId: $m, productId: $p) }`,
        { m: caller.side.fixture.machineId, p: productId },
        as(caller),
      );
  },
  setMachineCycleTime: async (h, caller) => {
    const productId = await seedProduct(h, caller.side);
    return () =>
      h.gql(
        `mutation ($m: ID!, $p: ID!) { setMachineCycleTime(machineId: $m, productId: $p, idealCycleTimeMs: 1300) { idealCycleTimeMs } }`,
        { m: caller.side.fixture.machineId, p: productId },
        as(caller),
      );
  },
  createDowntimeReason: direct((h, caller) =>
    h.gql(
      `mutation ($input: CreateDowntimeReasonInput!) { createDowntimeReason(input: $input) { id } }`,
      { input: { code: `R-${unique()}`, name: 'Jam', lossClass: 'minor_stop' } },
      as(caller),
    ),
  ),
  updateDowntimeReason: async (h, caller) => {
    const id = await seedReason(h, caller.side);
    return () =>
      h.gql(
        `mutation ($id: ID!) { updateDowntimeReason(id: $id, input: { name: "Renamed" }) { id } }`,
        { id },
        as(caller),
      );
  },
  createShiftCalendar: async (h, caller) => {
    const assetId = await seedAsset(h, caller.side);
    return () =>
      h.gql(
        `mutation ($input: CreateShiftCalendarInput!) { createShiftCalendar(input: $input) { id } }`,
        { input: { assetId, name: `cal ${unique()}` } },
        as(caller),
      );
  },
  deleteShiftCalendar: async (h, caller) => {
    const id = await seedCalendar(h, caller.side);
    return () => h.gql(`mutation ($id: ID!) { deleteShiftCalendar(id: $id) }`, { id }, as(caller));
  },
  setShift: async (h, caller) => {
    const c = await seedCalendar(h, caller.side);
    return () =>
      h.gql(
        `mutation ($c: ID!, $i: ShiftInput!) { setShift(calendarId: $c, input: $i) { id } }`,
        { c, i: { ...SHIFT, name: 'Late', startTime: '14:00', endTime: '22:00' } },
        as(caller),
      );
  },
  addPlannedStop: async (h, caller) => {
    const c = await seedCalendar(h, caller.side);
    return () =>
      h.gql(
        `mutation ($c: ID!, $i: PlannedStopInput!) { addPlannedStop(calendarId: $c, input: $i) { id } }`,
        { c, i: STOP },
        as(caller),
      );
  },
  addHoliday: async (h, caller) => {
    const c = await seedCalendar(h, caller.side);
    return () =>
      h.gql(
        `mutation ($c: ID!) { addHoliday(calendarId: $c, input: { date: "2026-12-25", name: "Christmas" }) { id } }`,
        { c },
        as(caller),
      );
  },
  removeCalendarPart: async (h, caller) => {
    const calendarId = await seedCalendar(h, caller.side);
    const { rows } = await h.owner.query<{ id: string }>(
      `SELECT id FROM shift_definitions WHERE calendar_id = $1 LIMIT 1`,
      [calendarId],
    );
    return () =>
      h.gql(
        `mutation ($id: ID!) { removeCalendarPart(id: $id, part: SHIFT) { id } }`,
        { id: rows[0]?.id },
        as(caller),
      );
  },
  startKpiBackfill: direct((h, caller) =>
    h.gql(
      `mutation ($a: ID) { startKpiBackfill(assetId: $a, from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { id } }`,
      { a: caller.side.fixture.machineId },
      as(caller),
    ),
  ),
  revokeGateway: async (h, caller) => {
    const id = await seedGateway(h, caller.side);
    return () => h.gql(`mutation ($id: ID!) { revokeGateway(id: $id) { gatewayId } }`, { id }, as(caller));
  },
  setGatewayDesiredConfig: direct((h, caller) =>
    h.gql(
      `mutation ($g: ID!, $c: String!) { setGatewayDesiredConfig(gatewayId: $g, config: $c) { desiredVersion } }`,
      { g: caller.side.fixture.gatewayId, c: JSON.stringify({ machines: ['press-1'] }) },
      as(caller),
    ),
  ),
  sendGatewayCommand: direct((h, caller) =>
    h.gql(
      `mutation ($g: ID!) { sendGatewayCommand(gatewayId: $g, name: "ping", timeoutSeconds: 5) { id status } }`,
      { g: caller.side.fixture.gatewayId },
      as(caller),
    ),
  ),
  acknowledgeAlarm: async (h, caller) => {
    const id = await seedAlarm(h, caller.side);
    return () =>
      h.gql(`mutation ($id: ID!) { acknowledgeAlarm(id: $id, comment: "seen") { id } }`, { id }, as(caller));
  },
  clearAlarm: async (h, caller) => {
    const id = await seedAlarm(h, caller.side);
    return () => h.gql(`mutation ($id: ID!) { clearAlarm(id: $id) { id } }`, { id }, as(caller));
  },
  shelveAlarm: async (h, caller) => {
    const id = await seedAlarm(h, caller.side);
    return () =>
      h.gql(
        `mutation ($id: ID!, $u: DateTime!) { shelveAlarm(id: $id, until: $u) { id } }`,
        { id, u: new Date(Date.now() + 3_600_000).toISOString() },
        as(caller),
      );
  },
  unshelveAlarm: async (h, caller) => {
    const id = await seedAlarm(h, caller.side, new Date(Date.now() + 3_600_000));
    return () => h.gql(`mutation ($id: ID!) { unshelveAlarm(id: $id) { id } }`, { id }, as(caller));
  },
  createAlarmRule: direct((h, caller) =>
    h.gql(
      `mutation ($input: AlarmRuleInput!) { createAlarmRule(input: $input) { id } }`,
      {
        input: { name: `rule ${unique()}`, assetId: caller.side.fixture.lineId, definition: RULE_DEFINITION },
      },
      as(caller),
    ),
  ),
  updateAlarmRule: async (h, caller) => {
    const id = await seedRule(h, caller.side);
    return () =>
      h.gql(
        `mutation ($id: ID!) { updateAlarmRule(id: $id, patch: { enabled: false }) { id } }`,
        { id },
        as(caller),
      );
  },
  deleteAlarmRule: async (h, caller) => {
    const id = await seedRule(h, caller.side);
    return () => h.gql(`mutation ($id: ID!) { deleteAlarmRule(id: $id) }`, { id }, as(caller));
  },
  createNotificationChannel: direct((h, caller) =>
    h.gql(
      `mutation ($input: NotificationChannelInput!) { createNotificationChannel(input: $input) { id } }`,
      {
        input: {
          kind: 'webhook',
          name: `hook ${unique()}`,
          target: 'https://cmms.test/hook',
          secret: 'webhook-signing-secret',
        },
      },
      as(caller),
    ),
  ),
  deleteNotificationChannel: async (h, caller) => {
    const id = await seedChannel(h, caller.side);
    return () => h.gql(`mutation ($id: ID!) { deleteNotificationChannel(id: $id) }`, { id }, as(caller));
  },
  createNotificationSubscription: async (h, caller) => {
    const channelId = await seedChannel(h, caller.side);
    return () =>
      h.gql(
        `mutation ($input: NotificationSubscriptionInput!) { createNotificationSubscription(input: $input) { id } }`,
        { input: { channelId, forMe: true, minSeverity: 'major' } },
        as(caller),
      );
  },
  deleteNotificationSubscription: async (h, caller) => {
    // A member deletes their own subscription; a key has none, so it aims at an admin's.
    const id = caller.userId ? await ownSubscription(h, caller) : await seedSubscription(h, caller.side);
    return () => h.gql(`mutation ($id: ID!) { deleteNotificationSubscription(id: $id) }`, { id }, as(caller));
  },
  redeliverNotification: async (h, caller) => {
    const id = await seedDelivery(h, caller.side);
    return () => h.gql(`mutation ($id: ID!) { redeliverNotification(id: $id) }`, { id }, as(caller));
  },
};

// Set-up made by the side's own admin, so a case measures only the caller's call.
function asAdmin<T>(h: ApiHarness, side: TenantSide, query: string, variables: Record<string, unknown> = {}) {
  return h.ok<T>(query, variables, bearer(side.adminToken));
}

const as = (caller: Caller) => caller.headers;
const unique = () => randomUUID().slice(0, 8);

// An active, unacknowledged alarm on the side's machine, as the alarm engine would raise it.
export async function seedAlarm(h: ApiHarness, side: TenantSide, shelvedUntil: Date | null = null) {
  const { rows } = await h.owner.query<{ id: string }>(
    `INSERT INTO alarms (id, tenant_id, asset_id, site_id, state, severity, message, raised_at, shelved_until)
     VALUES (gen_random_uuid(), $1, $2, $3, 'active_unacknowledged', 'major', 'probe alarm', now(), $4) RETURNING id`,
    [side.fixture.tenantId, side.fixture.machineId, side.fixture.siteId, shelvedUntil],
  );
  return rows[0]?.id ?? '';
}

export const RULE_DEFINITION = JSON.stringify({
  v: 1,
  severity: 'major',
  condition: { kind: 'threshold', metric: 'temperature', op: '>', value: 80, hysteresis: 2 },
});

export async function seedRule(h: ApiHarness, side: TenantSide): Promise<string> {
  const data = await asAdmin<{ createAlarmRule: { id: string } }>(
    h,
    side,
    `mutation ($input: AlarmRuleInput!) { createAlarmRule(input: $input) { id } }`,
    { input: { name: `rule ${unique()}`, assetId: side.fixture.lineId, definition: RULE_DEFINITION } },
  );
  return data.createAlarmRule.id;
}

export async function seedChannel(h: ApiHarness, side: TenantSide): Promise<string> {
  const data = await asAdmin<{ createNotificationChannel: { id: string } }>(
    h,
    side,
    `mutation ($input: NotificationChannelInput!) { createNotificationChannel(input: $input) { id } }`,
    {
      input: {
        kind: 'webhook',
        name: `hook ${unique()}`,
        target: 'https://cmms.test/hook',
        secret: 'webhook-signing-secret',
      },
    },
  );
  return data.createNotificationChannel.id;
}

export async function seedSubscription(h: ApiHarness, side: TenantSide): Promise<string> {
  const data = await asAdmin<{ createNotificationSubscription: { id: string } }>(
    h,
    side,
    `mutation ($input: NotificationSubscriptionInput!) { createNotificationSubscription(input: $input) { id } }`,
    { input: { channelId: await seedChannel(h, side), forMe: false, siteId: side.fixture.siteId } },
  );
  return data.createNotificationSubscription.id;
}

async function ownSubscription(h: ApiHarness, caller: Caller): Promise<string> {
  const data = await h.ok<{ createNotificationSubscription: { id: string } }>(
    `mutation ($input: NotificationSubscriptionInput!) { createNotificationSubscription(input: $input) { id } }`,
    { input: { channelId: await seedChannel(h, caller.side), forMe: true } },
    caller.headers,
  );
  return data.createNotificationSubscription.id;
}

export async function seedDelivery(h: ApiHarness, side: TenantSide): Promise<string> {
  const channelId = await seedChannel(h, side);
  const { rows } = await h.owner.query<{ id: string }>(
    `INSERT INTO notification_deliveries (id, tenant_id, channel_id, dedup_key, event, payload, status, attempts, last_error)
     VALUES (gen_random_uuid(), $1, $2, $3, 'alarm.raised', '{}', 'failed', 8, 'HTTP 503') RETURNING id`,
    [side.fixture.tenantId, channelId, unique()],
  );
  return rows[0]?.id ?? '';
}

export async function seedAsset(h: ApiHarness, side: TenantSide, kind = 'machine', parentId?: string) {
  const data = await asAdmin<{ createAsset: { id: string } }>(
    h,
    side,
    `mutation ($input: CreateAssetInput!) { createAsset(input: $input) { id } }`,
    { input: { kind, name: `${kind} ${unique()}`, parentId: parentId ?? side.fixture.lineId } },
  );
  return data.createAsset.id;
}

export async function seedProduct(h: ApiHarness, side: TenantSide): Promise<string> {
  const data = await asAdmin<{ createProduct: { id: string } }>(
    h,
    side,
    `mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }`,
    { input: { code: `P-${unique()}`, name: 'Probe product', idealCycleTimeMs: 1500 } },
  );
  return data.createProduct.id;
}

export async function seedReason(h: ApiHarness, side: TenantSide): Promise<string> {
  const data = await asAdmin<{ createDowntimeReason: { id: string } }>(
    h,
    side,
    `mutation ($input: CreateDowntimeReasonInput!) { createDowntimeReason(input: $input) { id } }`,
    { input: { code: `R-${unique()}`, name: 'Probe reason', lossClass: 'breakdown' } },
  );
  return data.createDowntimeReason.id;
}

const SHIFT = { name: 'Early', startTime: '06:00', endTime: '14:00', daysOfWeek: [1, 2, 3, 4, 5] };
const STOP = { name: 'Lunch', startTime: '12:00', endTime: '12:30', daysOfWeek: [1, 2, 3, 4, 5] };

// A calendar on a machine of its own (one calendar per asset) with one shift.
export async function seedCalendar(h: ApiHarness, side: TenantSide): Promise<string> {
  const assetId = await seedAsset(h, side);
  const data = await asAdmin<{ createShiftCalendar: { id: string } }>(
    h,
    side,
    `mutation ($input: CreateShiftCalendarInput!) { createShiftCalendar(input: $input) { id } }`,
    { input: { assetId, name: `cal ${unique()}` } },
  );
  const calendarId = data.createShiftCalendar.id;
  await asAdmin(
    h,
    side,
    `mutation ($c: ID!, $i: ShiftInput!) { setShift(calendarId: $c, input: $i) { id } }`,
    {
      c: calendarId,
      i: SHIFT,
    },
  );
  return calendarId;
}

// A gateway of its own, so revoking it leaves the fixture's gateway for other cases.
export async function seedGateway(h: ApiHarness, side: TenantSide): Promise<string> {
  const thingName = `gw-probe-${unique()}`;
  const { rows } = await h.owner.query<{ id: string }>(
    `INSERT INTO gateways (id, tenant_id, site_id, thing_name, name, status)
     VALUES (gen_random_uuid(), $1, $2, $3, $3, 'active') RETURNING id`,
    [side.fixture.tenantId, side.fixture.siteId, thingName],
  );
  return rows[0]?.id ?? '';
}

// The mutation fields of the running schema, to hold every registry above and in the suites to it.
export function mutationFields(h: ApiHarness): string[] {
  return Object.keys(h.schema.getMutationType()?.getFields() ?? {}).sort();
}
