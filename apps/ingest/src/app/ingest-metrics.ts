import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { IngestObserver, IngestStats } from './ingest-pipeline';

// A dead-letter reason as a label: its kind, never the message text (which names gateways and
// values and would make one time series per message).
const REASON_KINDS: Array<[kind: string, pattern: RegExp]> = [
  ['unknown-topic', /^unknown topic/],
  ['too-large', /^payload too large/],
  ['not-json', /^payload is not UTF-8 JSON/],
  ['wrong-version', /unsupported protocol version/],
  ['schema', /^schema violation/],
  ['out-of-window', /^timestamp out of window/],
  ['unknown-gateway', /^unknown gateway/],
  ['inactive-gateway', /^gateway ".*" is \w+, not active$/],
  ['unmapped-machine', /^machine key ".*" is not mapped/],
  ['not-ingested', /^channel ".*" is not ingested$/],
];

export function deadLetterKind(reason: string): string {
  return REASON_KINDS.find(([, pattern]) => pattern.test(reason))?.[0] ?? 'other';
}

// Prometheus metrics of one ingest process, served on its health port at /metrics. Rates come from
// the counters (rate() in PromQL); lag is receipt to commit, which is also when the broker gets
// its acknowledgement.
export class IngestMetrics implements IngestObserver {
  readonly registry = new Registry();
  private readonly messages = new Counter({
    name: 'ingest_messages_total',
    help: 'Device messages received, by channel, accepted or dead-lettered',
    labelNames: ['channel', 'outcome'],
    registers: [this.registry],
  });
  private readonly deadLetters = new Counter({
    name: 'ingest_dead_letters_total',
    help: 'Messages refused into the dead-letter store, by kind of reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly points = new Counter({
    name: 'ingest_items_persisted_total',
    help: 'State events, count readings and telemetry points written (duplicates not counted)',
    registers: [this.registry],
  });
  private readonly batchItems = new Histogram({
    name: 'ingest_batch_items',
    help: 'Items per committed batch',
    buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10_000, 20_000],
    registers: [this.registry],
  });
  private readonly lag = new Histogram({
    name: 'ingest_commit_lag_seconds',
    help: 'Time from receiving a message to committing (and acknowledging) it',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  private stats: () => IngestStats | undefined = () => undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ingest_process_' });
    const stats = () => this.stats();
    new Gauge({
      name: 'ingest_unacknowledged_messages',
      help: 'Messages received and not yet committed and acknowledged',
      registers: [this.registry],
      collect() {
        this.set(stats()?.unacknowledged ?? 0);
      },
    });
    new Gauge({
      name: 'ingest_failed_flushes',
      help: 'Batch writes that failed and were retried since start (the database was unreachable)',
      registers: [this.registry],
      collect() {
        this.set(stats()?.failedFlushes ?? 0);
      },
    });
  }

  // The pipeline's running figures, read at every scrape.
  observe(stats: () => IngestStats): void {
    this.stats = stats;
  }

  accepted(channel: string): void {
    this.messages.inc({ channel, outcome: 'accepted' });
  }

  deadLettered(reason: string): void {
    this.messages.inc({ channel: 'any', outcome: 'dead-lettered' });
    this.deadLetters.inc({ reason: deadLetterKind(reason) });
  }

  committed({ persisted, items, waitsMs }: { persisted: number; items: number; waitsMs: number[] }): void {
    this.points.inc(persisted);
    if (items > 0) this.batchItems.observe(items);
    for (const wait of waitsMs) this.lag.observe(wait / 1000);
  }
}
