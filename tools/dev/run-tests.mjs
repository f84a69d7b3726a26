// `npm test`: formatting, lint (type-checked, with module boundaries), type checks, then every
// project's unit and integration tests and the end-to-end suites, against the real services.
// Runs every step even after a failure, so one run shows everything that is wrong, and closes
// with one line counting every test of every runner.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const summaryDir = join(root, 'tmp/test-summary');
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_SKIP_NX_CACHE: 'true',
  FORCE_COLOR: '0',
};
const nx = join(root, 'node_modules/.bin/nx');

const steps = [
  { name: 'format', command: [join(root, 'node_modules/.bin/prettier'), '--check', '--log-level=warn', '.'] },
  {
    name: 'lint and type checks',
    command: [nx, 'run-many', '-t', 'lint', 'typecheck', '--parallel=2', '--outputStyle=stream'],
  },
  {
    name: 'unit, integration and end-to-end tests',
    command: [nx, 'run-many', '-t', 'test', '--parallel=2', '--outputStyle=stream'],
  },
];

function countTests() {
  let passed = 0;
  let failed = 0;
  if (!existsSync(summaryDir)) return { passed, failed };
  for (const file of readdirSync(summaryDir)) {
    const summary = JSON.parse(readFileSync(join(summaryDir, file), 'utf8'));
    passed += summary.numPassedTests ?? 0;
    failed += summary.numFailedTests ?? 0;
  }
  return { passed, failed };
}

const preflight = spawnSync(process.execPath, [join(root, 'tools/dev/preflight.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env,
});
if (preflight.status !== 0) process.exit(preflight.status ?? 1);
// Without a browser only the browser suite fails, with this reason; every other step still runs.
const missingBrowser = ensureChromium();
if (missingBrowser) console.error(`✖ ${missingBrowser}`);

rmSync(summaryDir, { recursive: true, force: true });
const started = Date.now();
const failedSteps = [];
for (const step of steps) {
  console.log(`\n━━ ${step.name}`);
  const [command, ...args] = step.command;
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) failedSteps.push(step.name);
}
const { passed, failed } = countTests();
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `\n━━ ${failedSteps.length === 0 ? 'all steps passed' : `failed: ${failedSteps.join(', ')}`} (${minutes} min)`,
);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length === 0 && failed === 0 ? 0 : 1);
