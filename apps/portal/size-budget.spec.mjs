// Plain JavaScript like the script it tests, which runs in Node after the build.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUDGET, measure, overBudget } from './size-budget.mjs';

// Incompressible bytes, so a file's gzipped size is close to its length.
function noise(bytes) {
  let out = '';
  let x = 12345;
  while (out.length < bytes) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += String.fromCharCode(33 + (x % 90));
  }
  return out;
}

describe('size budget', () => {
  it('counts the entry and its static imports as the first load, lazy chunks only in the total', () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-size-'));
    try {
      mkdirSync(join(dir, '.vite'));
      const files = { 'entry.js': noise(4000), 'shared.js': noise(2000), 'lazy.js': noise(8000) };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      writeFileSync(
        join(dir, '.vite/manifest.json'),
        JSON.stringify({
          'index.html': {
            file: 'entry.js',
            isEntry: true,
            imports: ['_shared'],
            dynamicImports: ['lazy.tsx'],
          },
          _shared: { file: 'shared.js' },
          'lazy.tsx': { file: 'lazy.js', isDynamicEntry: true, imports: ['_shared'] },
          'style.css': { file: 'style.css' },
        }),
      );
      const kb = (name) => gzipSync(files[name], { level: 9 }).length / 1024;

      const result = measure(dir);
      expect(result.initialKb).toBeCloseTo(kb('entry.js') + kb('shared.js'), 5);
      expect(result.totalKb).toBeCloseTo(kb('entry.js') + kb('shared.js') + kb('lazy.js'), 5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names what is over the budget', () => {
    expect(overBudget({ initialKb: BUDGET.initialKb, totalKb: BUDGET.totalKb }, BUDGET)).toEqual([]);
    expect(overBudget({ initialKb: BUDGET.initialKb + 0.1, totalKb: BUDGET.totalKb + 1 }, BUDGET)).toEqual([
      'first load',
      'all JavaScript',
    ]);
  });
});
