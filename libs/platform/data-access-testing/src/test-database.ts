import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const workspaceRoot = resolve(__dirname, '../../../..');
const migrationsDir = join(workspaceRoot, 'prisma/migrations');

export interface TestDatabase {
  name: string;
  // As the application role: row-level security applies.
  appUrl: string;
  // As the owner (migrations, seeding, assertions that must see every tenant).
  ownerUrl: string;
  drop(): Promise<void>;
}

function serverUrl(): URL {
  return new URL(process.env['CONVERGENT_PG_URL'] ?? 'postgresql://root@127.0.0.1:5432/postgres');
}

function urlFor(database: string, user?: string): string {
  const url = serverUrl();
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
}

// The migrations' content decides the template's name, so a changed migration builds a new
// template while unchanged ones reuse it across suites and runs.
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const entry of readdirSync(migrationsDir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (entry.endsWith('.sql')) hash.update(entry).update(readFileSync(join(migrationsDir, entry)));
  }
  return hash.digest('hex').slice(0, 12);
}

const LOCK_KEY = 73_122_511;

// Applies every migration to an existing database, as `npm start` does (prisma migrate deploy).
export async function migrateDatabase(ownerUrl: string): Promise<void> {
  await run(
    process.execPath,
    [
      join(workspaceRoot, 'node_modules/prisma/build/index.js'),
      'migrate',
      'deploy',
      '--config',
      'prisma/prisma.config.ts',
    ],
    { cwd: workspaceRoot, env: { ...process.env, MIGRATE_DATABASE_URL: ownerUrl } },
  );
}

async function buildTemplate(admin: Client, template: string): Promise<void> {
  const building = `${template}_building`;
  await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${building}"`);
  await migrateDatabase(urlFor(building));
  await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
  await admin.query(`COMMENT ON DATABASE "${template}" IS '${Date.now()}'`);
  await dropStaleTemplates(admin, template);
}

// Other checkouts (branches, worktrees) may be testing against other migrations on the same server
// right now, so a template of other migrations is only dropped once it is an hour old.
async function dropStaleTemplates(admin: Client, current: string): Promise<void> {
  const cutoff = Date.now() - 3600_000;
  const stale = await admin.query<{ datname: string; built: string | null }>(
    `SELECT datname, shobj_description(oid, 'pg_database') AS built
     FROM pg_database WHERE datname LIKE 'convergent_tpl_%' AND datname <> $1`,
    [current],
  );
  for (const { datname, built } of stale.rows) {
    if (Number(built ?? 0) < cutoff) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

// Leftovers of runs that crashed before their teardown: any test database older than two hours.
async function sweepAbandoned(admin: Client): Promise<void> {
  const cutoff = Date.now() - 2 * 3600_000;
  const rows = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'convergent_test_%'`,
  );
  for (const { datname } of rows.rows) {
    const createdAt = Number(datname.split('_')[2]);
    if (Number.isFinite(createdAt) && createdAt < cutoff) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
}

// A fresh, fully migrated database of the suite's own, cloned from a template that is migrated
// once per change of the migrations. Tests never share rows.
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = `convergent_tpl_${migrationsHash()}`;
  const name = `convergent_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: urlFor(serverUrl().pathname.slice(1) || 'postgres') });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) await buildTemplate(admin, template);
      await sweepAbandoned(admin);
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  } finally {
    await admin.end();
  }
  const owner = new Client({ connectionString: urlFor(name) });
  await owner.connect();
  await owner.query(`SELECT ensure_event_partitions(current_date - 35, current_date + 7)`);
  await owner.end();
  return {
    name,
    appUrl: urlFor(name, 'convergent_app'),
    ownerUrl: urlFor(name),
    drop: async () => {
      const dropper = new Client({ connectionString: urlFor('postgres') });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
