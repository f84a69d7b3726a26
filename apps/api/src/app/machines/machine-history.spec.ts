import { MachineEventWriter } from '@convergent/platform-data-access-testing';
import { ApiHarness, bearer } from '../testing/api-harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const TIMELINE = `query ($id: ID!, $from: DateTime!, $to: DateTime!) {
  machineStateTimeline(machineId: $id, from: $from, to: $to) { state reasonCode reasonName start end } }`;
const SERIES = `query ($id: ID!, $from: DateTime!, $to: DateTime!, $maxPoints: Int, $metrics: [String!]) {
  machineSensorSeries(machineId: $id, from: $from, to: $to, maxPoints: $maxPoints, metrics: $metrics) {
    source bucketMs series { metric points { at min avg max count } } } }`;

interface Interval {
  state: string;
  reasonCode: string | null;
  reasonName: string | null;
  start: string;
  end: string;
}
interface Series {
  machineSensorSeries: {
    source: string;
    bucketMs: number;
    series: Array<{
      metric: string;
      points: Array<{ at: string; min: number; avg: number; max: number; count: number }>;
    }>;
  };
}

describe('machine state timeline and sensor series', () => {
  let h: ApiHarness;
  // A whole hour two days ago, so the range lies in the past and inside the event partitions.
  const start = new Date(Math.floor(Date.now() / HOUR) * HOUR - 48 * HOUR);
  const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
  const iso = (minutes: number) => at(minutes).toISOString();
  const admin = () => bearer(h.a.adminToken);

  beforeAll(async () => {
    h = await ApiHarness.start({ redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' });
    const f = h.a.fixture;
    await h.owner.query(
      `INSERT INTO downtime_reasons (id, tenant_id, code, name, loss_class) VALUES (gen_random_uuid(), $1, 'JAM', 'Material jam', 'breakdown')`,
      [f.tenantId],
    );
    const events = new MachineEventWriter(h.owner, f);
    // Running since before the range, a jam, running again, then the gateway falls silent for
    // 25 minutes and comes back with idle.
    await events.states(at(-10), at(-5), 'running');
    await events.statesWithReason(at(5), at(10), 'down', 'JAM');
    await events.states(at(10), at(30), 'running');
    await events.states(at(50), at(60), 'idle', 10 * MINUTE);
    // A temperature every 10 s for the first half hour, none after: the second half is a gap.
    await h.owner.query(
      `INSERT INTO telemetry_points (tenant_id, machine_id, gateway_id, seq, idx, ts, metric, value)
       SELECT $1, $2, $3, 1000 + i, 0, $4::timestamptz + i * interval '10 seconds', 'temperature', 20 + (i % 6)
         FROM generate_series(0, 179) AS i`,
      [f.tenantId, f.machineId, f.gatewayId, start],
    );
    await h.owner.query(`SELECT rollup_telemetry($1, $2)`, [at(0), at(60)]);
  });

  afterAll(async () => {
    await h.stop();
  });

  it('shows the states of the hour, clipped at its start, with the jam named and the silence as unknown', async () => {
    const data = await h.ok<{ machineStateTimeline: Interval[] }>(
      TIMELINE,
      { id: h.a.fixture.machineId, from: iso(0), to: iso(60) },
      admin(),
    );
    expect(data.machineStateTimeline).toEqual([
      { state: 'running', reasonCode: null, reasonName: null, start: iso(0), end: iso(5) },
      { state: 'down', reasonCode: 'JAM', reasonName: 'Material jam', start: iso(5), end: iso(10) },
      // The last running sample at :25 holds for 15 minutes, then nothing is known until :50.
      { state: 'running', reasonCode: null, reasonName: null, start: iso(10), end: iso(40) },
      { state: 'unknown', reasonCode: null, reasonName: null, start: iso(40), end: iso(50) },
      { state: 'idle', reasonCode: null, reasonName: null, start: iso(50), end: iso(60) },
    ]);
  });

  it('reads raw readings for a short range, a point per bucket, and leaves the gap empty', async () => {
    const data = await h.ok<Series>(
      SERIES,
      { id: h.a.fixture.machineId, from: iso(0), to: iso(60), maxPoints: 120 },
      admin(),
    );
    const { source, bucketMs, series } = data.machineSensorSeries;
    expect({ source, bucketMs }).toEqual({ source: 'RAW', bucketMs: 30_000 });
    expect(series.map((s) => s.metric)).toEqual(['temperature']);
    const points = series[0]?.points ?? [];
    expect(points).toHaveLength(60);
    expect(points.slice(0, 2)).toEqual([
      { at: iso(0), min: 20, avg: 21, max: 22, count: 3 },
      { at: iso(0.5), min: 23, avg: 24, max: 25, count: 3 },
    ]);
    expect(points.at(-1)?.at).toBe(iso(29.5));
  });

  it('reads minute rollups for the hour when fewer points are asked for', async () => {
    const data = await h.ok<Series>(
      SERIES,
      { id: h.a.fixture.machineId, from: iso(0), to: iso(60), maxPoints: 30 },
      admin(),
    );
    expect(data.machineSensorSeries).toMatchObject({ source: 'MINUTE', bucketMs: 2 * MINUTE });
    expect(data.machineSensorSeries.series[0]?.points).toHaveLength(15);
    expect(data.machineSensorSeries.series[0]?.points[0]).toEqual({
      at: iso(0),
      min: 20,
      avg: 22.5,
      max: 25,
      count: 12,
    });
  });

  it('reads the hourly rollups for a week, min, average and max of the whole hour in one point', async () => {
    const data = await h.ok<Series>(
      SERIES,
      {
        id: h.a.fixture.machineId,
        from: iso(-72 * 60),
        to: iso(96 * 60),
        maxPoints: 100,
        metrics: ['temperature'],
      },
      admin(),
    );
    expect(data.machineSensorSeries).toMatchObject({ source: 'HOUR', bucketMs: 2 * HOUR });
    expect(data.machineSensorSeries.series[0]?.points).toEqual([
      { at: iso(0), min: 20, avg: 22.5, max: 25, count: 180 },
    ]);
    const unknownMetric = await h.ok<Series>(
      SERIES,
      { id: h.a.fixture.machineId, from: iso(0), to: iso(60), metrics: ['pressure'] },
      admin(),
    );
    expect(unknownMetric.machineSensorSeries.series).toEqual([]);
  });

  it('refuses overlong ranges and point caps with specific messages', async () => {
    const id = h.a.fixture.machineId;
    const longTimeline = await h.gql(TIMELINE, { id, from: iso(0), to: iso(32 * 24 * 60) }, admin());
    expect(longTimeline.errors?.[0]).toMatchObject({
      message: 'the range is longer than 31 days: ask for a shorter range',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const longSeries = await h.gql(SERIES, { id, from: iso(0), to: iso(400 * 24 * 60) }, admin());
    expect(longSeries.errors?.[0]?.message).toBe(
      'the range is longer than 366 days: ask for a shorter range',
    );
    const tooManyPoints = await h.gql(SERIES, { id, from: iso(0), to: iso(60), maxPoints: 5000 }, admin());
    expect(tooManyPoints.errors?.[0]?.message).toBe('"maxPoints" must be between 1 and 2000; it was 5000');
  });

  it('answers NOT_FOUND outside the caller’s tenant and sites, and needs the kpi scope of a key', async () => {
    const variables = { id: h.a.fixture.machineId, from: iso(0), to: iso(60) };
    const otherSite = await h.ok<{ createAsset: { id: string } }>(
      `mutation { createAsset(input: { kind: site, name: "Other plant", timeZone: "Europe/Berlin" }) { id } }`,
      {},
      admin(),
    );
    const restricted = await h.createUser(h.a, 'viewer', [otherSite.createAsset.id]);
    for (const headers of [bearer(h.b.adminToken), bearer(await h.login(restricted.email))])
      for (const query of [TIMELINE, SERIES])
        expect((await h.gql(query, variables, headers)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    const assetsOnly = await h.createKey(h.a, 'READ', ['assets']);
    expect((await h.gql(TIMELINE, variables, { 'x-api-key': assetsOnly.key })).errors?.[0]?.message).toBe(
      'this API key has no "kpi" scope (machineStateTimeline)',
    );
    const kpi = await h.createKey(h.a, 'READ', ['kpi']);
    const series = await h.ok<Series>(SERIES, variables, { 'x-api-key': kpi.key });
    expect(series.machineSensorSeries.series[0]?.metric).toBe('temperature');
  });

  it('counts the machines below a site by their state now: the last one of 15 minutes, else unknown', async () => {
    const f = h.a.fixture;
    const { rows } = await h.owner.query<{ id: string }>(
      `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id)
       SELECT id, $1, $2, 'machine', 'Counted press ' || n, ARRAY[$3::uuid, $2::uuid, id], 2, $3
       FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 4) n) x RETURNING id`,
      [f.tenantId, f.lineId, f.siteId],
    );
    const [down, setup, stale] = rows.map((r) => r.id);
    const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);
    const state = (machineId: string | undefined, minutes: number, value: string) =>
      h.owner.query(
        `INSERT INTO machine_state_events (tenant_id, machine_id, gateway_id, seq, idx, ts, state)
         VALUES ($1, $2, $3, 5000 + $4::int, 0, $5, $6)`,
        [f.tenantId, machineId, f.gatewayId, minutes, ago(minutes), value],
      );
    // The fixture's machine went from down to running; the last silent machine last spoke 20
    // minutes ago; one more never did.
    await state(f.machineId, 6, 'down');
    await state(f.machineId, 2, 'running');
    await state(down, 3, 'down');
    await state(setup, 1, 'setup');
    await state(stale, 20, 'running');

    const COUNTS = `query ($id: ID!) { machineStateCounts(assetId: $id) {
      running idle setup plannedStop down unknown total } }`;
    const data = await h.ok<{ machineStateCounts: Record<string, number> }>(
      COUNTS,
      { id: f.siteId },
      admin(),
    );
    expect(data.machineStateCounts).toEqual({
      running: 1,
      idle: 0,
      setup: 1,
      plannedStop: 0,
      down: 1,
      unknown: 2,
      total: 5,
    });
    const other = await h.gql(COUNTS, { id: f.siteId }, bearer(h.b.adminToken));
    expect(other.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
