import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { findFreePort } from '@convergent/platform-data-access-iot';

const root = resolve(__dirname, '../../..');

function run(args: string[], env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    status: result.status,
    output: `${result.stdout}${result.stderr}`,
    seconds: (Date.now() - started) / 1000,
  };
}

// What a newcomer sees when something is missing or misconfigured: a message naming the problem
// and the fix, quickly, and never a stack trace.
describe('start-up errors', () => {
  it('names a missing Redis and PostgreSQL with how to start them, within seconds', async () => {
    const [redisPort, pgPort] = [await findFreePort(), await findFreePort()];
    const result = run([join(root, 'tools/dev/preflight.mjs'), '--no-install'], {
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      CONVERGENT_PG_URL: `postgresql://root@127.0.0.1:${pgPort}/postgres`,
    });
    expect(result.status).toBe(1);
    expect(result.output).toContain(
      `PostgreSQL is not reachable at 127.0.0.1:${pgPort} (connection refused)`,
    );
    expect(result.output).toContain(`Redis is not reachable at 127.0.0.1:${redisPort} (connection refused)`);
    expect(result.output).toContain('redis-server --daemonize yes');
    expect(result.output).not.toMatch(/\n\s+at /);
    expect(result.seconds).toBeLessThan(10);
  });

  it('stops an app with a broken configuration, naming every bad variable', () => {
    const result = run(['-r', join(root, 'tools/register-ts.cjs'), 'apps/api/src/main.ts'], {
      DATABASE_URL: 'mysql://somewhere/db',
      AUTH_TOKEN_SECRET: 'short',
      API_PORT: 'eighty',
    });
    expect(result.status).toBe(1);
    expect(result.output).toContain('Invalid configuration:');
    expect(result.output).toContain('DATABASE_URL="mysql://somewhere/db": expected a postgresql:// URL');
    expect(result.output).toContain('AUTH_TOKEN_SECRET="short": must be at least 32 characters');
    expect(result.output).toContain('API_PORT="eighty"');
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('names a required secret that is missing', () => {
    const result = run(['-r', join(root, 'tools/register-ts.cjs'), 'apps/api/src/main.ts'], {
      AUTH_TOKEN_SECRET: '',
    });
    expect(result.output).toMatch(/AUTH_TOKEN_SECRET.*at least 32 characters/);
    expect(result.status).toBe(1);
  });
});
