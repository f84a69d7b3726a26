import type { PoolConfig } from 'pg';

// pg and Prisma's adapter get discrete fields rather than a URL string, so one parser decides what
// a DATABASE_URL means everywhere (and the password never ends up in an error message).
export function poolConfigFromUrl(databaseUrl: string, overrides: Partial<PoolConfig> = {}): PoolConfig {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password) || undefined,
    database: url.pathname.slice(1),
    connectionTimeoutMillis: 5_000,
    ...overrides,
  };
}
