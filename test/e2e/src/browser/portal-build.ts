import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The production build of the portal, as the API serves it with PORTAL_DIR, held to its size
// budget as `nx run portal:build` holds it (docs/portal.md).
export function buildPortal(root: string, outDir: string): void {
  const result = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/portal/vite.config.mts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) {
    throw new Error(`the portal build failed:\n${result.stdout}\n${result.stderr}`);
  }
  const budget = spawnSync(process.execPath, [join(root, 'apps/portal/size-budget.mjs'), outDir], {
    cwd: root,
    encoding: 'utf8',
  });
  if (budget.status !== 0) throw new Error(`${budget.stdout}${budget.stderr}`);
}
