import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from '@convergent/platform-data-access-iot';

const root = resolve(__dirname, '../../..');

// The API serves the built portal in production (PORTAL_DIR); a wrong folder stops it at once
// with the fix, instead of answering every page with 404.
describe('the API serving the portal', () => {
  it('refuses a PORTAL_DIR without a built portal, saying how to build one', async () => {
    const port = String(await findFreePort());
    const empty = mkdtempSync(join(tmpdir(), 'convergent-no-portal-'));
    try {
      const result = spawnSync(
        process.execPath,
        ['-r', join(root, 'tools/register-ts.cjs'), 'apps/api/src/main.ts'],
        {
          cwd: root,
          env: { ...process.env, AUTH_TOKEN_SECRET: 'x'.repeat(40), PORTAL_DIR: empty, API_PORT: port },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(result.status).toBe(1);
      expect(`${result.stdout}${result.stderr}`).toContain(
        `PORTAL_DIR: no index.html in ${empty} (build it with: npx nx run portal:build)`,
      );
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
