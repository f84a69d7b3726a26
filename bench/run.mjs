// Runs every benchmark (bench/<name>/main.ts), each against resources of its own, and writes
// docs/benchmarks.md: the machine, then each bench's section (its figures and the baseline it
// measured in the same run). Arguments (e.g. --quick) are passed to every bench, except --only.
//   npm run bench                  all benches, full size
//   npm run bench -- --quick       smaller sizes, for a quick look
//   npm run bench -- --only a,b    only bench/a and bench/b: their sections replace theirs in
//                                  docs/benchmarks.md, each saying when it was re-run; the rest stay
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir, type as osType, release } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1]?.split(',') : undefined;
const available = readdirSync(join(root, 'bench'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'bench', d.name, 'main.ts')))
  .map((d) => d.name)
  .sort();
const unknown = (only ?? []).filter((name) => !available.includes(name));
if (only?.length === 0 || unknown.length > 0) {
  console.error(`--only takes bench names separated by commas, of: ${available.join(', ')}`);
  process.exit(2);
}
const benches = only ? available.filter((name) => only.includes(name)) : available;

// bench/oee runs the worker's backfill job in its own process: with the flags the worker runs with.
const NODE_FLAGS = {
  oee: JSON.parse(readFileSync(join(root, 'apps/worker/node-flags.json'), 'utf8')).flags,
};

// Other work on the machine slows every figure of a run alike; say how busy it was.
const loadAtStart = loadavg()[0].toFixed(1);
const sections = new Map();
for (const name of benches) {
  const output = join(mkdtempSync(join(tmpdir(), `bench-${name}-`)), 'section.md');
  console.log(`\n▶ bench/${name} ${args.join(' ')}`);
  const run = spawnSync(
    process.execPath,
    [
      ...(NODE_FLAGS[name] ?? []),
      '-r',
      join(root, 'tools/register-ts.cjs'),
      join(root, 'bench', name, 'main.ts'),
      ...args,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, BENCH_OUTPUT: output } },
  );
  if (run.status !== 0) {
    console.error(`✖ bench/${name} failed (exit ${run.status ?? run.signal})`);
    process.exitCode = 1;
    continue;
  }
  sections.set(name, readFileSync(output, 'utf8').trim());
}
const loadAtEnd = loadavg()[0].toFixed(1);

const cpu = cpus();
const ran = [...(only ? [`--only ${only.join(',')}`] : []), ...args];
const machine = [
  `- CPU: ${cpu[0]?.model ?? 'unknown'}, ${cpu.length} logical cores`,
  `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- OS: ${osType()} ${release()}; Node.js ${process.version}`,
  `- Load average (1 min) at the start: ${loadAtStart}, at the end: ${loadAtEnd}`,
  `- Run finished: ${new Date().toISOString()}${ran.length ? ` with ${ran.join(' ')}` : ''}`,
].join('\n');
const target = join(root, 'docs/benchmarks.md');
let markdown = `# Benchmarks\n\nWritten by \`npm run bench\` (bench/run.mjs); every figure and its baseline come from the same run on this machine:\n\n${machine}\n\n${[...sections.values()].join('\n\n')}\n`;
if (only && existsSync(target)) {
  // Keep the earlier run's header and other sections; a re-run section says when and how busy.
  const [header, ...parts] = readFileSync(target, 'utf8').split(/^(?=## bench\/)/m);
  const kept = new Map(parts.map((part) => [/^## bench\/([\w-]+)/.exec(part)?.[1], part.trim()]));
  for (const [name, section] of sections)
    kept.set(
      name,
      `${section}\n\n_Re-run alone (\`--only\`${args.length ? ` ${args.join(' ')}` : ''}) at ${new Date().toISOString()} on the machine above; load average (1 min) ${loadAtStart} at the start, ${loadAtEnd} at the end._`,
    );
  markdown = `${header.trimEnd()}\n\n${available
    .filter((name) => kept.has(name))
    .map((name) => kept.get(name))
    .join('\n\n')}\n`;
}
const prettier = await import('prettier');
const config = await prettier.resolveConfig(target);
writeFileSync(target, await prettier.format(markdown, { ...config, filepath: target }));
console.log('\nwrote docs/benchmarks.md');
