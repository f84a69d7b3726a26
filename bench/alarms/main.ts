// Alarm rule evaluation throughput on a realistic mix (bench/alarms/workload.ts), in three layers:
//   baseline: a bare comparison of each value against a limit (what no engine at all would cost);
//   engine:   the pure evaluator (all rules, state machine, hysteresis, durations, escalation);
//   persisted: the worker's AlarmEngine against PostgreSQL (state locked, read and written per job).
// Writes its section of docs/benchmarks.md (bench/run.mjs).
//   node -r ./tools/register-ts.cjs bench/alarms/main.ts [--quick] [--machines N] [--samples N] [--jobs N]
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { evaluate, initialRuleState } from '@convergent/alarms-util-rules';
import { Database } from '@convergent/platform-data-access-db';
import { AlarmEngine } from '@convergent/alarms-data-access-alarms';
import { createTenantFixture, createTestDatabase } from '@convergent/platform-data-access-testing';
import type { AlarmSample } from '@convergent/shared-util-contracts';
import { option, quick, writeSection } from '../options';
import { RULES, samplesFor } from './workload';

// Machines and samples per machine of the in-memory layers.
const MACHINES = option('--machines', quick ? 20 : 200);
const SAMPLES = option('--samples', quick ? 200 : 1000);
// Jobs of 2,000 samples (50 machines × 40) for the PostgreSQL layer.
const JOBS = option('--jobs', quick ? 4 : 20);
const START = Date.UTC(2026, 10, 1);

function timed(work: () => number): { perSecond: number; ms: number; count: number } {
  const t = process.hrtime.bigint();
  const count = work();
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { perSecond: (count / ms) * 1000, ms, count };
}

function baseline(): ReturnType<typeof timed> {
  return timed(() => {
    let raised = 0;
    let n = 0;
    for (let m = 0; m < MACHINES; m++) {
      for (const input of samplesFor(m, SAMPLES, START, 1000)) {
        if (input.kind !== 'sample') continue;
        for (let r = 0; r < RULES.length; r++) {
          if ((input.values?.['temperature'] ?? 0) > 85) raised++;
          n++;
        }
      }
    }
    return raised >= 0 ? n : 0;
  });
}

function pureEngine(): ReturnType<typeof timed> & { events: number } {
  let events = 0;
  const result = timed(() => {
    let n = 0;
    for (let m = 0; m < MACHINES; m++) {
      const states = RULES.map((r) => initialRuleState(r.definition));
      for (const input of samplesFor(m, SAMPLES, START, 1000)) {
        RULES.forEach((rule, i) => {
          const out = evaluate(rule.definition, states[i]!, input);
          states[i] = out.state;
          events += out.events.length;
          n++;
        });
      }
    }
    return n;
  });
  return { ...result, events };
}

async function persisted(): Promise<{
  perSecond: number;
  samplesPerSecond: number;
  ms: number;
  count: number;
}> {
  const testDb = await createTestDatabase();
  try {
    const f = await createTenantFixture(testDb.ownerUrl);
    const owner = new Client({ connectionString: testDb.ownerUrl });
    await owner.connect();
    const machines = [f.machineId];
    for (let i = 1; i < 50; i++) {
      const id = randomUUID();
      machines.push(id);
      await owner.query(
        `INSERT INTO assets (id, tenant_id, parent_id, kind, name, ancestors, depth, site_id)
         VALUES ($1, $2, $3, 'machine', $4, ARRAY[$5, $3, $1]::uuid[], 2, $5)`,
        [id, f.tenantId, f.lineId, `Machine ${i}`, f.siteId],
      );
    }
    for (const rule of RULES) {
      await owner.query(
        `INSERT INTO alarm_rules (id, tenant_id, asset_kind, name, severity, condition) VALUES (gen_random_uuid(), $1, 'machine', $2, $3, $4)`,
        [f.tenantId, rule.name, rule.definition.severity, rule.definition],
      );
    }
    await owner.end();
    const db = new Database({ url: testDb.appUrl, poolSize: 4 });
    const engine = new AlarmEngine(db);
    // Jobs as ingest enqueues them: 2000 samples, 40 per machine (one flush of 50 machines).
    const perMachine = 40;
    const jobs: AlarmSample[][] = [];
    for (let j = 0; j < JOBS; j++) {
      jobs.push(
        machines.flatMap((machineId, m) =>
          samplesFor(m, perMachine, START + j * perMachine * 1000, 1000).map((s) => ({
            tenantId: f.tenantId,
            machineId,
            ts: s.ts,
            ...(s.kind === 'sample' && s.values ? { values: { ...s.values } } : {}),
            ...(s.kind === 'sample' && s.machineState ? { state: s.machineState } : {}),
          })),
        ),
      );
    }
    const t = process.hrtime.bigint();
    let evaluations = 0;
    let samples = 0;
    for (const job of jobs) {
      evaluations += (await engine.evaluateSamples(job)).evaluations;
      samples += job.length;
    }
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    await db.close();
    return {
      perSecond: (evaluations / ms) * 1000,
      samplesPerSecond: (samples / ms) * 1000,
      ms,
      count: evaluations,
    };
  } finally {
    await testDb.drop();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  pureEngine(); // warm-up
  const base = baseline();
  const pure = pureEngine();
  const db = await persisted();
  const section = [
    '## bench/alarms — rule evaluation vs a bare limit comparison',
    '',
    `Workload: ${MACHINES} machines × ${SAMPLES} samples in memory, ${JOBS} jobs against PostgreSQL;`,
    `${RULES.length} rules per machine (threshold + hysteresis, range + for + delayed clear, rate, state + for +`,
    'escalation, no-data + escalation + repeat, AND of threshold and state), 3 metrics per sample at 1 Hz.',
    '',
    '| layer | evaluations | time | evaluations/s |',
    '| --- | ---: | ---: | ---: |',
    `| baseline: bare limit comparison | ${fmt(base.count)} | ${fmt(base.ms)} ms | ${fmt(base.perSecond)} |`,
    `| pure evaluator (\`evaluate\`, ${fmt(pure.events)} alarm events) | ${fmt(pure.count)} | ${fmt(pure.ms)} ms | ${fmt(pure.perSecond)} |`,
    `| AlarmEngine + PostgreSQL (jobs of 2,000 samples, 50 machines) | ${fmt(db.count)} | ${fmt(db.ms)} ms | ${fmt(db.perSecond)} (${fmt(db.samplesPerSecond)} samples/s) |`,
    '',
  ].join('\n');
  writeSection(section);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
