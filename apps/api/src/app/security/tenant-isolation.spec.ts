import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import type { LiveEvent } from '@convergent/shared-util-contracts';
import { LiveEventPublisher } from '@convergent/platform-data-access-queue';
import {
  ApiHarness,
  bearer,
  SCHEMA_SWEEP_TIMEOUT_MS,
  TEST_PASSWORD,
  type Caller,
  type GraphqlResult,
  type TenantSide,
} from '../testing/api-harness';
import {
  RULE_DEFINITION,
  seedAlarm,
  seedAsset,
  seedCalendar,
  seedChannel,
  seedDelivery,
  seedProduct,
  seedReason,
  seedRule,
  seedSubscription,
} from './mutation-cases';

// Tenant B attacks tenant A through every field of the schema, once as B's admin and once as a
// read-write API key of B with every domain. A case makes the call (aimed at A's data wherever the
// field takes an id), checks its specific answer, and hands back what it sent and got: the suite
// then checks that nothing of A that the caller did not already send appears anywhere in the
// answer. A field without a case fails the suite, by name.

interface Attempt {
  sent: Record<string, unknown>;
  results: Array<GraphqlResult<Record<string, unknown>>>;
}

type IsolationCase = (h: ApiHarness, attacker: Caller, victim: TenantSide) => Promise<Attempt>;

const isKey = (caller: Caller) => caller.kind !== 'admin';
const KPI_RANGE = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };

function expectCode(result: GraphqlResult<unknown>, code: string | null): void {
  expect(result.errors?.[0]?.extensions.code ?? null).toBe(code);
}

async function attempt(
  h: ApiHarness,
  attacker: Caller,
  query: string,
  sent: Record<string, unknown>,
  code: string | null,
): Promise<Attempt> {
  const result = await h.gql<Record<string, unknown>>(query, sent, attacker.headers);
  expectCode(result, code);
  return { sent, results: [result] };
}

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const unique = () => randomUUID().slice(0, 8);

// Something of A's behind every id-taking field, made once in beforeAll.
interface Seeds {
  alarmId: string;
  ruleId: string;
  channelId: string;
  subscriptionId: string;
  deliveryId: string;
  productId: string;
  reasonId: string;
  calendarId: string;
  shiftId: string;
  spareAssetId: string;
  backfillJobId: string;
  commandId: string;
}
let seeds: Seeds;
let publisher: LiveEventPublisher;

async function seedVictim(h: ApiHarness, side: TenantSide): Promise<Seeds> {
  const calendarId = await seedCalendar(h, side);
  const shift = await h.owner.query<{ id: string }>(
    `SELECT id FROM shift_definitions WHERE calendar_id = $1`,
    [calendarId],
  );
  const backfill = await h.ok<{ startKpiBackfill: { id: string } }>(
    `mutation ($a: ID, $from: DateTime!, $to: DateTime!) { startKpiBackfill(assetId: $a, from: $from, to: $to) { id } }`,
    { a: side.fixture.machineId, ...KPI_RANGE },
    bearer(side.adminToken),
  );
  // A machine-specific cycle time, which B's product list must not show.
  await h.ok(
    `mutation ($m: ID!, $p: ID!) { setMachineCycleTime(machineId: $m, productId: $p, idealCycleTimeMs: 1100) { machineId } }`,
    { m: side.fixture.machineId, p: side.fixture.productId },
    bearer(side.adminToken),
  );
  return {
    alarmId: await seedAlarm(h, side),
    ruleId: await seedRule(h, side),
    channelId: await seedChannel(h, side),
    subscriptionId: await seedSubscription(h, side),
    deliveryId: await seedDelivery(h, side),
    productId: await seedProduct(h, side),
    reasonId: await seedReason(h, side),
    calendarId,
    shiftId: shift.rows[0]?.id ?? '',
    spareAssetId: await seedAsset(h, side),
    backfillJobId: backfill.startKpiBackfill.id,
    commandId: (
      await h.ok<{ sendGatewayCommand: { id: string } }>(
        `mutation ($g: ID!) { sendGatewayCommand(gatewayId: $g, name: "ping") { id } }`,
        { g: side.fixture.gatewayId },
        bearer(side.adminToken),
      )
    ).sendGatewayCommand.id,
  };
}

// A subscription of B's, on A's site and on none, while A's events (and one of B's own, to show
// the subscription is live) are published. A key is refused at connection time (users only).
// A graphql-ws client as the attacker: a user's access token, or a key (which the API refuses).
function wsClient(h: ApiHarness, attacker: Caller) {
  const accessToken = isKey(attacker) ? attacker.headers['x-api-key'] : attacker.side.adminToken;
  return createClient({
    url: h.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { accessToken },
    retryAttempts: 0,
    lazy: true,
  });
}

