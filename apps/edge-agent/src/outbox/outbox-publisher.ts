import type { MessageLog } from './message-log';

// Sends the message log's records in order, each until its QoS 1 acknowledgement, and commits the
// log past every acknowledged prefix. Bounded: at most `maxInFlight` unacknowledged publishes and
// `maxPerSecond` publishes per second (AWS IoT Core allows 100 per connection), so a replay after
// a long outage neither floods the broker nor gets the connection throttled.

export interface OutboxTransport {
  readonly isConnected: boolean;
  publish(topic: string, payload: string): Promise<void>;
}

export interface OutboxPublisherOptions {
  log: MessageLog;
  transport: OutboxTransport;
  maxPerSecond?: number;
  maxInFlight?: number;
  // Called with each publish failure (the record is sent again later).
  onError?: (error: unknown, topic: string) => void;
  now?: () => number;
}

export interface OutboxStats {
  inFlight: number;
  published: number;
  lastPublishAt: number | undefined;
}

export const DEFAULT_MAX_PUBLISHES_PER_SECOND = 80;

export class OutboxPublisher {
  private cursor: number;
  private readonly inFlight = new Set<number>();
  private readonly acked = new Set<number>();
  private readonly sentAt: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private published = 0;
  private lastPublishAt: number | undefined;
  private readonly maxPerSecond: number;
  private readonly maxInFlight: number;
  private readonly now: () => number;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: OutboxPublisherOptions) {
    this.cursor = options.log.firstUnacked;
    this.maxPerSecond = options.maxPerSecond ?? DEFAULT_MAX_PUBLISHES_PER_SECOND;
    this.maxInFlight = options.maxInFlight ?? 20;
    if (!(this.maxPerSecond > 0 && this.maxPerSecond <= 100))
      throw new RangeError('maxPerSecond must be between 1 and 100 (the per-connection limit)');
    this.now = options.now ?? Date.now;
  }

  stats(): OutboxStats {
    return { inFlight: this.inFlight.size, published: this.published, lastPublishAt: this.lastPublishAt };
  }

  // Call after appending to the log and after every (re)connect.
  pump(): void {
    if (this.stopped) return;
    const { log, transport } = this.options;
    // Records dropped (log full) or acknowledged meanwhile are skipped.
    if (this.cursor < log.firstUnacked) this.cursor = log.firstUnacked;
    while (transport.isConnected && this.inFlight.size < this.maxInFlight && this.cursor < log.nextOffset) {
      const wait = this.rateWait();
      if (wait > 0) {
        this.schedule(wait);
        return;
      }
      const offset = this.cursor;
      this.cursor += 1;
      if (this.acked.has(offset) || this.inFlight.has(offset)) continue;
      const record = log.read(offset);
      if (record === undefined) continue;
      this.inFlight.add(offset);
      this.sentAt.push(this.now());
      transport.publish(record.topic, record.payload).then(
        () => this.onAcked(offset),
        (error: unknown) => this.onFailed(offset, record.topic, error),
      );
    }
    this.notifyIfIdle();
  }

  // Resolves when everything in the log is acknowledged, or after timeoutMs.
  async drain(timeoutMs: number): Promise<boolean> {
    this.pump();
    if (this.isIdle()) return true;
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true))),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    return drained;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private onAcked(offset: number): void {
    this.inFlight.delete(offset);
    this.published += 1;
    this.lastPublishAt = this.now();
    const { log } = this.options;
    if (offset >= log.firstUnacked) this.acked.add(offset);
    let next = log.firstUnacked;
    while (this.acked.delete(next)) next += 1;
    // Acknowledgements of records the log has already dropped are nothing to keep.
    for (const stale of this.acked) if (stale < next) this.acked.delete(stale);
    if (next > log.firstUnacked && !this.stopped) log.commit(next);
    this.pump();
  }

  private onFailed(offset: number, topic: string, error: unknown): void {
    this.inFlight.delete(offset);
    // Send it (and anything after it not yet acknowledged) again, in order.
    this.cursor = Math.min(this.cursor, offset);
    this.options.onError?.(error, topic);
    if (!this.stopped) this.schedule(250);
  }

  private rateWait(): number {
    const now = this.now();
    while (this.sentAt.length > 0 && (this.sentAt[0] ?? 0) <= now - 1000) this.sentAt.shift();
    if (this.sentAt.length < this.maxPerSecond) return 0;
    return (this.sentAt[0] ?? now) + 1000 - now;
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, delayMs);
  }

  private isIdle(): boolean {
    return this.inFlight.size === 0 && this.options.log.firstUnacked >= this.options.log.nextOffset;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
