import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { findFreePort } from '@convergent/platform-data-access-iot';
import {
  createTenantFixture,
  createTestDatabase,
  ProcessSupervisor,
  type ManagedProcess,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';

const root = resolve(__dirname, '../../..');

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// The real worker process: its ops endpoint, and a SIGTERM that arrives while a job runs.
describe('worker process operations', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'convergent-worker-ops-'));
  const supervisor = new ProcessSupervisor(root, join(stateDir, 'logs'));
  const prefix = `ops-${randomUUID().slice(0, 8)}`;
  const queue = new Queue('kpi', { connection: { host: '127.0.0.1', port: 6379 }, prefix });
  let db: TestDatabase;
  let worker: ManagedProcess;
  let opsUrl = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    const opsPort = await findFreePort();
    opsUrl = `http://127.0.0.1:${opsPort}`;
    worker = supervisor.start(
      'worker',
      ['-r', join(root, 'tools/register-ts.cjs'), 'apps/worker/src/main.ts'],
      {
        DATABASE_URL: db.appUrl,
        QUEUE_PREFIX: prefix,
        OPS_PORT: String(opsPort),
        OPS_HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
    );
    await supervisor.waitForHttp(worker, `${opsUrl}/readyz`, 90_000);
  });

  afterAll(async () => {
    await supervisor.stopAll();
    await queue.obliterate({ force: true });
    await queue.close();
    await db.drop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('serves liveness, readiness and Prometheus metrics with queue depth', async () => {
    expect((await fetch(`${opsUrl}/livez`)).status).toBe(200);
    expect(await (await fetch(`${opsUrl}/readyz`)).json()).toEqual({
      status: 'ok',
      checks: { postgres: 'up', redis: 'up' },
    });
    const metrics = await (await fetch(`${opsUrl}/metrics`)).text();
    expect(metrics).toMatch(/convergent_queue_jobs\{queue="kpi",state="waiting"\} \d+/);
    expect(metrics).toContain('convergent_process_resident_memory_bytes');
  });

  it('finishes the job in hand on SIGTERM, reporting itself as draining meanwhile, and exits cleanly', async () => {
    const fixture = await createTenantFixture(db.ownerUrl);
    // Hold the KPI table so the job blocks mid-way, as a slow job would.
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await owner.query('BEGIN');
    await owner.query('LOCK TABLE kpi_results IN ACCESS EXCLUSIVE MODE');
    const hourStart = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
    await queue.add(
      'kpi.machine-hour',
      { tenantId: fixture.tenantId, machineId: fixture.machineId, hourStart: hourStart.toISOString() },
      { jobId: `drain-${randomUUID()}`, removeOnComplete: false },
    );
    await until('the job to start', async () => ((await queue.getActiveCount()) === 1 ? true : undefined));

    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      worker.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    // SIGTERM, as Kubernetes sends it (the supervisor would SIGKILL only after 8 s).
    const stopped = supervisor.stop(worker);
    const draining = await until('readiness to say draining', async () => {
      const response = await fetch(`${opsUrl}/readyz`).catch(() => undefined);
      return response?.status === 503 ? ((await response.json()) as { status: string }) : undefined;
    });
    expect(draining.status).toBe('draining');
    expect(worker.child.exitCode).toBeNull();

    await owner.query('COMMIT');
    await owner.end();
    // Not the grace timer's exit 1, nor the supervisor's SIGKILL.
    expect(await exited).toEqual({ code: 0, signal: null });
    await stopped;
    expect(await queue.getJobCounts('completed', 'failed', 'active', 'waiting')).toEqual({
      completed: 1,
      failed: 0,
      active: 0,
      waiting: 0,
    });
    const log = readFileSync(worker.logPath, 'utf8');
    expect(log).toMatch(/"msg":"job completed"/);
  });
});
