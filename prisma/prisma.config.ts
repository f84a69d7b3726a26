// Prisma 6.19's JS schema engine (Prisma 7's engine is a native binary from outside the npm
// registry, so it cannot migrate here). Three engine bugs need working around; each is noted below.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// prisma/orm#27403: the JS schema engine cannot read "char"/name (OID 18/19) and name[] (1003)
// catalog columns; hand them over as text and text[].
type FieldDescription = { dataTypeID: number };
const resultPrototype = (
  pg as unknown as { Result: { prototype: { addFields(f: FieldDescription[]): void } } }
).Result.prototype;
const addFields = resultPrototype.addFields;
resultPrototype.addFields = function (fields: FieldDescription[]) {
  for (const field of fields) {
    if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
    else if (field.dataTypeID === 1003) field.dataTypeID = 1009;
  }
  return addFields.call(this, fields);
};

// Discrete fields, not a connection string: with a string the shadow database replays onto the main one.
function poolConfig(): pg.PoolConfig {
  const raw = process.env['MIGRATE_DATABASE_URL'];
  if (!raw)
    throw new Error('MIGRATE_DATABASE_URL is not set (e.g. postgresql://root@127.0.0.1:5432/convergent)');
  const url = new URL(raw);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password) || undefined,
    database: url.pathname.slice(1),
    idleTimeoutMillis: 500,
  };
}

type ScriptRunner = { executeScript(script: string): Promise<void>; dispose(): Promise<void> };
type AdapterInternals = ScriptRunner & { client: pg.Pool; onError(error: unknown): never };

// The adapter's executeScript splits at every ';', which breaks DO $$ ... $$ blocks and function
// bodies; send each migration as one simple query instead.
function wholeScript<T>(adapter: T): T {
  const internals = adapter as unknown as AdapterInternals;
  internals.executeScript = async (script: string) => {
    try {
      await internals.client.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  return adapter;
}

// connectToShadowDb() drops the shadow database while its pool is still open; close it first.
class PrismaPgWithFixes extends PrismaPg {
  constructor(private readonly config: pg.PoolConfig) {
    super(config);
  }
  override async connect() {
    return wholeScript(await super.connect());
  }
  override async connectToShadowDb() {
    const main = (await this.connect()) as unknown as ScriptRunner;
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = wholeScript(await new PrismaPg({ ...this.config, database }).connect());
    const shadowRunner = shadow as unknown as ScriptRunner;
    const dispose = shadowRunner.dispose.bind(shadow);
    shadowRunner.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPgWithFixes(poolConfig()),
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
});
