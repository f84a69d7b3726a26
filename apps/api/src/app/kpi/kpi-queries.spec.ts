import { QUEUES } from '@convergent/shared-util-contracts';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hashPassword } from '@convergent/tenancy-data-access-auth';
import {
  createTenantFixture,
  createTestDatabase,
  MachineEventWriter,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { Database } from '@convergent/platform-data-access-db';
import { MachineBucketKpiService } from '@convergent/kpi-data-access-kpi';
import { AppModule } from '../app.module';
import { apiConfigSchema } from '../api-config';
import { graphqlTestClient } from '../graphql-test-client';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PASSWORD = 'secret-password';

describe('KPI queries, backfill and queue dashboard', () => {
  let testDb: TestDatabase;
  let app: INestApplication;
  let base: string;
  let f: TenantFixture;
  let owner: Client;
  const prefix = `oee-api-${randomUUID().slice(0, 8)}`;
  const otherSite = randomUUID();
  // The fixture's site is in UTC with one 24-hour shift; a whole day two days ago.
  const day = new Date(Math.floor(Date.now() / DAY) * DAY - 2 * DAY);
  const at = (h: number, m = 0) => new Date(day.getTime() + h * HOUR + m * MINUTE);
  const range = { from: at(0).toISOString(), to: at(24).toISOString() };

  const { gql, login } = graphqlTestClient(() => `${base}/graphql`);

  async function user(
    email: string,
    role: string | null,
    options: { platformAdmin?: boolean; site?: string } = {},
  ) {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO users (id, email, display_name, password_hash, platform_role) VALUES (gen_random_uuid(), $1, $1, $2, $3) RETURNING id`,
      [email, await hashPassword(PASSWORD), options.platformAdmin ? 'platform_admin' : 'none'],
    );
    if (!role) return;
    const membership = await owner.query<{ id: string }>(
      `INSERT INTO memberships (id, tenant_id, user_id, role, all_sites) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
      [f.tenantId, rows[0]?.id, role, !options.site],
    );
    if (options.site)
      await owner.query(
        `INSERT INTO membership_sites (tenant_id, membership_id, site_id) VALUES ($1, $2, $3)`,
        [f.tenantId, membership.rows[0]?.id, options.site],
      );
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTenantFixture(testDb.ownerUrl, { idealCycleTimeMs: 1000 });
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    await owner.query(
      `INSERT INTO assets (id, tenant_id, kind, name, ancestors, depth, site_id, time_zone)
       VALUES ($1, $2, 'site', 'Other plant', ARRAY[$1]::uuid[], 0, $1, 'Asia/Tokyo')`,
      [otherSite, f.tenantId],
    );
    await owner.query(
      `INSERT INTO downtime_reasons (id, tenant_id, code, name, loss_class) VALUES
         (gen_random_uuid(), $1, 'JAM', 'Material jam', 'breakdown'),
         (gen_random_uuid(), $1, 'WAIT', 'Waiting for material', 'minor_stop')`,
      [f.tenantId],
    );
    await user('ada@a.example', 'admin');
    await user('otto@a.example', 'operator');
    await user('rita@a.example', 'admin', { site: otherSite });
    await user('root@platform.example', null, { platformAdmin: true });
    // A day of 24 h: running, two jams of 1 h (02:00, 14:00), 2 h waiting at 08:00, a 1 h
    // changeover at 18:00 followed by 10 start-up scraps; 64,800 parts at an ideal 1 s.
    const w = new MachineEventWriter(owner, f);
    await w.states(at(-1), at(2), 'running');
    for (const [from, to, state, reason] of [
      [2, 3, 'down', 'JAM'],
      [3, 8, 'running', null],
      [8, 10, 'idle', 'WAIT'],
      [10, 14, 'running', null],
      [14, 15, 'down', 'JAM'],
      [15, 18, 'running', null],
      [18, 19, 'setup', null],
      [19, 24, 'running', null],
    ] as const) {
      if (reason) await w.statesWithReason(at(from), at(to), state, reason);
      else await w.states(at(from), at(to), state);
    }
    await w.count(at(12), 'produced', 64_800);
    await w.count(at(19, 5), 'scrap', 10);
    await w.count(at(21), 'scrap', 30);

    const config = apiConfigSchema.parse({
      DATABASE_URL: testDb.appUrl,
      AUTH_TOKEN_SECRET: 'test-secret-test-secret-test-secret-0123',
      NODE_ENV: 'test',
      QUEUE_PREFIX: prefix,
    });
    app = await NestFactory.create(AppModule.forConfig(config), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await owner?.end();
    await testDb?.drop();
  });

  const KPIS = `query ($id: ID!, $from: DateTime!, $to: DateTime!, $g: KpiGranularity!) {
    kpis(assetId: $id, from: $from, to: $to, granularity: $g) {
      bucketStart bucketEnd availability oee plannedBusyTimeMs runTimeMs breakdownTimeMs minorStopTimeMs
      setupTimeMs unknownTimeMs failureCount mtbfMs mttrMs final
    }
  }`;

  it('computes any range from raw events with the time elements, MTBF and MTTR behind the figures', async () => {
    const result = await gql<{ kpis: Array<Record<string, unknown>> }>(
      KPIS,
      { id: f.lineId, ...range, g: 'RANGE' },
      await login('otto@a.example'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.kpis).toEqual([
      {
        bucketStart: range.from,
        bucketEnd: range.to,
        plannedBusyTimeMs: DAY,
        runTimeMs: 19 * HOUR,
        breakdownTimeMs: 2 * HOUR,
        minorStopTimeMs: 2 * HOUR,
        setupTimeMs: HOUR,
        unknownTimeMs: 0,
        availability: 19 / 24,
        oee: (64_760 * 1000) / DAY,
        failureCount: 2,
        mtbfMs: (19 * HOUR) / 2,
        mttrMs: HOUR,
        final: true,
      },
    ]);
  });

  it('lets an admin start a backfill and follow its progress', async () => {
    const token = await login('ada@a.example');
    const started = await gql<{ startKpiBackfill: { id: string; state: string } }>(
      `mutation ($from: DateTime!, $to: DateTime!) { startKpiBackfill(from: $from, to: $to) { id state } }`,
      range,
      token,
    );
    expect(started.errors).toBeUndefined();
    expect(started.data?.startKpiBackfill.state).toBe('waiting');
    const followed = await gql<{ kpiBackfillJob: { machinesDone: number; percent: number; from: string } }>(
      `query ($id: ID!) { kpiBackfillJob(id: $id) { machinesDone percent from } }`,
      { id: started.data?.startKpiBackfill.id },
      token,
    );
    expect(followed.data?.kpiBackfillJob).toEqual({ machinesDone: 0, percent: 0, from: range.from });
  });

  it('rolls stored shift and day buckets up for a line, with their time elements', async () => {
    const db = new Database({ url: testDb.appUrl, poolSize: 1 });
    await new MachineBucketKpiService(db).backfill(f.tenantId, f.machineId, { start: at(0), end: at(24) }, [
      'shift',
      'day',
    ]);
    await db.close();
    const token = await login('otto@a.example');
    for (const g of ['SHIFT', 'DAY']) {
      const result = await gql<{ kpis: Array<Record<string, unknown>> }>(
        KPIS,
        { id: f.lineId, ...range, g },
        token,
      );
      expect(result.data?.kpis).toEqual([
        expect.objectContaining({
          bucketStart: range.from,
          bucketEnd: range.to,
          plannedBusyTimeMs: DAY,
          runTimeMs: 19 * HOUR,
          availability: 19 / 24,
          failureCount: 2,
          final: true,
        }),
      ]);
    }
  });

  it('says when the next shift starts, for a site and for a machine, and refuses an unknown asset', async () => {
    const token = await login('otto@a.example');
    const next = (id: string) =>
      gql<{ nextShiftStart: string | null }>(
        `query ($id: ID!) { nextShiftStart(assetId: $id) }`,
        { id },
        token,
      );
    // The fixture's calendar is one 24-hour shift from UTC midnight: the next starts at the next one.
    const midnight = new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000).toISOString();
    expect((await next(f.siteId)).data?.nextShiftStart).toBe(midnight);
    expect((await next(f.machineId)).data?.nextShiftStart).toBe(midnight);
    expect((await next(randomUUID())).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it("shows the shift in progress so far, as the worker's live job stored it", async () => {
    const db = new Database({ url: testDb.appUrl, poolSize: 1 });
    const live = await new MachineBucketKpiService(db).live(f.tenantId, f.machineId);
    await db.close();
    const result = await gql<{ currentShiftKpis: Array<Record<string, unknown>> }>(
      `query ($id: ID!) { currentShiftKpis(assetId: $id) { bucketStart shiftName plannedOperationTimeMs final } }`,
      { id: f.siteId },
      await login('otto@a.example'),
    );
    expect(result.data?.currentShiftKpis).toEqual([
      {
        bucketStart: live?.shift?.bucket.start.toISOString(),
        shiftName: 'Day',
        plannedOperationTimeMs: live?.shift?.result.time.pot,
        final: false,
      },
    ]);
  });

  it('refuses a backfill to operators and a whole-tenant backfill to a site-restricted admin', async () => {
    const mutation = `mutation ($from: DateTime!, $to: DateTime!) { startKpiBackfill(from: $from, to: $to) { id } }`;
    const operator = await gql(mutation, range, await login('otto@a.example'));
    expect(operator.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const restricted = await gql(mutation, range, await login('rita@a.example'));
    expect(restricted.errors?.[0]?.message).toContain('name the asset to backfill');
    const tooLong = await gql(
      mutation,
      { from: '2024-01-01T00:00:00Z', to: '2025-06-01T00:00:00Z' },
      await login('ada@a.example'),
    );
    expect(tooLong.errors?.[0]?.message).toContain('at most 366 days');
  });

  it('draws the loss waterfall from planned busy time down to fully productive time', async () => {
    const result = await gql<{ kpiLossWaterfall: Record<string, number> }>(
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { kpiLossWaterfall(assetId: $id, from: $from, to: $to) {
        plannedBusyTimeMs breakdownsMs setupMs minorStopsMs unknownMs runTimeMs reducedSpeedMs startupRejectsMs
        productionRejectsMs fullyProductiveTimeMs } }`,
      { id: f.siteId, ...range },
      await login('otto@a.example'),
    );
    const w = result.data?.kpiLossWaterfall;
    expect(w).toEqual({
      plannedBusyTimeMs: DAY,
      breakdownsMs: 2 * HOUR,
      setupMs: HOUR,
      minorStopsMs: 2 * HOUR,
      unknownMs: 0,
      runTimeMs: 19 * HOUR,
      reducedSpeedMs: HOUR,
      startupRejectsMs: 10_000,
      productionRejectsMs: 30_000,
      fullyProductiveTimeMs: 64_760_000,
    });
  });

  it("ranks unplanned stop time by the tenant's reason codes", async () => {
    const result = await gql<{ downtimePareto: Array<Record<string, unknown>> }>(
      `query ($id: ID!, $from: DateTime!, $to: DateTime!) { downtimePareto(assetId: $id, from: $from, to: $to) {
        state reasonCode reasonName lossClass durationMs share cumulativeShare } }`,
      { id: f.machineId, ...range },
      await login('otto@a.example'),
    );
    expect(result.data?.downtimePareto).toEqual([
      {
        state: 'down',
        reasonCode: 'JAM',
        reasonName: 'Material jam',
        lossClass: 'breakdown',
        durationMs: 2 * HOUR,
        share: 0.4,
        cumulativeShare: 0.4,
      },
      {
        state: 'idle',
        reasonCode: 'WAIT',
        reasonName: 'Waiting for material',
        lossClass: 'minor_stop',
        durationMs: 2 * HOUR,
        share: 0.4,
        cumulativeShare: 0.8,
      },
      {
        state: 'setup',
        reasonCode: null,
        reasonName: null,
        lossClass: 'setup',
        durationMs: HOUR,
        share: 0.2,
        cumulativeShare: 1,
      },
    ]);
  });

  it("hides another site's assets from a site-restricted user", async () => {
    const result = await gql(KPIS, { id: f.lineId, ...range, g: 'DAY' }, await login('rita@a.example'));
    expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  describe('queue dashboard at /admin/queues', () => {
    const basic = (email: string, password = PASSWORD) =>
      `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
    const open = (authorization?: string) =>
      fetch(`${base}/admin/queues/api/queues`, { headers: authorization ? { authorization } : {} });

    it('asks for credentials without any (401 with a Basic challenge) and refuses a wrong password', async () => {
      const none = await open();
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Basic');
      expect((await open(basic('root@platform.example', 'wrong-password'))).status).toBe(401);
    });

    it('refuses tenant users, admins included, with a token or a password (403)', async () => {
      expect((await open(`Bearer ${await login('ada@a.example')}`)).status).toBe(403);
      expect((await open(basic('ada@a.example'))).status).toBe(403);
      expect((await open('Bearer forged')).status).toBe(401);
    });

    it('shows every queue, with the backfill waiting, to a platform admin', async () => {
      const response = await open(basic('root@platform.example'));
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        queues: Array<{ name: string; counts: Record<string, number> }>;
      };
      expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
      expect(body.queues.find((q) => q.name === 'kpi-backfill')?.counts['waiting']).toBe(1);
      const page = await fetch(`${base}/admin/queues`, {
        headers: { authorization: basic('root@platform.example') },
      });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
    });
  });
});
