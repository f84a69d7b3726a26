import { liveEventChannel, liveEventPattern, type LiveEvent } from '@convergent/shared-util-contracts';
import { createRedisClient, type RedisClient } from './redis-client';

// Pub/sub is fire-and-forget by design: a live view that misses an event catches up from the
// database on its next query, so publishing never blocks or fails the work that produced it.
export class LiveEventPublisher {
  private readonly redis: RedisClient;

  constructor(
    redisUrl: string,
    private readonly prefix = 'convergent',
  ) {
    this.redis = createRedisClient(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    this.redis.on('error', () => undefined);
  }

  async publish(events: readonly LiveEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const event of events)
      pipeline.publish(liveEventChannel(this.prefix, event.tenantId), JSON.stringify(event));
    await pipeline.exec().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }
}

export type LiveEventListener = (event: LiveEvent) => void;

// Receives every tenant's events on one connection; callers filter by tenant and visibility. On a
// Redis Cluster a PUBLISH reaches every node, and the client listens on one of them (another
// after a failover), so each event arrives once.
export class LiveEventSubscriber {
  private readonly redis: RedisClient;
  private readonly listeners = new Set<LiveEventListener>();

  constructor(
    redisUrl: string,
    private readonly prefix = 'convergent',
  ) {
    // No ready check: its INFO races with PSUBSCRIBE during the handshake and Redis refuses it on a
    // subscriber connection (ioredis#2037), which surfaced as an unhandled error and a reconnect.
    this.redis = createRedisClient(redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
    // Connection errors are retried by ioredis and resubscribed on reconnect; an unhandled 'error'
    // event would only print a stack trace.
    this.redis.on('error', () => undefined);
    this.redis.on('pmessage', (_pattern: string, _channel: string, message: string) => {
      const event = parseLiveEvent(message);
      if (event) for (const listener of this.listeners) listener(event);
    });
  }

  async start(): Promise<void> {
    await this.redis.psubscribe(liveEventPattern(this.prefix));
  }

  listen(listener: LiveEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.redis.disconnect();
    return Promise.resolve();
  }
}

function parseLiveEvent(message: string): LiveEvent | undefined {
  try {
    const value = JSON.parse(message) as Partial<LiveEvent>;
    return typeof value.type === 'string' && typeof value.tenantId === 'string'
      ? (value as LiveEvent)
      : undefined;
  } catch {
    return undefined;
  }
}
