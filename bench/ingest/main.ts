// Ingest benchmark: simulated gateways publish realistic telemetry batches through a broker of the
// bench's own into the real ingest process, at increasing rates; it reports points/s persisted and
// publish-to-row latency, and, in the same run on the same machine, a raw COPY of the same rows as
// the baseline, and writes its section of docs/benchmarks.md (bench/run.mjs).
//   node -r ./tools/register-ts.cjs bench/ingest/main.ts [--quick] [--gateways N] [--rates 25000,50000]
//     [--step-seconds N]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  findFreePort,
  issueLocalGatewayIdentity,
  MqttConnection,
  startBroker,
} from '@convergent/platform-data-access-iot';
import {
  createTenantFixture,
  createTestDatabase,
  ProcessSupervisor,
  type TenantFixture,
  type TestDatabase,
} from '@convergent/platform-data-access-testing';
import { ingestEnvironment } from '../../test/e2e/src/platform-harness';
import { listOption, option, quick, writeSection } from '../options';
import { cpuPerPoint, cpuSeconds, sampleCpu, type CpuGroup } from './cpu-usage';

const root = resolve(__dirname, '../..');
// AWS IoT Core (and the SDK's client-side flow control) allow a connection 100 publishes/s and
// 512 KB/s, so a realistic fleet reaches these rates with many gateways, not a few fast ones.
// Each gateway's SDK connection keeps to AWS IoT's 512 KB/s (about 19 messages of 500 points), so
// 16 gateways could not offer more than about 150k points/s: the fleet, not ingest, was the limit.
const GATEWAYS = option('--gateways', quick ? 4 : 32);
const POINTS_PER_MESSAGE = 500;
const METRICS = ['spindle.temp', 'spindle.load', 'hydraulic.pressure', 'coolant.flow', 'motor.current'];
// Points/s offered, one step each.
const RATES = listOption(
  '--rates',
  quick ? [10_000, 25_000] : [25_000, 50_000, 100_000, 150_000, 200_000, 250_000],
);
const STEP_SECONDS = option('--step-seconds', quick ? 3 : 8);
const TICK_MS = 50;
// How often the probes not yet seen are looked for while a step runs: the latency's resolution.
const PROBE_POLL_MS = 50;

interface StepResult {
  offered: number;
  published: number;
  persistedPerSecond: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyMaxMs: number;
  // Microseconds of CPU per point persisted, per process group.
  cpuUsPerPoint: Record<CpuGroup, number>;
}

interface Probe {
  gatewayId: string;
  seq: number;
  at: number;
}

interface Gateway {
  fixture: TenantFixture;
  connection: MqttConnection;
  seq: number;
}

