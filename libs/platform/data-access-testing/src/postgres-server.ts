import { execFile } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './free-port';
import { migrateDatabase, type TestDatabase } from './test-database';

const run = promisify(execFile);
const DEBIAN_BIN_ROOT = '/usr/lib/postgresql';
// initdb and postgres refuse to run as root; as root, the server runs as this user instead.
const UNPRIVILEGED_USER = 'postgres';

export interface PostgresServer {
  port: number;
  dataDir: string;
  logPath: string;
  // A new database on this server with every migration applied and this month's partitions.
  createDatabase(name?: string): Promise<TestDatabase>;
  // `immediate` is a crash (no checkpoint, clients cut off); `fast` a clean shutdown.
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  // Stops the server and removes its folder.
  destroy(): Promise<void>;
}

// A PostgreSQL server of the test's own (initdb + pg_ctl into a temporary folder, on a free port),
// for tests that stop, crash or restart the database: the shared server on 5432 is never touched.
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = await findBinDir();
  const root = await mkdtemp(join(tmpdir(), 'convergent-pg-'));
  const dataDir = join(root, 'data');
  const logPath = join(root, 'postgres.log');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', UNPRIVILEGED_USER]);
    const { stdout: gid } = await run('id', ['-g', UNPRIVILEGED_USER]);
    await chown(root, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]): Promise<unknown> =>
    asRoot
      ? run('runuser', ['-u', UNPRIVILEGED_USER, '--', join(bin, tool), ...args])
      : run(join(bin, tool), args);

  await pg('initdb', ['-D', dataDir, '-U', 'root', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    '-c listen_addresses=127.0.0.1',
    // A crash of the server process, not of the machine, is what these tests simulate.
    '-c fsync=off',
    '-c full_page_writes=off',
  ].join(' ');
  const start = async (): Promise<void> => {
    await pg('pg_ctl', ['-D', dataDir, '-o', options, '-l', logPath, '-w', '-t', '30', 'start']);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    await pg('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
  };
  await start();
  const urlFor = (database: string, user = 'root'): string =>
    `postgresql://${user}@127.0.0.1:${port}/${database}`;
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: urlFor('postgres') });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  let running = true;
  return {
    port,
    dataDir,
    logPath,
    async createDatabase(name = 'convergent') {
      await admin((client) => client.query(`CREATE DATABASE "${name}"`));
      const ownerUrl = urlFor(name);
      await migrateDatabase(ownerUrl);
      const owner = new Client({ connectionString: ownerUrl });
      await owner.connect();
      await owner.query(`SELECT ensure_event_partitions(current_date - 35, current_date + 7)`);
      await owner.end();
      return {
        name,
        ownerUrl,
        appUrl: urlFor(name, 'convergent_app'),
        drop: () =>
          admin(async (client) => void (await client.query(`DROP DATABASE "${name}" WITH (FORCE)`))),
      };
    },
    async stop(mode) {
      await stop(mode);
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await stop('immediate').catch(() => undefined);
      running = false;
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function findBinDir(): Promise<string> {
  try {
    const { stdout } = await run('pg_config', ['--bindir']);
    const dir = stdout.trim();
    await run(join(dir, 'initdb'), ['--version']);
    return dir;
  } catch {
    // Debian keeps the server binaries out of PATH, one folder per major version.
  }
  const versions = (await readdir(DEBIAN_BIN_ROOT).catch(() => [] as string[]))
    .filter((entry) => /^\d+$/.test(entry))
    .sort((a, b) => Number(b) - Number(a));
  const newest = versions[0];
  if (newest === undefined)
    throw new Error(
      'initdb not found: install the PostgreSQL server (`apt-get install postgresql`) to run this test',
    );
  return join(DEBIAN_BIN_ROOT, newest, 'bin');
}
