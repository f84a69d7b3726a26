// bench/oee: the KPI backfill (every hour, shift, local day and ISO week of every machine,
// computed from raw events) against one hand-written SQL pass over the same events computing
// availability per machine and UTC day, measured in the same run on a database of its own.
//   node -r ./tools/register-ts.cjs bench/oee/main.ts [--quick] [--machines N] [--days N]
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { Database } from '@convergent/platform-data-access-db';
import { JobQueues, LiveEventPublisher } from '@convergent/platform-data-access-queue';
import { KpiMachineDirectory, MachineBucketKpiService } from '@convergent/kpi-data-access-kpi';
import { createTenantFixture, createTestDatabase } from '@convergent/platform-data-access-testing';
import { createKpiBucketHandlers } from '../../apps/worker/src/app/kpi-bucket-handlers';
import type { BackfillProgress } from '../../apps/worker/src/app/job-context';
import { option, quick, writeSection } from '../options';

const DAY = 86_400_000;

const MACHINES = option('--machines', quick ? 100 : 1000);
const DAYS = option('--days', quick ? 7 : 30);
const SLOT_MINUTES = 5;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(2)} %`);

async function timed<T>(what: string, work: () => Promise<T>): Promise<[T, number]> {
  process.stdout.write(`  ${what} … `);
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  console.log(seconds(ms));
  return [value, ms];
}

// Two plants: half the machines in Berlin on three shifts every day with a 30-minute break
// each, half in Kolkata (+05:30) on a 24-hour calendar. Every machine sends its state every five
// minutes with 30-minute runs of one state (78 % running, 8 % idle, 6 % down with a reason,
// 4 % setup, 4 % planned stop) and a produced count (and now and then scrap) while running.
async function generate(owner: Client, range: { start: Date; end: Date }) {
  const f = await createTenantFixture(ownerUrl, {
    timeZone: 'Asia/Kolkata',
    idealCycleTimeMs: 1500,
  });
  const berlin = '00000000-0000-4000-8000-00000000b001';
  await owner.query(
    `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id, time_zone)
     VALUES ($1, $2, NULL, 'site', 'Berlin', ARRAY[$1]::uuid[], 0, $1, 'Europe/Berlin')`,
    [berlin, f.tenantId],
  );
  await owner.query(
    `WITH cal AS (
       INSERT INTO shift_calendars (id, tenant_id, asset_id, name, valid_from)
       VALUES (gen_random_uuid(), $1, $2, 'Three shifts', '2000-01-01') RETURNING id)
     , s AS (
       INSERT INTO shift_definitions (id, tenant_id, calendar_id, name, start_time, end_time, days_of_week, crews)
       SELECT gen_random_uuid(), $1, cal.id, v.name, v.s, v.e, '{1,2,3,4,5,6,7}', '{}' FROM cal,
         (VALUES ('Early', '06:00', '14:00'), ('Late', '14:00', '22:00'), ('Night', '22:00', '06:00')) v(name, s, e)
       RETURNING calendar_id)
     INSERT INTO planned_stops (id, tenant_id, calendar_id, name, start_time, end_time, days_of_week)
     SELECT gen_random_uuid(), $1, cal.id, v.name, v.s, v.e, '{1,2,3,4,5,6,7}' FROM cal,
       (VALUES ('Early break', '10:00', '10:30'), ('Late break', '18:00', '18:30'), ('Night break', '02:00', '02:30')) v(name, s, e)`,
    [f.tenantId, berlin],
  );
  await owner.query(
    `INSERT INTO downtime_reasons (id, tenant_id, code, name, loss_class) VALUES
       (gen_random_uuid(), $1, 'JAM', 'Material jam', 'breakdown'),
       (gen_random_uuid(), $1, 'TOOL', 'Tool breakage', 'breakdown'),
       (gen_random_uuid(), $1, 'WAIT', 'Waiting for material', 'minor_stop')`,
    [f.tenantId],
  );
  // Machines 2..N (the fixture made the first): odd ones in Berlin, even ones in Kolkata.
  await owner.query(
    `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id, current_product_id)
     SELECT gen_random_uuid(), $1, CASE WHEN n % 2 = 1 THEN $2::uuid ELSE $3::uuid END, 'machine', 'M' || n,
            CASE WHEN n % 2 = 1 THEN ARRAY[$2::uuid] ELSE ARRAY[$4::uuid, $3::uuid] END, 2,
            CASE WHEN n % 2 = 1 THEN $2::uuid ELSE $4::uuid END, $5
     FROM generate_series(2, $6::int) n`,
    [f.tenantId, berlin, f.lineId, f.siteId, f.productId, MACHINES],
  );
  await owner.query(
    `UPDATE assets SET ancestors = ancestors || id WHERE kind = 'machine' AND NOT (id = ANY(ancestors))`,
  );
  const slots = Math.floor((range.end.getTime() - range.start.getTime()) / (SLOT_MINUTES * 60_000));
  // One statement per day keeps each insert in a single partition and memory bounded.
  await owner.query(
    `CREATE TEMP TABLE m AS SELECT id, row_number() OVER (ORDER BY id)::int AS n FROM assets WHERE kind = 'machine'`,
  );
  const perDay = (24 * 60) / SLOT_MINUTES;
  for (let d = 0; d * perDay < slots; d++) {
    const common = `FROM m, generate_series(${d * perDay}, ${Math.min((d + 1) * perDay, slots) - 1}) slot,
      LATERAL (SELECT abs(hashint8(m.n::bigint * 1000003 + slot / 6)) % 100 AS r,
                      $3::timestamptz + make_interval(secs => slot * ${SLOT_MINUTES * 60} + m.n % 240) AS ts) x`;
    await owner.query(
      `INSERT INTO machine_state_events (tenant_id, machine_id, gateway_id, seq, idx, ts, state, reason)
       SELECT $1, m.id, $2, slot, m.n, x.ts,
         CASE WHEN x.r < 78 THEN 'running' WHEN x.r < 86 THEN 'idle' WHEN x.r < 92 THEN 'down'
              WHEN x.r < 96 THEN 'setup' ELSE 'planned_stop' END,
         CASE WHEN x.r BETWEEN 78 AND 85 THEN 'WAIT' WHEN x.r BETWEEN 86 AND 88 THEN 'JAM'
              WHEN x.r BETWEEN 89 AND 91 THEN 'TOOL' END
       ${common}`,
      [f.tenantId, f.gatewayId, range.start],
    );
    await owner.query(
      `INSERT INTO production_count_events (tenant_id, machine_id, gateway_id, seq, idx, ts, counter, increment)
       SELECT $1, m.id, $2, slot, m.n * 2 + c.k, x.ts, c.counter, c.increment
       ${common},
       LATERAL (VALUES (0, 'produced', 170 + (x.r % 10)), (1, 'scrap', CASE WHEN x.r % 7 = 0 THEN 2 END)) c(k, counter, increment)
       WHERE x.r < 78 AND c.increment IS NOT NULL`,
      [f.tenantId, f.gatewayId, range.start],
    );
  }
  await owner.query('ANALYZE');
  return f;
}

// The baseline: availability per machine and UTC day in one SQL pass over the state events (each
// state lasts until the next sample, at most 15 minutes; no calendar, no buckets in local time).
const BASELINE = `
  CREATE TEMP TABLE baseline AS
  WITH s AS (
    SELECT machine_id, ts, state,
           LEAST(LEAD(ts) OVER (PARTITION BY machine_id ORDER BY ts), ts + interval '15 minutes') AS until
    FROM machine_state_events WHERE ts >= $1 AND ts < $2)
  SELECT machine_id, date_trunc('day', ts) AS day,
         sum(extract(epoch FROM until - ts)) FILTER (WHERE state = 'running')
           / NULLIF(sum(extract(epoch FROM until - ts)) FILTER (WHERE state <> 'planned_stop'), 0) AS availability
  FROM s GROUP BY 1, 2`;

let ownerUrl = '';

async function main(): Promise<void> {
  const end = new Date(Math.floor(Date.now() / DAY) * DAY);
  const range = { start: new Date(end.getTime() - DAYS * DAY), end };
  console.log(`bench/oee: ${MACHINES} machines × ${DAYS} days`);
  const testDb = await createTestDatabase();
  ownerUrl = testDb.ownerUrl;
  const owner = new Client({ connectionString: testDb.ownerUrl });
  await owner.connect();
  const db = new Database({ url: testDb.appUrl, poolSize: 4, applicationName: 'bench-oee' });
  const queues = new JobQueues('redis://127.0.0.1:6379', 'bench-oee');
  const live = new LiveEventPublisher('redis://127.0.0.1:6379', 'bench-oee');
  try {
    const [f, generateMs] = await timed('generating events', () => generate(owner, range));
    const { rows: counts } = await owner.query<{ states: string; counts: string }>(
      `SELECT (SELECT count(*) FROM machine_state_events) AS states, (SELECT count(*) FROM production_count_events) AS counts`,
    );
    const { rows: version } = await owner.query<{ v: string }>(
      `SELECT current_setting('server_version') AS v`,
    );

    const [, sqlMs] = await timed('baseline SQL pass (availability)', () =>
      owner.query(BASELINE, [range.start, range.end]),
    );
    const handlers = createKpiBucketHandlers({
      buckets: new MachineBucketKpiService(db),
      directory: new KpiMachineDirectory(db),
      queues,
      live,
    });
    let progress: BackfillProgress | null = null;
    const [result, backfillMs] = await timed('backfill (hour, shift, day, week buckets)', () =>
      handlers['kpi.backfill'](
        { tenantId: f.tenantId, assetId: null, from: range.start.toISOString(), to: range.end.toISOString() },
        {
          progress: () => progress,
          updateProgress: (p) => {
            progress = p;
            return Promise.resolve();
          },
        },
      ),
    );

    const { rows: totals } = await owner.query<{
      granularity: string;
      rows: string;
      availability: number | null;
      oee: number | null;
    }>(
      `SELECT granularity::text, count(*) AS rows, sum(apt_ms) / NULLIF(sum(pot_ms - pdt_ms), 0) AS availability,
              sum(ideal_good_ms) / NULLIF(sum(pot_ms - pdt_ms), 0) AS oee
       FROM kpi_results WHERE bucket_start >= $1 AND bucket_end <= $2 GROUP BY 1 ORDER BY 1`,
      [range.start, range.end],
    );
    const { rows: base } = await owner.query<{ rows: string; availability: number }>(
      `SELECT count(*) AS rows, avg(availability) AS availability FROM baseline`,
    );
    const ratio = backfillMs / sqlMs;
    const lines = [
      `## bench/oee — KPI backfill vs one SQL pass`,
      ``,
      `${MACHINES} machines × ${DAYS} days (two plants: Europe/Berlin on three shifts with breaks, Asia/Kolkata around the clock); ${Number(counts[0]?.states).toLocaleString('en')} state events and ${Number(counts[0]?.counts).toLocaleString('en')} count events, generated in ${seconds(generateMs)} into a database of its own (PostgreSQL ${version[0]?.v}).`,
      ``,
      `| what | time | rows written |`,
      `|---|---|---|`,
      `| baseline: one hand-written SQL pass, availability per machine and UTC day | ${seconds(sqlMs)} | ${base[0]?.rows} |`,
      `| backfill job: every hour, shift, local day and ISO week of every machine from raw events (time elements, quantities, failures, OEE) | ${seconds(backfillMs)} | ${(result as { buckets: number }).buckets} |`,
      ``,
      `**Backfill / SQL pass = ${ratio.toFixed(2)}×** (target: within 2×).`,
      ``,
      `Figures (whole range, all machines; stored buckets summed, never averaged):`,
      ``,
      `| granularity | buckets | availability | OEE |`,
      `|---|---|---|---|`,
      ...totals.map((t) => `| ${t.granularity} | ${t.rows} | ${pct(t.availability)} | ${pct(t.oee)} |`),
      `| baseline (mean of machine-days, no calendar) | ${base[0]?.rows} | ${pct(base[0]?.availability ?? null)} | – |`,
    ];
    writeSection(lines.join('\n'));
  } finally {
    await db.close();
    await queues.close();
    await live.close();
    await owner.end();
    await testDb.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
