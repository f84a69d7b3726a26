import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseRedisUrl } from '@convergent/platform-util-config';

// Either kind of client answers the commands this platform uses (pub/sub, single-key scripts).
export type RedisClient = Redis | Cluster;

export type RedisClientOptions = Pick<
  RedisOptions,
  'maxRetriesPerRequest' | 'lazyConnect' | 'enableReadyCheck'
>;

// A client for REDIS_URL: one server, or a Redis Cluster from its seed nodes.
export function createRedisClient(redisUrl: string, options: RedisClientOptions): RedisClient {
  const target = parseRedisUrl(redisUrl);
  if (target.mode === 'standalone') return new Redis(target.url, options);
  return new Cluster(target.nodes, {
    lazyConnect: options.lazyConnect,
    enableReadyCheck: options.enableReadyCheck,
    redisOptions: {
      maxRetriesPerRequest: options.maxRetriesPerRequest,
      enableReadyCheck: options.enableReadyCheck,
      username: target.username,
      password: target.password,
      tls: target.tls ? {} : undefined,
    },
    // Managed clusters (ElastiCache, MemoryDB) announce their nodes by address; with TLS the
    // certificate names the host, so the host name is kept instead of being resolved first.
    ...(target.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
  });
}
