import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hashPassword } from '@convergent/tenancy-data-access-auth';
import { Database } from '@convergent/platform-data-access-db';
import { AlarmEngine } from '@convergent/alarms-data-access-alarms';
import {
  createTenantFixture,
  createTestDatabase,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { AppModule } from '../app.module';
import { apiConfigSchema } from '../api-config';

interface Gql<T> {
  data?: T;
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

const MIN = 60_000;

// The alarms API over HTTP: rules, alarms raised by the real engine, the lifecycle mutations with
// their history and audit entries, site visibility and roles, and notification settings.
describe('alarms GraphQL API', () => {
  let testDb: TestDatabase;
  let app: INestApplication;
  let url: string;
  let f: TenantFixture;
  let owner: Client;
  const otherSite = randomUUID();
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function gql<T>(
    who: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Gql<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who] ?? ''}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Gql<T>;
  }

  const codeOf = (r: Gql<unknown>) => r.errors?.[0]?.extensions.code;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTenantFixture(testDb.ownerUrl);
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    const hash = await hashPassword('secret-password');
    await owner.query(
      `INSERT INTO assets (id, tenant_id, kind, name, ancestors, depth, site_id, time_zone)
       VALUES ($1, $2, 'site', 'Other plant', ARRAY[$1]::uuid[], 0, $1, 'UTC')`,
      [otherSite, f.tenantId],
    );
    for (const [name, role, allSites] of [
      ['ada', 'admin', true],
      ['olga', 'operator', true],
      ['vic', 'viewer', true],
      ['rita', 'operator', false],
    ] as const) {
      const user = await owner.query<{ id: string }>(
        `INSERT INTO users (id, email, display_name, password_hash) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
        [`${name}@plant.test`, name, hash],
      );
      ids[name] = user.rows[0]!.id;
      const m = await owner.query<{ id: string }>(
        `INSERT INTO memberships (id, tenant_id, user_id, role, all_sites) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
        [f.tenantId, ids[name], role, allSites],
      );
      if (!allSites) {
        await owner.query(
          `INSERT INTO membership_sites (tenant_id, membership_id, site_id) VALUES ($1, $2, $3)`,
          [f.tenantId, m.rows[0]!.id, otherSite],
        );
      }
    }
    const config = apiConfigSchema.parse({
      DATABASE_URL: testDb.appUrl,
      AUTH_TOKEN_SECRET: 'test-secret-test-secret-test-secret-0123',
      NODE_ENV: 'test',
    });
    app = await NestFactory.create(AppModule.forConfig(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/graphql`;
    for (const name of ['ada', 'olga', 'vic', 'rita']) {
      const r = await gql<{ login: { accessToken: string } }>(
        name,
        `mutation ($email: String!) { login(email: $email, password: "secret-password") { accessToken } }`,
        { email: `${name}@plant.test` },
      );
      tokens[name] = r.data!.login.accessToken;
    }
  });

  afterAll(async () => {
    await app?.close();
    await owner.end();
    await testDb.drop();
  });

  const CREATE_RULE = `mutation ($input: AlarmRuleInput!) { createAlarmRule(input: $input) { id name severity version definition } }`;

  it('lets admins define rules, naming every problem of a bad definition', async () => {
    const bad = await gql('ada', CREATE_RULE, {
      input: {
        name: 'Overheat',
        assetId: f.lineId,
        definition: JSON.stringify({
          v: 1,
          severity: 'major',
          condition: { kind: 'threshold', metric: 't', op: '>', value: 'x' },
        }),
      },
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toBe('invalid alarm rule: condition.value: expected a number');
    expect(
      codeOf(await gql('ada', CREATE_RULE, { input: { name: 'x', assetId: f.lineId, definition: '{' } })),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await gql('olga', CREATE_RULE, {
          input: { name: 'x', assetId: f.lineId, definition: '{}' },
        }),
      ),
    ).toBe('FORBIDDEN');

    const created = await gql<{ createAlarmRule: { id: string; severity: string; version: number } }>(
      'ada',
      CREATE_RULE,
      {
        input: {
          name: 'Overheat',
          assetId: f.lineId,
          definition: JSON.stringify({
            v: 1,
            severity: 'major',
            condition: { kind: 'threshold', metric: 'temperature', op: '>', value: 80, hysteresis: 2 },
          }),
        },
      },
    );
    expect(created.data?.createAlarmRule).toMatchObject({ severity: 'major', version: 1 });
    ids['rule'] = created.data!.createAlarmRule.id;
    const updated = await gql<{ updateAlarmRule: { version: number } }>(
      'ada',
      `mutation ($id: ID!, $patch: AlarmRulePatch!) { updateAlarmRule(id: $id, patch: $patch) { version } }`,
      {
        id: ids['rule'],
        patch: {
          definition: JSON.stringify({
            v: 1,
            severity: 'major',
            condition: { kind: 'threshold', metric: 'temperature', op: '>', value: 85, hysteresis: 2 },
          }),
        },
      },
    );
    expect(updated.data?.updateAlarmRule.version).toBe(2);
    const audit = await owner.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at`,
      [ids['rule']],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['alarm-rule.create', 'alarm-rule.update']);
  });

  it('lists alarms with filters and cursor pages, and runs the lifecycle with comments, history and audit', async () => {
    const db = new Database({ url: testDb.appUrl, poolSize: 1 });
    const t0 = Date.now() - 60 * MIN;
    // Three separate alarms: raised, acknowledged and cleared, raised again.
    const engine = new AlarmEngine(db);
    const at = (minute: number, temperature: number) => ({
      tenantId: f.tenantId,
      machineId: f.machineId,
      ts: t0 + minute * MIN,
      values: { temperature },
    });
    await engine.evaluateSamples([at(0, 90)]);
    await db.close();
    const [first] = (
      await owner.query<{ id: string }>('SELECT id FROM alarms WHERE rule_id = $1', [ids['rule']])
    ).rows;
    const alarmId = first!.id;
    // Two more, older alarms on the same machine from a rule that has since been deleted.
    for (const minutes of [120, 180]) {
      await owner.query(
        `INSERT INTO alarms (id, tenant_id, asset_id, site_id, state, severity, message, raised_at)
         VALUES (gen_random_uuid(), $1, $2, $3, 'cleared_acknowledged', 'minor', 'old', now() - make_interval(mins => $4))`,
        [f.tenantId, f.machineId, f.siteId, minutes],
      );
    }

    const LIST = `query ($filter: AlarmFilterInput, $first: Int!, $after: String) {
      alarms(filter: $filter, first: $first, after: $after) { nodes { id state severity assetName ruleName message } nextCursor } }`;
    type Page = {
      alarms: {
        nodes: Array<{ id: string; state: string; ruleName: string | null }>;
        nextCursor: string | null;
      };
    };
    const open = await gql<Page>('vic', LIST, {
      filter: { states: ['active_unacknowledged'], severities: ['major'] },
      first: 10,
    });
    expect(open.data?.alarms).toEqual({
      nodes: [
        {
          id: alarmId,
          state: 'active_unacknowledged',
          severity: 'major',
          assetName: 'Press 1',
          ruleName: 'Overheat',
          message: 'temperature > 85 (is 90)',
        },
      ],
      nextCursor: null,
    });
    const page1 = await gql<Page>('vic', LIST, { filter: { assetId: f.lineId }, first: 2 });
    const page2 = await gql<Page>('vic', LIST, {
      filter: { assetId: f.lineId },
      first: 2,
      after: page1.data?.alarms.nextCursor,
    });
    expect(page1.data?.alarms.nodes.map((n) => n.id)[0]).toBe(alarmId);
    expect(page1.data?.alarms.nodes).toHaveLength(2);
    expect(page2.data?.alarms.nodes).toHaveLength(1);
    expect(page2.data?.alarms.nextCursor).toBeNull();
    expect(codeOf(await gql('vic', LIST, { first: 2, after: 'garbage' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql('vic', LIST, { first: 1000 }))).toBe('BAD_USER_INPUT');
    // Rita sees only the other site: no alarms, and this one does not exist for her.
    expect((await gql<Page>('rita', LIST, { first: 10 })).data?.alarms.nodes).toEqual([]);

    const ACK = `mutation ($id: ID!, $comment: String) { acknowledgeAlarm(id: $id, comment: $comment) { state acknowledgedById } }`;
    expect(codeOf(await gql('vic', ACK, { id: alarmId }))).toBe('FORBIDDEN');
    expect(codeOf(await gql('rita', ACK, { id: alarmId }))).toBe('NOT_FOUND');
    expect(codeOf(await gql('olga', ACK, { id: 'not-a-uuid' }))).toBe('BAD_USER_INPUT');
    const acked = await gql<{ acknowledgeAlarm: { state: string; acknowledgedById: string } }>('olga', ACK, {
      id: alarmId,
      comment: 'looking at the coolant',
    });
    expect(acked.data?.acknowledgeAlarm).toEqual({
      state: 'active_acknowledged',
      acknowledgedById: ids['olga'],
    });
    const again = await gql('olga', ACK, { id: alarmId });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toBe('the alarm is already acknowledged');

    const SHELVE = `mutation ($id: ID!, $until: DateTime!) { shelveAlarm(id: $id, until: $until, comment: "maintenance") { shelvedUntil } }`;
    const tooLong = await gql('olga', SHELVE, {
      id: alarmId,
      until: new Date(Date.now() + 8 * 86_400_000).toISOString(),
    });
    expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
    const until = new Date(Date.now() + 3_600_000);
    const shelved = await gql<{ shelveAlarm: { shelvedUntil: string } }>('olga', SHELVE, {
      id: alarmId,
      until: until.toISOString(),
    });
    expect(shelved.data?.shelveAlarm.shelvedUntil).toBe(until.toISOString());
    const cleared = await gql<{ clearAlarm: { state: string } }>(
      'olga',
      `mutation ($id: ID!) { clearAlarm(id: $id, comment: "coolant refilled") { state } }`,
      { id: alarmId },
    );
    expect(cleared.data?.clearAlarm.state).toBe('cleared_acknowledged');

    type HistoryPage = {
      alarmHistory: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{
          node: { action: string; toState: string; userId: string | null; comment: string | null };
        }>;
      };
    };
    const HISTORY = `query ($id: ID!, $first: Int, $after: String) {
      alarmHistory(alarmId: $id, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { action toState userId comment } }
      } }`;
    const firstPage = await gql<HistoryPage>('vic', HISTORY, { id: alarmId, first: 2 });
    const secondPage = await gql<HistoryPage>('vic', HISTORY, {
      id: alarmId,
      first: 2,
      after: firstPage.data?.alarmHistory.pageInfo.endCursor,
    });
    expect(firstPage.data?.alarmHistory).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    expect(secondPage.data?.alarmHistory.pageInfo.hasNextPage).toBe(false);
    expect(
      [firstPage, secondPage].flatMap((page) => page.data?.alarmHistory.edges.map((edge) => edge.node)),
    ).toEqual([
      { action: 'raise', toState: 'active_unacknowledged', userId: null, comment: null },
      {
        action: 'acknowledge',
        toState: 'active_acknowledged',
        userId: ids['olga'],
        comment: 'looking at the coolant',
      },
      { action: 'shelve', toState: 'active_acknowledged', userId: ids['olga'], comment: 'maintenance' },
      { action: 'clear', toState: 'cleared_acknowledged', userId: ids['olga'], comment: 'coolant refilled' },
    ]);
    const audit = await owner.query<{ action: string; actor_user_id: string }>(
      'SELECT action, actor_user_id FROM audit_log WHERE entity_id = $1 ORDER BY at',
      [alarmId],
    );
    expect(audit.rows).toEqual([
      { action: 'alarm.acknowledge', actor_user_id: ids['olga'] },
      { action: 'alarm.shelve', actor_user_id: ids['olga'] },
      { action: 'alarm.clear', actor_user_id: ids['olga'] },
    ]);
  });

  it('manages channels, subscriptions and deliveries, never showing a webhook secret', async () => {
    const CREATE = `mutation ($input: NotificationChannelInput!) { createNotificationChannel(input: $input) { id kind name target } }`;
    const noSecret = await gql('ada', CREATE, {
      input: { kind: 'webhook', name: 'CMMS', target: 'https://cmms.test/hook' },
    });
    expect(noSecret.errors?.[0]?.message).toBe('a webhook needs a signing secret of at least 16 characters');
    expect(codeOf(await gql('ada', CREATE, { input: { kind: 'sms', name: 'x', target: '123' } }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await gql('ada', CREATE, { input: { kind: 'email', name: 'x', target: 'nobody' } }))).toBe(
      'BAD_USER_INPUT',
    );
    const hook = await gql<{ createNotificationChannel: { id: string } }>('ada', CREATE, {
      input: {
        kind: 'webhook',
        name: 'CMMS',
        target: 'https://cmms.test/hook',
        secret: 'a-long-enough-secret',
      },
    });
    const channelId = hook.data!.createNotificationChannel.id;
    const audit = await owner.query<{ after: unknown }>('SELECT after FROM audit_log WHERE entity_id = $1', [
      channelId,
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain('a-long-enough-secret');

    const SUB = `mutation ($input: NotificationSubscriptionInput!) { createNotificationSubscription(input: $input) { userId siteId minSeverity repeatEveryMinutes } }`;
    const mine = await gql<{ createNotificationSubscription: unknown }>('olga', SUB, {
      input: { channelId, minSeverity: 'critical', repeatEveryMinutes: 30 },
    });
    expect(mine.data?.createNotificationSubscription).toEqual({
      userId: ids['olga'],
      siteId: null,
      minSeverity: 'critical',
      repeatEveryMinutes: 30,
    });
    expect(codeOf(await gql('olga', SUB, { input: { channelId, forMe: false } }))).toBe('FORBIDDEN');
    expect(codeOf(await gql('rita', SUB, { input: { channelId, siteId: f.siteId } }))).toBe('NOT_FOUND');
    expect(codeOf(await gql('olga', SUB, { input: { channelId, repeatEveryMinutes: 0 } }))).toBe(
      'BAD_USER_INPUT',
    );

    const delivery = randomUUID();
    await owner.query(
      `INSERT INTO notification_deliveries (id, tenant_id, channel_id, dedup_key, event, payload, status, attempts, last_error)
       VALUES ($1, $2, $3, 'k', 'alarm.raised', '{}', 'failed', 8, 'the receiver answered HTTP 503')`,
      [delivery, f.tenantId, channelId],
    );
    const LIST = `query ($status: String) { notificationDeliveries(status: $status) {
      edges { node { id status attempts lastError channelName } } } }`;
    expect(codeOf(await gql('olga', LIST))).toBe('FORBIDDEN');
    expect(codeOf(await gql('ada', LIST, { status: 'lost' }))).toBe('BAD_USER_INPUT');
    expect(
      (
        await gql<{ notificationDeliveries: { edges: Array<{ node: unknown }> } }>('ada', LIST, {
          status: 'failed',
        })
      ).data?.notificationDeliveries.edges.map((edge) => edge.node),
    ).toEqual([
      {
        id: delivery,
        status: 'failed',
        attempts: 8,
        lastError: 'the receiver answered HTTP 503',
        channelName: 'CMMS',
      },
    ]);
    const REDELIVER = `mutation ($id: ID!) { redeliverNotification(id: $id) }`;
    expect((await gql<{ redeliverNotification: boolean }>('ada', REDELIVER, { id: delivery })).data).toEqual({
      redeliverNotification: true,
    });
    expect(codeOf(await gql('ada', REDELIVER, { id: delivery }))).toBe('CONFLICT');
    const row = await owner.query('SELECT status, attempts FROM notification_deliveries WHERE id = $1', [
      delivery,
    ]);
    expect(row.rows).toEqual([{ status: 'pending', attempts: 0 }]);
  });
});
