import type { ConnectionOptions } from 'bullmq';
import type { Cluster } from 'ioredis';
import { parseRedisUrl } from '@convergent/platform-util-config';
import { createRedisClient } from './redis-client';

// BullMQ's side of REDIS_URL. On one server: connection options, each queue and worker connects
// by itself. On a Redis Cluster: one Cluster client the queues share (BullMQ takes a cluster only
// as a client, and duplicates it for each worker's blocking connection), and the prefix as a hash
// tag, {prefix}, because BullMQ's scripts touch several keys of a queue at once and a cluster
// runs a script only when all its keys are in one slot.
export class QueueConnection {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  private readonly cluster: Cluster | undefined;

  constructor(redisUrl: string, prefix: string) {
    const target = parseRedisUrl(redisUrl);
    if (target.mode === 'cluster') {
      // BullMQ workers block on Redis; they must wait out a failover instead of failing.
      this.cluster = createRedisClient(redisUrl, {
        maxRetriesPerRequest: null,
        lazyConnect: true,
      }) as Cluster;
      this.connection = this.cluster;
      this.prefix = `{${prefix}}`;
      return;
    }
    const url = new URL(target.url);
    this.connection = {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: decodeURIComponent(url.username) || undefined,
      password: decodeURIComponent(url.password) || undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      tls: url.protocol === 'rediss:' ? {} : undefined,
      maxRetriesPerRequest: null,
    };
    this.prefix = prefix;
  }

  // Closes the shared cluster client; on one server each queue and worker closed its own.
  async close(): Promise<void> {
    if (!this.cluster || this.cluster.status === 'end') return;
    await this.cluster.quit().catch(() => this.cluster?.disconnect());
  }
}