function message(gateway: Gateway, ts: number): { seq: number; payload: string } {
  gateway.seq += 1;
  const points = Array.from({ length: POINTS_PER_MESSAGE }, (_, i) => ({
    // Five metrics sampled every 10 ms, as a gateway buffering one PLC's values would send them.
    ts: ts - (POINTS_PER_MESSAGE - i) * 2,
    metric: METRICS[i % METRICS.length] ?? 'm',
    value: Math.round(Math.sin(gateway.seq + i) * 100_000) / 100,
  }));
  return {
    seq: gateway.seq,
    payload: JSON.stringify({ v: 1, seq: gateway.seq, machine: gateway.fixture.machineKey, points }),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

// Rows of the step's messages in telemetry_points, or their keys in telemetry_messages. The ts
// bound lets PostgreSQL look at today's partitions only: the bench's own queries must not be what
// slows the database down.
async function countRows(
  owner: Client,
  table: 'telemetry_points' | 'telemetry_messages',
  since: Date,
  gatewayIds: string[],
  fromSeq: number[],
  toSeq: number[],
): Promise<number> {
  const { rows } = await owner.query<{ n: string }>(
    `SELECT count(*) AS n FROM ${table} t
     JOIN unnest($2::uuid[], $3::bigint[], $4::bigint[]) AS g(id, lo, hi)
       ON t.gateway_id = g.id AND t.seq > g.lo AND t.seq <= g.hi
     WHERE t.ts >= $1`,
    [since, gatewayIds, fromSeq, toSeq],
  );
  return Number(rows[0]?.n ?? 0);
}

// Times each probe from its publish to the first poll that finds its row, polling while the step
// publishes (on a connection of its own) until stopped, then once more for the last ones.
function watchProbes(db: Client, since: Date): { add(probe: Probe): void; stop(): Promise<number[]> } {
  const pending: Probe[] = [];
  const latencies: number[] = [];
  let stopped = false;
  const poll = async (): Promise<void> => {
    const polled = pending.splice(0);
    if (polled.length === 0) return;
    const { rows } = await db.query<{ i: string }>(
      `SELECT p.i FROM unnest($1::uuid[], $2::bigint[]) WITH ORDINALITY AS p(id, seq, i)
       WHERE EXISTS (SELECT 1 FROM telemetry_messages t
                     WHERE t.gateway_id = p.id AND t.seq = p.seq AND t.ts >= $3)`,
      [polled.map((p) => p.gatewayId), polled.map((p) => p.seq), since],
    );
    const now = Date.now();
    const seen = new Set(rows.map((r) => Number(r.i) - 1));
    polled.forEach((probe, i) => {
      if (seen.has(i)) latencies.push(now - probe.at);
      else pending.push(probe);
    });
  };
  const loop = (async () => {
    while (!stopped) {
      await poll();
      await new Promise((wake) => setTimeout(wake, PROBE_POLL_MS));
    }
  })();
  return {
    add: (probe) => pending.push(probe),
    stop: async () => {
      stopped = true;
      await loop;
      await poll();
      if (pending.length > 0) throw new Error(`${pending.length} probe rows never appeared`);
      return latencies.sort((a, b) => a - b);
    },
  };
}

async function lastMessagesIn(
  owner: Client,
  since: Date,
  gatewayIds: string[],
  lastSeq: number[],
): Promise<boolean> {
  const { rows } = await owner.query<{ missing: string }>(
    `SELECT count(*) AS missing FROM unnest($2::uuid[], $3::bigint[]) AS g(id, seq)
     WHERE NOT EXISTS (SELECT 1 FROM telemetry_messages t WHERE t.gateway_id = g.id AND t.seq = g.seq AND t.ts >= $1)`,
    [since, gatewayIds, lastSeq],
  );
  return Number(rows[0]?.missing) === 0;
}

// Publishes at `rate` points/s for STEP_SECONDS; a probe per tick (its first message) is timed from
// publish to the moment its row is visible. Returns once every point of the step is in the table.
async function runStep(
  owner: Client,
  prober: Client,
  gateways: Gateway[],
  rate: number,
  cpu: () => ReturnType<typeof sampleCpu>,
): Promise<StepResult> {
  const messagesPerTick = (rate * TICK_MS) / 1000 / POINTS_PER_MESSAGE;
  const startSeq = gateways.map((g) => g.seq);
  const cpuBefore = await cpu();
  const started = Date.now();
  const since = new Date(started - 60_000);
  const probes = watchProbes(prober, since);
  let owed = 0;
  let published = 0;
  let next = 0;
  const inFlight: Promise<void>[] = [];
  while (Date.now() - started < STEP_SECONDS * 1000) {
    owed += messagesPerTick;
    const tick = Date.now();
    for (; owed >= 1; owed -= 1) {
      const gateway = gateways[next % gateways.length];
      next += 1;
      if (!gateway) continue;
      const { seq, payload } = message(gateway, tick);
      const publishedAt = Date.now();
      if (owed < 2) probes.add({ gatewayId: gateway.fixture.gatewayId, seq, at: publishedAt });
      inFlight.push(gateway.connection.publish(`cvg/${gateway.fixture.thingName}/telemetry`, payload, 1));
      published += POINTS_PER_MESSAGE;
    }
    await new Promise((wake) => setTimeout(wake, Math.max(0, TICK_MS - (Date.now() - tick))));
  }
  await Promise.all(inFlight);
  const ids = gateways.map((g) => g.fixture.gatewayId);
  const endSeq = gateways.map((g) => g.seq);
  let done = 0;
  for (;;) {
    // A message's key is committed with its points, so the step is in once every key is: looked
    // up in the small key table (the last message of each gateway first, then all), the bench's
    // own queries do not slow the database down.
    const complete =
      (await lastMessagesIn(
        owner,
        since,
        ids.filter((_, i) => endSeq[i] !== startSeq[i]),
        endSeq.filter((seq, i) => seq !== startSeq[i]),
      )) &&
      (await countRows(owner, 'telemetry_messages', since, ids, startSeq, endSeq)) * POINTS_PER_MESSAGE >=
        published;
    if (complete) {
      done = Date.now();
      break;
    }
    if (Date.now() - started > 180_000) throw new Error(`step at ${rate}/s did not complete within 180 s`);
    await new Promise((wake) => setTimeout(wake, 250));
  }
  const cpuAfter = await cpu();
  const latencies = await probes.stop();
  // Every point exactly once: checked after the clock stopped, as it scans the step's points.
  const stored = await countRows(owner, 'telemetry_points', since, ids, startSeq, endSeq);
  if (stored !== published) throw new Error(`step at ${rate}/s stored ${stored} points of ${published}`);
  return {
    offered: rate,
    published,
    persistedPerSecond: Math.round(published / ((done - started) / 1000)),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    latencyMaxMs: latencies.at(-1) ?? Number.NaN,
    cpuUsPerPoint: cpuPerPoint(cpuBefore, cpuAfter, published),
  };
}

// The same shape of rows, COPYed straight into an empty copy of the schema as the owner: the
// ceiling of what PostgreSQL takes on this machine, with the same partitions and indexes.
async function copyBaseline(
  fixture: TenantFixture,
  rows: number,
): Promise<{ rowsPerSecond: number; backendUsPerRow: number }> {
  const db: TestDatabase = await createTestDatabase();
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    const now = Date.now();
    const messages = rows / POINTS_PER_MESSAGE;
    const firstTs = (seq: number) => new Date(now - 60_000 + seq - POINTS_PER_MESSAGE * 2).toISOString();
    function* lines(): Generator<string> {
      for (let seq = 0; seq < messages; seq += 1) {
        let chunk = '';
        for (let i = 0; i < POINTS_PER_MESSAGE; i += 1) {
          const ts = new Date(now - 60_000 + seq - (POINTS_PER_MESSAGE - i) * 2).toISOString();
          const value = Math.round(Math.sin(seq + i) * 100_000) / 100;
          chunk += `${fixture.tenantId}\t${fixture.machineId}\t${fixture.gatewayId}\t${seq}\t${i}\t${ts}\t${METRICS[i % METRICS.length] ?? 'm'}\t${value}\n`;
        }
        yield chunk;
      }
    }
    const { rows: backend } = await owner.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = backend[0]?.pid ?? 0;
    const cpuBefore = cpuSeconds(pid);
    const started = Date.now();
    await pipeline(
      Readable.from(lines()),
      owner.query(
        copyFrom(
          'COPY telemetry_points (tenant_id, machine_id, gateway_id, seq, idx, ts, metric, value) FROM STDIN',
        ),
      ),
    );
    // Ingest also stores each message's de-duplication key: so does the baseline.
    await pipeline(
      Readable.from(
        Array.from(
          { length: messages },
          (_, seq) => `${fixture.tenantId}\t${fixture.gatewayId}\t${seq}\t${firstTs(seq)}\n`,
        ),
      ),
      owner.query(copyFrom('COPY telemetry_messages (tenant_id, gateway_id, seq, ts) FROM STDIN')),
    );
    return {
      rowsPerSecond: Math.round(rows / ((Date.now() - started) / 1000)),
      backendUsPerRow: Math.round(((cpuSeconds(pid) - cpuBefore) * 1e7) / rows) / 10,
    };
  } finally {
    await owner.end();
    await db.drop();
  }
}

function report(steps: StepResult[], copy: { rowsPerSecond: number; backendUsPerRow: number }): string {
  const copyRate = copy.rowsPerSecond;
  const best = Math.max(...steps.map((s) => s.persistedPerSecond));
  const table = steps
    .map(
      (s) =>
        `| ${s.offered.toLocaleString('en')} | ${s.published.toLocaleString('en')} | ${s.persistedPerSecond.toLocaleString('en')} | ${s.latencyP50Ms} | ${s.latencyP95Ms} | ${s.latencyMaxMs} |`,
    )
    .join('\n');
  const groups = Object.keys(steps[0]?.cpuUsPerPoint ?? {}) as CpuGroup[];
  const cpuTable = steps
    .map((s) => {
      const total = groups.reduce((sum, g) => sum + s.cpuUsPerPoint[g], 0);
      return `| ${s.offered.toLocaleString('en')} | ${groups.map((g) => s.cpuUsPerPoint[g].toFixed(1)).join(' | ')} | ${total.toFixed(1)} |`;
    })
    .join('\n');
  return `## bench/ingest — MQTT to PostgreSQL vs raw COPY

${GATEWAYS} simulated gateways publish telemetry messages of ${POINTS_PER_MESSAGE} points (QoS 1, mutual TLS) through
a Mosquitto of the bench's own into one ingest process (validation, de-duplication, unnest inserts,
acknowledge after commit; batches of up to 20,000 points or 100 ms, two written at once) and PostgreSQL. Each step offers a rate for ${STEP_SECONDS} s; "persisted" is the
step's points divided by the time from its first publish until its last row was visible. Latency:
one probe message per ${TICK_MS} ms tick, from publish to its row being visible (looked for every
${PROBE_POLL_MS} ms while the step runs).

| offered points/s | points | persisted points/s | latency p50 ms | p95 ms | max ms |
| ---------------: | -----: | -----------------: | -------------: | -----: | -----: |
${table}

CPU per point persisted (µs, from /proc: user + system time of each process during the step; the
machine's other work does not count, so this compares runs better than throughput on a busy machine;
"postgres (shared)" is the server's WAL writer, checkpointer and background writer, which other
databases on the server also use):

| offered points/s | ${groups.join(' | ')} | total |
| ---------------: | ${groups.map(() => '---:').join(' | ')} | ----: |
${cpuTable}

Baseline, same run: raw \`COPY\` of the same rows into the same partitioned, indexed tables (points
and message keys): **${copyRate.toLocaleString('en')} rows/s**
(its PostgreSQL backend: ${copy.backendUsPerRow} µs CPU per row).
Best sustained ingest: **${best.toLocaleString('en')} points/s = ${Math.round((best / copyRate) * 100)} % of COPY**
(targets: ≥ 100,000 points/s and ≥ 45 % of COPY).
`;
}

async function main(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'convergent-bench-'));
  const supervisor = new ProcessSupervisor(root, join(stateDir, 'logs'));
  const db = await createTestDatabase();
  const broker = await startBroker(stateDir, { port: 0 });
  const gateways: Gateway[] = [];
  try {
    const healthPort = await findFreePort();
    const ingest = supervisor.start(
      'ingest',
      ['-r', join(root, 'tools/register-ts.cjs'), 'apps/ingest/src/main.ts'],
      {
        DATABASE_URL: db.appUrl,
        QUEUE_PREFIX: `bench-${randomUUID().slice(0, 8)}`,
        LOG_LEVEL: 'warn',
        ...ingestEnvironment(broker, healthPort),
        INGEST_BATCH_MAX_ITEMS: '20000',
        INGEST_BATCH_MAX_DELAY_MS: '100',
      },
    );
    await supervisor.waitForHttp(ingest, `http://127.0.0.1:${healthPort}/health`, 90_000);
    for (let i = 0; i < GATEWAYS; i += 1) {
      const fixture = await createTenantFixture(db.ownerUrl);
      const identity = await issueLocalGatewayIdentity(stateDir, fixture.thingName);
      const connection = new MqttConnection({
        host: broker.host,
        port: broker.port,
        clientId: fixture.thingName,
        tls: { certPath: identity.certPath, keyPath: identity.keyPath, caPath: identity.caPath },
      });
      await connection.start();
      gateways.push({ fixture, connection, seq: 0 });
    }
    const owner = new Client({ connectionString: db.ownerUrl });
    const prober = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await prober.connect();
    const steps: StepResult[] = [];
    try {
      for (const rate of RATES) {
        const step = await runStep(owner, prober, gateways, rate, () =>
          sampleCpu(owner, db.name, { ingest: ingest.child.pid ?? 0, broker: broker.pid ?? 0 }),
        );
        console.log(
          `offered ${rate} points/s: persisted ${step.persistedPerSecond} points/s, latency p50 ${step.latencyP50Ms} ms, p95 ${step.latencyP95Ms} ms`,
        );
        console.log(`  CPU µs/point: ${JSON.stringify(step.cpuUsPerPoint)}`);
        steps.push(step);
      }
    } finally {
      await owner.end();
      await prober.end();
    }
    const first = gateways[0];
    if (!first) throw new Error('no gateway');
    const copy = await copyBaseline(first.fixture, Math.max(...steps.map((s) => s.published)));
    console.log(`baseline: COPY ${copy.rowsPerSecond} rows/s, backend ${copy.backendUsPerRow} µs CPU/row`);
    writeSection(report(steps, copy));
  } finally {
    await Promise.all(gateways.map((g) => g.connection.stop(2_000)));
    await supervisor.stopAll();
    await broker.stop();
    await db.drop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
