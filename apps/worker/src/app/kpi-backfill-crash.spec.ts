import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { JobQueues, QueueConnection } from '@convergent/platform-data-access-queue';
import { QUEUES } from '@convergent/shared-util-contracts';
import {
  createTenantFixture,
  createTestDatabase,
  eventually,
  ProcessSupervisor,
  type ManagedProcess,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';

const DAY = 86_400_000;
const MACHINES = 100;
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const root = resolve(__dirname, '../../../..');

// The real worker process, killed with SIGKILL in the middle of a backfill and started again.
describe('a worker killed in the middle of a backfill', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'oee-crash-'));
  const supervisor = new ProcessSupervisor(root, join(stateDir, 'logs'));
  const prefix = `oee-${randomUUID().slice(0, 8)}`;
  let testDb: TestDatabase;
  let owner: Client;
  let f: TenantFixture;
  let queues: JobQueues;
  let backfillQueue: Queue;
  const range = { start: new Date(Math.floor(Date.now() / DAY) * DAY - 8 * DAY), end: new Date(0) };
  range.end = new Date(range.start.getTime() + 7 * DAY);

  function startWorker(name: string): ManagedProcess {
    return supervisor.start(name, ['-r', join(root, 'tools/register-ts.cjs'), 'apps/worker/src/main.ts'], {
      DATABASE_URL: testDb.appUrl,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      JOB_LOCK_MS: '1500',
      LOG_LEVEL: 'warn',
    });
  }

  // Rows per machine in the range. (The worker's finalizer also writes today's closed shifts,
  // outside the range.)
  async function rowsPerMachine(): Promise<number[]> {
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(r.asset_id)::int AS n FROM assets m
       LEFT JOIN kpi_results r ON r.asset_id = m.id AND r.bucket_start < $1
       WHERE m.kind = 'machine' GROUP BY m.id`,
      [range.end],
    );
    return rows.map((r) => r.n);
  }

  // The figures of every stored bucket in the range, by machine, granularity and start.
  async function figures(): Promise<Map<string, unknown>> {
    const { rows } = await owner.query<{ key: string; figures: unknown }>(
      `SELECT asset_id || '/' || granularity || '/' || bucket_start AS key,
              json_build_array(pot_ms, pdt_ms, apt_ms, adet_ms, unknown_ms, produced_quantity, failure_count, oee) AS figures
       FROM kpi_results WHERE bucket_start < $1`,
      [range.end],
    );
    return new Map(rows.map((r) => [r.key, r.figures]));
  }

  beforeAll(async () => {
    testDb = await createTestDatabase();
    f = await createTenantFixture(testDb.ownerUrl, { shift: { start: '06:00', end: '22:00' } });
    owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    await owner.query(
      `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id)
       SELECT id, $1, $2, 'machine', 'M' || n, ARRAY[$3::uuid, $2::uuid, id], 2, $3
       FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(2, $4::int) n) x`,
      [f.tenantId, f.lineId, f.siteId, MACHINES],
    );
    // A state every 5 minutes for a week: running, with a breakdown in every 10th slot.
    await owner.query(
      `INSERT INTO machine_state_events (tenant_id, machine_id, gateway_id, seq, idx, ts, state)
       SELECT $1, m.id, $2, row_number() OVER (), 0, ts,
              CASE WHEN extract(epoch FROM ts)::bigint / 300 % 10 = 0 THEN 'down' ELSE 'running' END
       FROM assets m, generate_series($3::timestamptz, $4::timestamptz - interval '1 second', interval '5 minutes') ts
       WHERE m.kind = 'machine'`,
      [f.tenantId, f.gatewayId, range.start, range.end],
    );
    queues = new JobQueues(REDIS_URL, prefix);
    backfillQueue = new Queue(QUEUES.kpiBackfill, {
      connection: new QueueConnection(REDIS_URL, prefix).connection,
      prefix,
    });
  }, 60_000);

  afterAll(async () => {
    await supervisor.stopAll();
    await backfillQueue?.close();
    await queues?.close();
    await owner?.end();
    await testDb?.drop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('leaves only whole buckets behind, and the job completes after a restart', async () => {
    await queues.add(
      'kpi.backfill',
      { tenantId: f.tenantId, assetId: null, from: range.start.toISOString(), to: range.end.toISOString() },
      { jobId: 'backfill-crash' },
    );
    const first = startWorker('worker-1');
    await eventually(
      'the backfill to be part done',
      async () => {
        const job = await backfillQueue.getJob('backfill-crash');
        const progress = job?.progress as { buckets?: number; percent?: number } | undefined;
        const partDone = progress?.buckets && progress.percent !== undefined && progress.percent < 90;
        return partDone ? progress : undefined;
      },
      60_000,
      10,
    );
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    // The backfill works through the range a day at a time for all machines at once.
    const counts = await rowsPerMachine();
    expect(counts[0]).toBeGreaterThan(0);
    expect(new Set(counts).size).toBe(1);
    const beforeRestart = await figures();

    startWorker('worker-2');
    await eventually(
      'the backfill to complete',
      // The killed worker's lock must expire before the job counts as stalled and is taken again.
      async () => ((await backfillQueue.getJob('backfill-crash')) ? undefined : true),
      150_000,
    );
    const whole = await rowsPerMachine();
    expect(new Set(whole).size).toBe(1);
    expect(whole[0]).toBeGreaterThan(counts[0] as number);
    // No bucket written before the crash was a partial sum: each has its final figures.
    const after = await figures();
    for (const [key, written] of beforeRestart) expect(after.get(key)).toEqual(written);
    const { rows } = await owner.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM kpi_results
       WHERE abs(apt_ms + asut_ms + adet_ms + unknown_ms + pdt_ms - pot_ms) > 0
          OR final <> (bucket_end <= now())`,
    );
    expect(rows[0]?.bad).toBe(0);
    expect(await backfillQueue.getFailedCount()).toBe(0);
  }, 300_000);
});
