// The edge agent's on-disk buffer (apps/edge-agent/src/outbox/message-log.ts): how many messages per
// second it can take and give back on this machine, against a baseline of the bare file appends it
// is made of (no framing, no checksum, no fsync). A gateway makes tens of messages per second, and
// publishes at most 100 per second, so the buffer must stay far above both.
// Writes its section of docs/benchmarks.md (bench/run.mjs).
//   node -r ./tools/register-ts.cjs bench/edge-agent/main.ts [--quick] [--messages N]
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageLog, type FsyncPolicy } from '../../apps/edge-agent/src/outbox/message-log';
import { option, quick, writeSection } from '../options';

const MESSAGES = option('--messages', quick ? 500 : 5_000);
const BATCH = 10;

// A typical telemetry message: one machine, four sensors, five samples each.
const payload = JSON.stringify({
  v: 1,
  seq: 1767592800000001,
  machine: 'press-1',
  points: Array.from({ length: 20 }, (_, index) => ({
    ts: 1767592800000 + index * 200,
    metric: ['temperature', 'vibration', 'current', 'spindle.speed'][index % 4],
    value: 42.125 + index,
  })),
});
const topic = 'cvg/press-line-1/telemetry';

function timed(work: () => void): { ms: number; perSecond: number } {
  const start = process.hrtime.bigint();
  work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, perSecond: (MESSAGES / ms) * 1000 };
}

function inFreshDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cvg-bench-log-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function baseline() {
  return inFreshDir((dir) =>
    timed(() => {
      const file = join(dir, 'plain.log');
      for (let n = 0; n < MESSAGES; n += 1) appendFileSync(file, `${payload}\n`);
    }),
  );
}

function append(fsync: FsyncPolicy) {
  return inFreshDir((dir) => {
    const log = MessageLog.open(dir, { fsync });
    const result = timed(() => {
      for (let n = 0; n < MESSAGES; n += BATCH)
        log.append(Array.from({ length: BATCH }, () => ({ topic, payload })));
    });
    log.close();
    return result;
  });
}

function replay() {
  return inFreshDir((dir) => {
    const writer = MessageLog.open(dir, { fsync: 'never' });
    writer.append(Array.from({ length: MESSAGES }, () => ({ topic, payload })));
    writer.close();
    const log = MessageLog.open(dir);
    const result = timed(() => {
      for (let offset = 0; offset < MESSAGES; offset += 1) {
        if (log.read(offset) === undefined) throw new Error(`record ${offset} is missing`);
        log.commit(offset + 1);
      }
    });
    log.close();
    return result;
  });
}

const rows: [string, { ms: number; perSecond: number }][] = [
  ['baseline: bare appendFileSync per message, no fsync', baseline()],
  [`append, fsync after every batch of ${BATCH} (default)`, append('always')],
  ['append, fsync at most every 100 ms', append({ intervalMs: 100 })],
  ['replay: read each record and commit it (as PUBACKs arrive)', replay()],
];

const format = (value: number) => Math.round(value).toLocaleString('en-US');
const section = [
  '## bench/edge-agent — on-disk buffer vs bare file appends',
  '',
  `Workload: ${format(MESSAGES)} telemetry messages of ${payload.length} bytes (20 points) in ${tmpdir()}.`,
  '',
  '| operation | messages | time | messages/s |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map(
    ([name, result]) =>
      `| ${name} | ${format(MESSAGES)} | ${format(result.ms)} ms | ${format(result.perSecond)} |`,
  ),
  '',
].join('\n');

writeSection(section);