async function listen(
  h: ApiHarness,
  attacker: Caller,
  victim: TenantSide,
  field: string,
  selection: string,
  event: (side: TenantSide) => LiveEvent,
): Promise<Attempt> {
  const client = wsClient(h, attacker);
  const texts: string[] = [];
  let closed = '';
  client.on('closed', (e) => {
    closed = String((e as { reason?: string }).reason);
  });
  const sent = { s: victim.fixture.siteId };
  for (const query of [
    `subscription ($s: ID) { ${field}(siteId: $s) { ${selection} } }`,
    `subscription { ${field} { ${selection} } }`,
  ])
    client.subscribe(
      { query, variables: sent },
      {
        next: (r) => texts.push(JSON.stringify(r)),
        error: (e) => texts.push(JSON.stringify(e)),
        complete: () => undefined,
      },
    );
  const own = attacker.side.fixture.siteId;
  const deadline = Date.now() + 5_000;
  while (!closed && !texts.some((t) => t.includes(own)) && Date.now() < deadline) {
    await publisher.publish([event(victim), event(attacker.side)]);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await client.dispose();
  if (isKey(attacker)) expect(closed).toMatch(/^Unauthorized: /);
  else expect(texts.some((t) => t.includes(own))).toBe(true);
  return { sent, results: texts.map((text) => ({ text })) };
}

async function membershipOf(h: ApiHarness, side: TenantSide, userId: string) {
  const { rows } = await h.owner.query(
    `SELECT role, deactivated_at FROM memberships WHERE tenant_id = $1 AND user_id = $2`,
    [side.fixture.tenantId, userId],
  );
  return rows[0] as unknown;
}

const ISOLATION_CASES: Readonly<Record<string, IsolationCase>> = {
  'Query.assets': (h, attacker) =>
    attempt(h, attacker, `{ assets(first: 100) { edges { node { id name parentId siteId } } } }`, {}, null),
  'Query.asset': async (h, attacker, victim) => {
    const result = await attempt(
      h,
      attacker,
      `query ($id: ID!) { asset(id: $id) { id name } }`,
      { id: victim.fixture.siteId },
      null,
    );
    expect(result.results[0]?.data?.['asset']).toBeNull();
    return result;
  },
  'Query.products': (h, attacker) =>
    attempt(
      h,
      attacker,
      `{ products(first: 100) { edges { node { id code name machineCycleTimes { machineId machineName } } } } }`,
      {},
      null,
    ),
  'Query.downtimeReasons': (h, attacker) =>
    attempt(
      h,
      attacker,
      `{ downtimeReasons(first: 100, includeArchived: true) { edges { node { id code name } } } }`,
      {},
      null,
    ),
  'Query.shiftCalendars': (h, attacker) =>
    attempt(h, attacker, `{ shiftCalendars(first: 100) { edges { node { id name } } } }`, {}, null),
  'Query.kpis': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { kpis(assetId: $id, from: $from, to: $to, granularity: HOUR) { oee } }`,
      { id: victim.fixture.siteId, ...KPI_RANGE },
      'NOT_FOUND',
    ),
  'Query.nextShiftStart': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!) { nextShiftStart(assetId: $id) }`,
      { id: victim.fixture.siteId },
      'NOT_FOUND',
    ),
  'Query.currentShiftKpis': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!) { currentShiftKpis(assetId: $id) { oee shiftName } }`,
      { id: victim.fixture.machineId },
      'NOT_FOUND',
    ),
  'Query.kpiLossWaterfall': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { kpiLossWaterfall(assetId: $id, from: $from, to: $to) { runTimeMs machines } }`,
      { id: victim.fixture.lineId, ...KPI_RANGE },
      'NOT_FOUND',
    ),
  'Query.downtimePareto': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { downtimePareto(assetId: $id, from: $from, to: $to) { reasonCode durationMs } }`,
      { id: victim.fixture.machineId, ...KPI_RANGE },
      'NOT_FOUND',
    ),
  'Query.kpiBackfillJob': (h, attacker) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!) { kpiBackfillJob(id: $id) { id state } }`,
      { id: seeds.backfillJobId },
      'NOT_FOUND',
    ),
  'Query.gateway': async (h, attacker, victim) => {
    const result = await attempt(
      h,
      attacker,
      `query ($id: ID!) { gateway(id: $id) { id thingName } }`,
      { id: victim.fixture.gatewayId },
      null,
    );
    expect(result.results[0]?.data?.['gateway']).toBeNull();
    return result;
  },
  'Query.feedingGateways': async (h, attacker, victim) => {
    const result = await attempt(
      h,
      attacker,
      `query ($m: ID!) { feedingGateways(machineId: $m) { id thingName desiredConfig machines { machineId sourceKey } } }`,
      { m: victim.fixture.machineId },
      null,
    );
    expect(result.results[0]?.data?.['feedingGateways']).toEqual([]);
    return result;
  },
  'Query.gateways': async (h, attacker, victim) => {
    const all = await attempt(
      h,
      attacker,
      `{ gateways(first: 100) { totalCount edges { node { id thingName machines { machineId } } } } }`,
      {},
      null,
    );
    const ofSite = await h.gql<Record<string, unknown>>(
      `query ($s: ID) { gateways(siteId: $s) { totalCount edges { node { id } } } }`,
      { s: victim.fixture.siteId },
      attacker.headers,
    );
    expect(ofSite.errors?.[0]?.extensions.code ?? ofSite.data).toEqual(
      ofSite.errors ? 'NOT_FOUND' : { gateways: { totalCount: 0, edges: [] } },
    );
    // The twin: configurations, their difference and the commands (a smaller page: nested lists).
    const twins = await attempt(
      h,
      attacker,
      `{ gateways(first: 10) { edges { node { id desiredConfig reportedConfig configDifference { paths }
         commands(first: 10) { totalCount edges { node { id args result response } } } } } } }`,
      {},
      null,
    );
    return { sent: { s: victim.fixture.siteId }, results: [...all.results, ofSite, ...twins.results] };
  },
  'Query.alarm': async (h, attacker) => {
    const result = await attempt(
      h,
      attacker,
      `query ($id: ID!) { alarm(id: $id) { id message } }`,
      { id: seeds.alarmId },
      null,
    );
    expect(result.results[0]?.data?.['alarm']).toBeNull();
    return result;
  },
  'Query.alarms': (h, attacker) =>
    attempt(h, attacker, `{ alarms(first: 100) { nodes { id assetId siteId message } } }`, {}, null),
  'Query.alarmHistory': async (h, attacker) => {
    // Another tenant's alarm has no history, as an unknown id has none.
    const result = await attempt(
      h,
      attacker,
      `query ($id: ID!) { alarmHistory(alarmId: $id) { totalCount edges { node { id action } } } }`,
      { id: seeds.alarmId },
      null,
    );
    expect(result.results[0]?.data?.['alarmHistory']).toEqual({ totalCount: 0, edges: [] });
    return result;
  },
  'Query.alarmRules': (h, attacker) =>
    attempt(
      h,
      attacker,
      `{ alarmRules(first: 100) { edges { node { id name assetId definition } } } }`,
      {},
      null,
    ),
  'Query.maintenanceWarnings': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($s: ID) { maintenanceWarnings(siteId: $s, openOnly: false) { edges { node { id assetId message } } } }`,
      { s: victim.fixture.siteId },
      null,
    ),
  'Query.notificationChannels': (h, attacker) =>
    attempt(
      h,
      attacker,
      `{ notificationChannels(first: 100) { edges { node { id name target } } } }`,
      {},
      null,
    ),
  'Query.notificationSubscriptions': (h, attacker) =>
    attempt(
      h,
      attacker,
      `{ notificationSubscriptions(first: 100) { edges { node { id channelId siteId userId } } } }`,
      {},
      isKey(attacker) ? 'FORBIDDEN' : null,
    ),
  'Query.notificationDeliveries': (h, attacker) =>
    attempt(
      h,
      attacker,
      `{ notificationDeliveries(first: 100) { edges { node { id channelId alarmId channelName } } } }`,
      {},
      null,
    ),
  'Mutation.createAsset': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($p: ID) { createAsset(input: { kind: machine, name: "Probe", parentId: $p }) { id } }`,
      { p: victim.fixture.lineId },
      'NOT_FOUND',
    ),
  'Mutation.renameAsset': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { renameAsset(id: $id, name: "Probe") { id } }`,
      { id: victim.fixture.machineId },
      'NOT_FOUND',
    ),
  'Mutation.moveAsset': async (h, attacker, victim) => {
    // Neither A's asset into B's tree nor B's asset under A's.
    const intoB = await attempt(
      h,
      attacker,
      `mutation ($id: ID!, $p: ID) { moveAsset(id: $id, newParentId: $p) { id } }`,
      { id: victim.fixture.machineId, p: attacker.side.fixture.lineId },
      'NOT_FOUND',
    );
    const underA = await attempt(
      h,
      attacker,
      `mutation ($id: ID!, $p: ID) { moveAsset(id: $id, newParentId: $p) { id } }`,
      { id: attacker.side.fixture.machineId, p: victim.fixture.lineId },
      'NOT_FOUND',
    );
    return {
      sent: { intoB: intoB.sent, underA: underA.sent },
      results: [...intoB.results, ...underA.results],
    };
  },
  'Mutation.archiveAsset': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { archiveAsset(id: $id) { id } }`,
      { id: seeds.spareAssetId },
      'NOT_FOUND',
    ),
  'Mutation.deleteAsset': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { deleteAsset(id: $id) }`,
      { id: seeds.spareAssetId },
      'NOT_FOUND',
    ),
  'Mutation.setSiteTimeZone': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { setSiteTimeZone(id: $id, timeZone: "Asia/Tokyo") { id } }`,
      { id: victim.fixture.siteId },
      'NOT_FOUND',
    ),
  'Mutation.createProduct': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation { createProduct(input: { code: "${unique()}", name: "Probe", idealCycleTimeMs: 1000 }) { id } }`,
      {},
      null,
    ),
  'Mutation.updateProduct': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { updateProduct(id: $id, input: { name: "Probe" }) { id } }`,
      { id: victim.fixture.productId },
      'NOT_FOUND',
    ),
  'Mutation.deleteProduct': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { deleteProduct(id: $id) }`,
      { id: seeds.productId },
      'NOT_FOUND',
    ),
  'Mutation.setMachineProduct': async (h, attacker, victim) => {
    const aMachine = await attempt(
      h,
      attacker,
      `mutation ($m: ID!, $p: ID) { setMachineProduct(machineId: $m, productId: $p) }`,
      { m: victim.fixture.machineId, p: null },
      'NOT_FOUND',
    );
    const aProduct = await attempt(
      h,
      attacker,
      `mutation ($m: ID!, $p: ID) { setMachineProduct(machineId: $m, productId: $p) }`,
      { m: attacker.side.fixture.machineId, p: victim.fixture.productId },
      'NOT_FOUND',
    );
    return {
      sent: { a: aMachine.sent, b: aProduct.sent },
      results: [...aMachine.results, ...aProduct.results],
    };
  },
  'Mutation.setMachineCycleTime': async (h, attacker, victim) => {
    const setCycleTime = `mutation ($m: ID!, $p: ID!) { setMachineCycleTime(machineId: $m, productId: $p, idealCycleTimeMs: 900) { machineName } }`;
    const aMachine = await attempt(
      h,
      attacker,
      setCycleTime,
      { m: victim.fixture.machineId, p: attacker.side.fixture.productId },
      'NOT_FOUND',
    );
    const aProduct = await attempt(
      h,
      attacker,
      setCycleTime,
      { m: attacker.side.fixture.machineId, p: victim.fixture.productId },
      'NOT_FOUND',
    );
    return {
      sent: { a: aMachine.sent, b: aProduct.sent },
      results: [...aMachine.results, ...aProduct.results],
    };
  },
  'Mutation.createDowntimeReason': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation { createDowntimeReason(input: { code: "${unique()}", name: "Probe", lossClass: setup }) { id } }`,
      {},
      null,
    ),
  'Mutation.updateDowntimeReason': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { updateDowntimeReason(id: $id, input: { name: "Probe" }) { id } }`,
      { id: seeds.reasonId },
      'NOT_FOUND',
    ),
  'Mutation.createShiftCalendar': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($a: ID!) { createShiftCalendar(input: { assetId: $a, name: "Probe" }) { id } }`,
      { a: seeds.spareAssetId },
      'NOT_FOUND',
    ),
  'Mutation.deleteShiftCalendar': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { deleteShiftCalendar(id: $id) }`,
      { id: seeds.calendarId },
      'NOT_FOUND',
    ),
  'Mutation.setShift': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($c: ID!) { setShift(calendarId: $c, input: { name: "Probe", startTime: "01:00", endTime: "02:00", daysOfWeek: [1] }) { id } }`,
      { c: seeds.calendarId },
      'NOT_FOUND',
    ),
  'Mutation.addPlannedStop': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($c: ID!) { addPlannedStop(calendarId: $c, input: { name: "Probe", startTime: "01:00", endTime: "02:00", daysOfWeek: [1] }) { id } }`,
      { c: seeds.calendarId },
      'NOT_FOUND',
    ),
  'Mutation.addHoliday': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($c: ID!) { addHoliday(calendarId: $c, input: { date: "2026-05-01", name: "Probe" }) { id } }`,
      { c: seeds.calendarId },
      'NOT_FOUND',
    ),
  'Mutation.removeCalendarPart': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { removeCalendarPart(id: $id, part: SHIFT) { id } }`,
      { id: seeds.shiftId },
      'NOT_FOUND',
    ),
  'Mutation.startKpiBackfill': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($a: ID, $from: DateTime!, $to: DateTime!) { startKpiBackfill(assetId: $a, from: $from, to: $to) { id } }`,
      { a: victim.fixture.machineId, ...KPI_RANGE },
      'NOT_FOUND',
    ),
  'Mutation.setGatewayDesiredConfig': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($g: ID!, $c: String!) { setGatewayDesiredConfig(gatewayId: $g, config: $c) { id desiredConfig } }`,
      { g: victim.fixture.gatewayId, c: JSON.stringify({ machines: ['probe'] }) },
      'NOT_FOUND',
    ),
  'Mutation.sendGatewayCommand': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($g: ID!) { sendGatewayCommand(gatewayId: $g, name: "ping") { id status } }`,
      { g: victim.fixture.gatewayId },
      'NOT_FOUND',
    ),
  'Mutation.revokeGateway': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { revokeGateway(id: $id) { gatewayId } }`,
      { id: victim.fixture.gatewayId },
      'NOT_FOUND',
    ),
  'Mutation.acknowledgeAlarm': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { acknowledgeAlarm(id: $id) { id } }`,
      { id: seeds.alarmId },
      isKey(attacker) ? 'FORBIDDEN' : 'NOT_FOUND',
    ),
  'Mutation.clearAlarm': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { clearAlarm(id: $id) { id } }`,
      { id: seeds.alarmId },
      isKey(attacker) ? 'FORBIDDEN' : 'NOT_FOUND',
    ),
  'Mutation.shelveAlarm': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!, $u: DateTime!) { shelveAlarm(id: $id, until: $u) { id } }`,
      { id: seeds.alarmId, u: new Date(Date.now() + 3_600_000).toISOString() },
      isKey(attacker) ? 'FORBIDDEN' : 'NOT_FOUND',
    ),
  'Mutation.unshelveAlarm': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { unshelveAlarm(id: $id) { id } }`,
      { id: seeds.alarmId },
      isKey(attacker) ? 'FORBIDDEN' : 'NOT_FOUND',
    ),
  'Mutation.createAlarmRule': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($a: ID, $d: String!) { createAlarmRule(input: { name: "Probe", assetId: $a, definition: $d }) { id } }`,
      { a: victim.fixture.lineId, d: RULE_DEFINITION },
      'NOT_FOUND',
    ),
  'Mutation.updateAlarmRule': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { updateAlarmRule(id: $id, patch: { enabled: false }) { id } }`,
      { id: seeds.ruleId },
      'NOT_FOUND',
    ),
  'Mutation.deleteAlarmRule': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { deleteAlarmRule(id: $id) }`,
      { id: seeds.ruleId },
      'NOT_FOUND',
    ),
  'Mutation.createNotificationChannel': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation { createNotificationChannel(input: { kind: "webhook", name: "${unique()}", target: "https://b.test/hook", secret: "webhook-signing-secret" }) { id } }`,
      {},
      null,
    ),
  'Mutation.deleteNotificationChannel': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { deleteNotificationChannel(id: $id) }`,
      { id: seeds.channelId },
      'NOT_FOUND',
    ),
  'Mutation.createNotificationSubscription': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($c: ID!) { createNotificationSubscription(input: { channelId: $c }) { id } }`,
      { c: seeds.channelId },
      isKey(attacker) ? 'FORBIDDEN' : 'NOT_FOUND',
    ),
  'Mutation.deleteNotificationSubscription': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { deleteNotificationSubscription(id: $id) }`,
      { id: seeds.subscriptionId },
      isKey(attacker) ? 'FORBIDDEN' : 'NOT_FOUND',
    ),
  'Mutation.redeliverNotification': (h, attacker) =>
    attempt(
      h,
      attacker,
      `mutation ($id: ID!) { redeliverNotification(id: $id) }`,
      { id: seeds.deliveryId },
      'NOT_FOUND',
    ),
  'Subscription.machineStateChanged': (h, attacker, victim) =>
    listen(h, attacker, victim, 'machineStateChanged', 'machineId siteId', (side) => ({
      type: 'machine.state',
      tenantId: side.fixture.tenantId,
      siteId: side.fixture.siteId,
      machineId: side.fixture.machineId,
      state: 'down',
      at: new Date().toISOString(),
    })),
  'Subscription.kpiUpdated': (h, attacker, victim) =>
    listen(h, attacker, victim, 'kpiUpdated', 'machineId siteId', (side) => ({
      type: 'kpi.updated',
      tenantId: side.fixture.tenantId,
      siteId: side.fixture.siteId,
      machineId: side.fixture.machineId,
      granularity: 'hour',
      bucketStart: KPI_RANGE.from,
      at: new Date().toISOString(),
    })),
  'Subscription.alarmChanged': (h, attacker, victim) =>
    listen(h, attacker, victim, 'alarmChanged', 'alarmId assetId siteId', (side) => ({
      type: 'alarm.changed',
      tenantId: side.fixture.tenantId,
      siteId: side.fixture.siteId,
      assetId: side.fixture.machineId,
      alarmId: side.fixture.machineId,
      at: new Date().toISOString(),
    })),
  'Subscription.gatewayPresenceChanged': (h, attacker, victim) =>
    listen(h, attacker, victim, 'gatewayPresenceChanged', 'gatewayId siteId online', (side) => ({
      type: 'gateway.presence',
      tenantId: side.fixture.tenantId,
      siteId: side.fixture.siteId,
      gatewayId: side.fixture.gatewayId,
      online: true,
      at: new Date().toISOString(),
    })),
  'Subscription.gatewayTwinChanged': (h, attacker, victim) =>
    listen(h, attacker, victim, 'gatewayTwinChanged', 'gatewayId siteId change commandId', (side) => ({
      type: 'gateway.twin',
      tenantId: side.fixture.tenantId,
      siteId: side.fixture.siteId,
      gatewayId: side.fixture.gatewayId,
      change: 'command',
      commandId: side.fixture.machineId,
      at: new Date().toISOString(),
    })),
  // Takes an asset id: another tenant's asset is NOT_FOUND when the subscription starts.
  'Subscription.currentShiftKpisChanged': async (h, attacker, victim) => {
    const client = wsClient(h, attacker);
    const sent = { id: victim.fixture.siteId };
    const outcome = await new Promise<string>((resolve) => {
      client.on('closed', (e) => resolve(`closed: ${String((e as { reason?: string }).reason)}`));
      client.subscribe(
        {
          query: 'subscription ($id: ID!) { currentShiftKpisChanged(assetId: $id) { assetId } }',
          variables: sent,
        },
        {
          next: (r) => resolve(JSON.stringify(r)),
          error: (e) => resolve(JSON.stringify(e)),
          complete: () => resolve('complete'),
        },
      );
    });
    await client.dispose();
    if (isKey(attacker)) expect(outcome).toMatch(/^closed: Unauthorized: /);
    else expect(outcome).toContain('NOT_FOUND');
    return { sent, results: [{ text: outcome }] };
  },
  'Query.assetKpis': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { assetKpis(assetId: $id, from: $from, to: $to) { oee } }`,
      { id: victim.fixture.siteId, ...KPI_RANGE },
      'NOT_FOUND',
    ),
  'Query.machineKpis': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { machineKpis(machineId: $id, from: $from, to: $to) { oee } }`,
      { id: victim.fixture.machineId, ...KPI_RANGE },
      'NOT_FOUND',
    ),
  'Query.machineStateCounts': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!) { machineStateCounts(assetId: $id) { running total } }`,
      { id: victim.fixture.siteId },
      'NOT_FOUND',
    ),
  'Query.machineStateTimeline': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { machineStateTimeline(machineId: $id, from: $from, to: $to) { state start end } }`,
      { id: victim.fixture.machineId, ...KPI_RANGE },
      'NOT_FOUND',
    ),
  'Query.machineSensorSeries': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { machineSensorSeries(machineId: $id, from: $from, to: $to) { source series { metric } } }`,
      { id: victim.fixture.machineId, ...KPI_RANGE },
      'NOT_FOUND',
    ),
  'Query.users': (h, attacker) =>
    attempt(h, attacker, `{ users(first: 100) { edges { node { userId email name } } } }`, {}, null),
  'Query.apiKeys': (h, attacker) =>
    attempt(h, attacker, `{ apiKeys(first: 100) { edges { node { id name prefix } } } }`, {}, null),
  'Query.auditLog': (h, attacker) =>
    attempt(
      h,
      attacker,
      `{ auditLog(first: 100) { edges { node { id action entityId actorUserId actorApiKeyId before after } } } }`,
      {},
      null,
    ),
  'Mutation.createProvisioningClaim': async (h, attacker, victim) => {
    const result = await attempt(
      h,
      attacker,
      `mutation ($s: ID!) { createProvisioningClaim(input: { siteId: $s }) { id token } }`,
      { s: victim.fixture.siteId },
      'NOT_FOUND',
    );
    const claims = await h.owner.query(`SELECT 1 FROM provisioning_claims WHERE tenant_id = $1`, [
      victim.fixture.tenantId,
    ]);
    expect(claims.rows).toEqual([]);
    return result;
  },
  'Mutation.createApiKey': async (h, attacker) => {
    const created = await attempt(
      h,
      attacker,
      `mutation { createApiKey(input: { name: "probe", scopes: [{ domain: assets, access: READ }, { domain: admin, access: READ }] }) { key } }`,
      {},
      isKey(attacker) ? 'FORBIDDEN' : null,
    );
    const key = (created.results[0]?.data?.['createApiKey'] as { key: string } | null)?.key;
    if (key) {
      // The new key works in the attacker's tenant only.
      const use = await h.gql<Record<string, unknown>>(
        `{ assets { edges { node { id } } } users { edges { node { email } } } }`,
        {},
        { 'x-api-key': key },
      );
      expectCode(use, null);
      created.results.push(use);
    }
    return created;
  },
  'Mutation.revokeApiKey': async (h, attacker, victim) => {
    const { id } = await h.createKey(victim, 'READ', ['assets']);
    const result = await attempt(
      h,
      attacker,
      `mutation ($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id },
      isKey(attacker) ? 'FORBIDDEN' : 'NOT_FOUND',
    );
    const stored = await h.owner.query(`SELECT revoked_at FROM api_keys WHERE id = $1`, [id]);
    expect(stored.rows).toEqual([{ revoked_at: null }]);
    return result;
  },
  'Mutation.inviteUser': (h, attacker, victim) =>
    attempt(
      h,
      attacker,
      `mutation ($s: [ID!]) { inviteUser(input: { email: "probe@example.com", role: viewer, siteIds: $s }) { id } }`,
      { s: [victim.fixture.siteId] },
      'NOT_FOUND',
    ),
  'Mutation.updateMembership': async (h, attacker, victim) => {
    const before = await membershipOf(h, victim, victim.admin.userId);
    const result = await attempt(
      h,
      attacker,
      `mutation ($id: ID!) { updateMembership(input: { userId: $id, role: viewer }) { role } }`,
      { id: victim.admin.userId },
      'NOT_FOUND',
    );
    expect(await membershipOf(h, victim, victim.admin.userId)).toEqual(before);
    return result;
  },
  'Mutation.deactivateUser': async (h, attacker, victim) => {
    const result = await attempt(
      h,
      attacker,
      `mutation ($id: ID!) { deactivateUser(userId: $id) { active } }`,
      { id: victim.admin.userId },
      'NOT_FOUND',
    );
    expect(await membershipOf(h, victim, victim.admin.userId)).toEqual({
      role: 'admin',
      deactivated_at: null,
    });
    return result;
  },
  'Mutation.acceptInvitation': async (h, attacker, victim) => {
    // Someone of A accepts B's invitation: they join B, and A learns and loses nothing.
    const member = await h.createUser(victim, 'operator');
    const invited = await h.ok<{ inviteUser: { token: string } }>(
      `mutation ($e: String!) { inviteUser(input: { email: $e, role: viewer }) { token } }`,
      { e: member.email },
      bearer(attacker.side.adminToken),
    );
    const result = await attempt(
      h,
      attacker,
      `mutation ($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p, name: "Probe") { email tenantName tenantSlug } }`,
      { t: invited.inviteUser.token, p: TEST_PASSWORD },
      null,
    );
    expect(result.results[0]?.data?.['acceptInvitation']).toMatchObject({ tenantSlug: attacker.side.slug });
    expect(await membershipOf(h, victim, member.userId)).toEqual({ role: 'operator', deactivated_at: null });
    return result;
  },
  'Mutation.login': (h, attacker, victim) =>
    // B's admin asking for A's tenant by its slug gets no session there.
    attempt(
      h,
      attacker,
      `mutation ($e: String!, $p: String!, $s: String) { login(email: $e, password: $p, tenantSlug: $s) { accessToken tenantName } }`,
      { e: attacker.side.admin.email, p: TEST_PASSWORD, s: victim.slug },
      'FORBIDDEN',
    ),
  'Mutation.refreshSession': async (h, attacker) => {
    const login = await h.ok<{ login: { refreshToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, clientType: API) { refreshToken } }`,
      { e: attacker.side.admin.email, p: TEST_PASSWORD },
    );
    const result = await attempt(
      h,
      attacker,
      `mutation ($t: String) { refreshSession(clientType: API, refreshToken: $t) { tenantName } }`,
      { t: login.login.refreshToken },
      null,
    );
    expect(result.results[0]?.data?.['refreshSession']).toEqual({
      tenantName: `Tenant ${attacker.side.slug}`,
    });
    return result;
  },
  'Mutation.logout': async (h, attacker, victim) => {
    // A's session survives B's sign-out.
    const login = await h.ok<{ login: { refreshToken: string } }>(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p, clientType: API) { refreshToken } }`,
      { e: victim.admin.email, p: TEST_PASSWORD },
    );
    const result = await attempt(h, attacker, `mutation { logout }`, {}, null);
    const refreshed = await h.gql(
      `mutation ($t: String) { refreshSession(clientType: API, refreshToken: $t) { expiresAt } }`,
      {
        t: login.login.refreshToken,
      },
    );
    expectCode(refreshed, null);
    return result;
  },
  'Mutation.changePassword': async (h, attacker, victim) => {
    const result = await attempt(
      h,
      attacker,
      `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`,
      { c: TEST_PASSWORD, n: 'a different long passphrase' },
      isKey(attacker) ? 'FORBIDDEN' : null,
    );
    // Only the caller's own password changed.
    await h.login(victim.admin.email);
    return result;
  },
};

