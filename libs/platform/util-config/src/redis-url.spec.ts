import { z } from 'zod';
import { ConfigError, parseConfig } from './parse-config';
import { redisUrl } from './env-fields';
import { parseRedisUrl } from './redis-url';

describe('parseRedisUrl', () => {
  it('keeps a single server as its URL', () => {
    expect(parseRedisUrl('rediss://:pw@cache.internal:6380/2')).toEqual({
      mode: 'standalone',
      url: 'rediss://:pw@cache.internal:6380/2',
    });
  });

  it('reads a cluster’s seed nodes, credentials and TLS', () => {
    expect(parseRedisUrl('rediss+cluster://app:p%40ss@10.0.0.1:7000, node-2.internal ,[::1]:7002')).toEqual({
      mode: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'node-2.internal', port: 6379 },
        { host: '::1', port: 7002 },
      ],
      username: 'app',
      password: 'p@ss',
      tls: true,
    });
  });

  it.each([
    ['http://127.0.0.1:6379', 'expected a redis:// or rediss:// URL'],
    ['redis+cluster://', 'name at least one cluster node'],
    ['redis+cluster://a:7000,b:99999', '"b:99999" is not a cluster node as host:port'],
    ['redis+cluster://a:7000,,b:7001', '"" is not a cluster node as host:port'],
    ['redis+cluster://a:7000/1', 'a Redis Cluster has only database 0'],
  ])('rejects %s with a specific reason', (value, reason) => {
    expect(() => parseRedisUrl(value)).toThrow(reason);
  });

  it('names REDIS_URL and the reason when a service starts with a bad one', () => {
    const schema = z.object({ REDIS_URL: redisUrl('redis://127.0.0.1:6379') });
    expect(() => parseConfig(schema, { REDIS_URL: 'redis+cluster://a:7000/3' })).toThrow(ConfigError);
    expect(() => parseConfig(schema, { REDIS_URL: 'redis+cluster://a:7000/3' })).toThrow(
      'REDIS_URL="redis+cluster://a:7000/3": a Redis Cluster has only database 0',
    );
    expect(parseConfig(schema, {})).toEqual({ REDIS_URL: 'redis://127.0.0.1:6379' });
  });
});
