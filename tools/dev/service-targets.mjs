// Where the shared services are, from the same variables the apps read (with the local defaults).
export function serviceTargets(env) {
  const pg = new URL(env.CONVERGENT_PG_URL ?? 'postgresql://root@127.0.0.1:5432/postgres');
  const redis = new URL(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  return {
    postgres: { host: pg.hostname, port: Number(pg.port || 5432), url: pg },
    redis: { host: redis.hostname, port: Number(redis.port || 6379) },
  };
}