// A's tables that B's calls must neither reveal nor change.
const OWNED = [
  'assets',
  'products',
  'downtime_reasons',
  'shift_calendars',
  'shift_definitions',
  'gateways',
  'gateway_commands',
  'alarms',
  'alarm_rules',
  'notification_channels',
  'notification_subscriptions',
  'notification_deliveries',
];

async function stateOf(h: ApiHarness, side: TenantSide): Promise<string> {
  const parts = await Promise.all(
    OWNED.map((table) =>
      h.owner
        .query<{ rows: unknown }>(
          `SELECT json_agg(t ORDER BY t.id) AS rows FROM ${table} t WHERE tenant_id = $1`,
          [side.fixture.tenantId],
        )
        .then((result) => JSON.stringify(result.rows[0]?.rows)),
    ),
  );
  return parts.join('\n');
}

// Everything of A whose appearance in B's answers would be a leak (people who have since joined
// B too are B's to see).
async function markersOf(h: ApiHarness, victim: TenantSide, attacker: TenantSide): Promise<string[]> {
  const { fixture } = victim;
  const { rows } = await h.owner.query<{ value: string }>(
    `SELECT id::text AS value FROM audit_log WHERE tenant_id = $1
     UNION SELECT ${OWNED.map((table) => `id::text FROM ${table} WHERE tenant_id = $1`).join(' UNION SELECT ')}
     UNION SELECT prefix FROM api_keys WHERE tenant_id = $1
     UNION SELECT id::text FROM api_keys WHERE tenant_id = $1
     UNION SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id
       WHERE m.tenant_id = $1 AND u.id NOT IN (SELECT user_id FROM memberships WHERE tenant_id = $2)
     UNION SELECT user_id::text FROM memberships
       WHERE tenant_id = $1 AND user_id NOT IN (SELECT user_id FROM memberships WHERE tenant_id = $2)`,
    [fixture.tenantId, attacker.fixture.tenantId],
  );
  return [
    fixture.tenantId,
    victim.slug,
    fixture.siteId,
    fixture.lineId,
    fixture.machineId,
    fixture.gatewayId,
    fixture.thingName,
    fixture.productId,
    ...rows.map((r) => r.value),
  ];
}

