// The gateway's replies to the cloud (configuration reports, command results), sent with QoS 1 and
// `requireSubscriber`: right after a broker restart the broker accepts a message nobody subscribes
// to yet (ingest has not subscribed again) with PUBACK 16 and drops it, so a reply is kept and sent
// again every retry until the broker delivers it, it expires, or a newer reply under the same key
// replaces it (only the latest configuration report matters).

export interface ReplyTransport {
  readonly isConnected: boolean;
  publish(
    topic: string,
    payload: string,
    options: { correlationData?: string; requireSubscriber: true },
  ): Promise<void>;
}

export interface Reply {
  // Replies with the same key replace each other.
  key: string;
  topic: string;
  payload: string;
  correlationData?: string;
  // Epoch ms after which the reply is worthless (the cloud has given up); absent: never.
  expiresAt?: number;
}

export class ReplyOutbox {
  private readonly waiting = new Map<string, Reply>();
  private readonly sending = new Set<string>();

  constructor(
    private readonly transport: ReplyTransport,
    private readonly now: () => number = Date.now,
    private readonly onError: (error: unknown, reply: Reply) => void = () => undefined,
  ) {}

  get pending(): number {
    return this.waiting.size;
  }

  send(reply: Reply): void {
    this.waiting.set(reply.key, reply);
    this.retry();
  }

  // Call on every (re)connect and periodically.
  retry(): void {
    for (const [key, reply] of this.waiting) {
      if (reply.expiresAt !== undefined && reply.expiresAt < this.now()) {
        this.waiting.delete(key);
        continue;
      }
      if (!this.transport.isConnected || this.sending.has(key)) continue;
      this.sending.add(key);
      this.transport
        .publish(reply.topic, reply.payload, {
          ...(reply.correlationData !== undefined ? { correlationData: reply.correlationData } : {}),
          requireSubscriber: true,
        })
        .then(
          // A newer reply under the same key that came meanwhile still has to go.
          () => this.waiting.get(key) === reply && this.waiting.delete(key),
          (error: unknown) => this.onError(error, reply),
        )
        .finally(() => this.sending.delete(key));
    }
  }
}
