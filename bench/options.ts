// What every bench under bench/<name>/main.ts shares with the runner (bench/run.mjs): its size
// options and where its section of docs/benchmarks.md goes.
import { writeFileSync } from 'node:fs';

// --quick asks for a small size: proof that the bench runs, not figures to quote.
export const quick = process.argv.includes('--quick');

export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} needs a positive number`);
  return value;
}

export function listOption(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const values = (process.argv[i + 1] ?? '').split(',').map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0))
    throw new Error(`${name} needs positive numbers separated by commas`);
  return values;
}

// The runner sets BENCH_OUTPUT and puts the section into docs/benchmarks.md after the machine;
// a bench run alone only prints it.
export function writeSection(section: string): void {
  console.log(`\n${section}\n`);
  // eslint-disable-next-line no-restricted-properties -- the runner's one setting for every bench, read here once
  const output = process.env['BENCH_OUTPUT'];
  if (output) writeFileSync(output, `${section.trim()}\n`);
}