describe('tenant isolation (generated from the schema)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await ApiHarness.start({ redisUrl: REDIS_URL });
    // Give A something in every list: a key, an invitation, audit entries, a second member.
    await h.createKey(h.a, 'READ_WRITE', ['assets']);
    await h.createUser(h.a, 'viewer');
    await h.ok(
      `mutation { inviteUser(input: { email: "a-invitee@example.com", role: viewer }) { id } }`,
      {},
      bearer(h.a.adminToken),
    );
    seeds = await seedVictim(h, h.a);
    publisher = new LiveEventPublisher(REDIS_URL, h.queuePrefix);
  });

  afterAll(async () => {
    await publisher.close();
    await h.stop();
  });

  function schemaFields(): string[] {
    return [h.schema.getQueryType(), h.schema.getMutationType(), h.schema.getSubscriptionType()].flatMap(
      (type) => (type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []),
    );
  }

  it(
    'gives a user and an API key of tenant B nothing of tenant A, through every field',
    async () => {
      const problems: string[] = [];
      for (const field of schemaFields()) {
        const run = ISOLATION_CASES[field];
        if (!run) {
          problems.push(`${field}: no isolation case in tenant-isolation.spec.ts`);
          continue;
        }
        for (const kind of ['admin', 'read-write-key'] as const) {
          const attacker = await h.caller(h.b, kind);
          try {
            const before = await stateOf(h, h.a);
            const { sent, results } = await run(h, attacker, h.a);
            if ((await stateOf(h, h.a)) !== before)
              problems.push(`${field} as B's ${kind}: changed A's data`);
            const alreadyKnown = JSON.stringify(sent);
            const leaked = (await markersOf(h, h.a, h.b)).filter(
              (marker) => !alreadyKnown.includes(marker) && results.some((r) => r.text.includes(marker)),
            );
            if (leaked.length)
              problems.push(`${field} as B's ${kind}: the answer contains A's ${leaked.join(', ')}`);
          } catch (error) {
            problems.push(`${field} as B's ${kind}: ${(error as Error).message}`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
    SCHEMA_SWEEP_TIMEOUT_MS,
  );

  it('has no cases for fields that do not exist', () => {
    expect(Object.keys(ISOLATION_CASES).filter((field) => !schemaFields().includes(field))).toEqual([]);
  });

  it('finds a leak when there is one (the check itself works)', async () => {
    const mine = await h.caller(h.a, 'admin');
    const own = await h.gql(`{ users { edges { node { email } } } }`, {}, mine.headers);
    const markers = await markersOf(h, h.a, h.b);
    expect(markers.some((marker) => own.text.includes(marker))).toBe(true);
  });
});
