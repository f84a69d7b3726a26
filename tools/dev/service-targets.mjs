// Where the shared services are, from the same variables the apps read (with the local defaults).
export function serviceTargets(env) {
  const pg = new URL(env.CONVERGENT_PG_URL ?? 'postgresql://root@127.0.0.1:5432/postgres');
  const redis = new URL(firstRedisNode(env.REDIS_URL ?? 'redis://127.0.0.1:6379'));
  return {
    postgres: { host: pg.hostname, port: Number(pg.port || 5432), url: pg },
    redis: { host: redis.hostname, port: Number(redis.port || 6379) },
  };
}

// A cluster URL (redis+cluster://user@h1:6379,h2:6379) is no URL; its first node stands for it here.
function firstRedisNode(url) {
  const cluster = /^rediss?\+cluster:\/\/(?:[^@]*@)?([^,/]*)/.exec(url);
  return cluster ? `redis://${cluster[1]}` : url;
}
