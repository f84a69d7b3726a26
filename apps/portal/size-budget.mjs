// The portal's JavaScript size budget, checked after every production build (npx nx run
// portal:build): gzipped bytes of what the first page loads (the entry chunk and everything it
// imports statically) and of all JavaScript together. Fails the build when over either; the
// budget and why it is set there: docs/portal.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET = { initialKb: 200, totalKb: 480 };

const gzippedKb = (file) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

// Vite's manifest lists each chunk with its static imports; the first load is the closure of the
// entry over them (dynamic imports, the lazy screens and charts, come later).
export function measure(outDir) {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
  const chunks = Object.entries(manifest).filter(([, c]) => c.file.endsWith('.js'));
  const entry = chunks.find(([, c]) => c.isEntry);
  if (!entry) throw new Error(`no entry chunk in ${outDir}/.vite/manifest.json`);
  const initial = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry[0]);
  const files = [...new Set(chunks.map(([, c]) => c.file))];
  const sizes = Object.fromEntries(files.map((f) => [f, gzippedKb(join(outDir, f))]));
  const sum = (list) => list.reduce((total, f) => total + sizes[f], 0);
  return { initialKb: sum([...initial]), totalKb: sum(files), sizes };
}

export function overBudget(result, budget) {
  const over = [];
  if (result.initialKb > budget.initialKb) over.push('first load');
  if (result.totalKb > budget.totalKb) over.push('all JavaScript');
  return over;
}

function main() {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: node apps/portal/size-budget.mjs <build output folder>');
  const result = measure(outDir);
  const report = {
    budget: BUDGET,
    initialKb: Number(result.initialKb.toFixed(1)),
    totalKb: Number(result.totalKb.toFixed(1)),
  };
  writeFileSync(
    join(outDir, 'size-report.json'),
    `${JSON.stringify({ ...report, sizes: result.sizes }, null, 2)}\n`,
  );
  const line = (name, kb, limit) => `${name}: ${kb.toFixed(1)} KB gzipped (budget ${limit} KB)`;
  console.log(line('portal first load JavaScript', result.initialKb, BUDGET.initialKb));
  console.log(line('portal all JavaScript', result.totalKb, BUDGET.totalKb));
  const over = overBudget(result, BUDGET);
  if (over.length > 0) {
    console.error(`✖ over the size budget (${over.join(', ')}): see docs/portal.md`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
