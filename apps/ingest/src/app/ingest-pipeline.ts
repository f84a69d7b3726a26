import { decodeDeviceMessage, type DecodedMessage } from '@convergent/telemetry-util-decoding';
import type { GatewayRoute } from '@convergent/fleet-data-access-gateways';
import type { LiveEvent } from '@convergent/shared-util-contracts';
import {
  batchSize,
  emptyBatch,
  type BatchWriteResult,
  type DeadLetterInput,
  type DirtyHour,
  type EventBatch,
} from '@convergent/telemetry-data-access-events';

export interface IngestPorts {
  resolveGateway(thingName: string): Promise<GatewayRoute | null>;
  writeBatch(batch: EventBatch): Promise<BatchWriteResult>;
  recordDeadLetters(letters: DeadLetterInput[]): Promise<void>;
  scheduleRecompute(hours: DirtyHour[]): Promise<void>;
  // After commit, in batch order: when each gateway was last heard, and online or not.
  recordPresence(seen: EventBatch['gatewaysSeen']): Promise<void>;
  // After commit: alarm rules evaluate what was written (the worker, from a queued job).
  evaluateAlarms(batch: EventBatch): Promise<void>;
  // Machine state changes and gateway presence, after they are committed (best effort).
  publishLiveEvents(events: LiveEvent[]): Promise<void>;
}

export interface IngestPipelineOptions {
  maxBatchItems: number;
  // Flush once this many messages wait for their acknowledgement, whatever their item count: the
  // broker sends no more than the connection's receive maximum unacknowledged messages.
  maxBatchMessages?: number;
  maxBatchDelayMs: number;
  // Batches written at once, each in its own transaction (default 1). Acknowledgement stays per
  // batch, after its own commit; de-duplication holds across them (the unique key decides).
  maxConcurrentWrites?: number;
  // Back-off between attempts while the database is unreachable.
  retryDelayMs: number;
  clock?: () => Date;
  onError?: (error: unknown, context: string) => void;
  observer?: IngestObserver;
}

// What the pipeline reports as it goes, for metrics.
export interface IngestObserver {
  accepted(channel: string): void;
  deadLettered(reason: string): void;
  // After a commit: items written (duplicates skipped), the batch's size, and for every message
  // acknowledged with it, how long it waited between receipt and commit.
  committed(result: { persisted: number; items: number; waitsMs: number[] }): void;
}

export interface IngestStats {
  accepted: number;
  deadLettered: number;
  persisted: number;
  duplicates: number;
  pending: number;
  // Messages received but not yet acknowledged to the broker (their rows are not committed yet).
  unacknowledged: number;
  failedFlushes: number;
}

export type Acknowledge = () => void;
const NOTHING_TO_ACKNOWLEDGE: Acknowledge = () => undefined;

interface HeldMessage {
  acknowledge: Acknowledge;
  receivedAt: number;
}

// Validates, routes and batches device messages. Rows stay in memory until a write succeeds: while
// the database is down, flushes are retried with back-off and nothing already accepted is dropped.
// Each message's acknowledgement is called only once its rows (or its dead letter) are committed,
// so a message is acknowledged to the broker only when a crash can no longer lose it.
export class IngestPipeline {
  private batch = emptyBatch();
  private letters: DeadLetterInput[] = [];
  private held: HeldMessage[] = [];
  // Candidates for live events, in arrival order; only changes are published.
  private live: LiveEvent[] = [];
  private readonly lastMachineState = new Map<string, string>();
  private readonly lastGatewayOnline = new Map<string, boolean>();
  private timer: NodeJS.Timeout | null = null;
  private readonly writers = new Set<Promise<void>>();
  private readonly concurrentWrites: number;
  // Messages of batches being written: still unacknowledged.
  private inFlight = 0;
  // Settles once the follow-ups of every batch taken so far are done.
  private followingUp: Promise<void> = Promise.resolve();
  private stopped = false;
  readonly stats: IngestStats = {
    accepted: 0,
    deadLettered: 0,
    persisted: 0,
    duplicates: 0,
    pending: 0,
    unacknowledged: 0,
    failedFlushes: 0,
  };

  constructor(
    private readonly ports: IngestPorts,
    private readonly options: IngestPipelineOptions,
  ) {
    this.concurrentWrites = options.maxConcurrentWrites ?? 1;
  }

  // `acknowledge` is called once the message is durable: its rows or its dead letter committed.
  async accept(
    topic: string,
    payload: Uint8Array,
    acknowledge: Acknowledge = NOTHING_TO_ACKNOWLEDGE,
  ): Promise<void> {
    const now = this.options.clock?.() ?? new Date();
    const decoded = decodeDeviceMessage(topic, payload, now);
    if (!decoded.ok) {
      const route = decoded.thingName ? await this.resolveGateway(decoded.thingName) : null;
      this.deadLetter(
        {
          tenantId: route?.tenantId ?? null,
          thingName: decoded.thingName,
          topic,
          reason: decoded.reason,
          payload,
        },
        acknowledge,
        now,
      );
      return;
    }
    const route = await this.resolveGateway(decoded.value.thingName);
    const refusal = this.refusal(decoded.value, route);
    if (refusal || !route) {
      this.deadLetter(
        {
          tenantId: route?.tenantId ?? null,
          thingName: decoded.value.thingName,
          topic,
          reason: refusal ?? '',
          payload,
        },
        acknowledge,
        now,
      );
      return;
    }
    this.append(decoded.value, route, now);
    this.stats.accepted += 1;
    this.options.observer?.accepted(decoded.value.channel);
    this.hold(acknowledge, now);
  }

  // A lookup that fails (database unreachable) is retried: the message is neither acknowledged nor
  // dropped, and the broker would not send it again on this connection.
  private async resolveGateway(thingName: string): Promise<GatewayRoute | null> {
    for (;;) {
      try {
        return await this.ports.resolveGateway(thingName);
      } catch (error) {
        this.options.onError?.(error, 'resolve');
        if (this.stopped) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
      }
    }
  }

  private hold(acknowledge: Acknowledge, receivedAt: Date): void {
    this.held.push({ acknowledge, receivedAt: receivedAt.getTime() });
    this.stats.unacknowledged = this.held.length + this.inFlight;
    this.stats.pending = batchSize(this.batch);
    const full =
      this.stats.pending >= this.options.maxBatchItems ||
      this.held.length >= (this.options.maxBatchMessages ?? Number.POSITIVE_INFINITY);
    if (full) void this.flush();
    else this.armTimer();
  }

  private refusal(message: DecodedMessage, route: GatewayRoute | null): string | null {
    if (!route) return `unknown gateway "${message.thingName}": it is not registered with any tenant`;
    if (route.status !== 'active') return `gateway "${message.thingName}" is ${route.status}, not active`;
    if (message.channel !== 'presence' && !route.machines.has(message.message.machine)) {
      return `machine key "${message.message.machine}" is not mapped to gateway "${message.thingName}"`;
    }
    return null;
  }

  private append(message: DecodedMessage, route: GatewayRoute, now: Date): void {
    const key = { tenantId: route.tenantId, gatewayId: route.gatewayId };
    // Item rows name these fields: spreading `key` into each of thousands of rows per flush costs
    // several times as much on V8 (bench/ingest profile).
    const { tenantId, gatewayId } = route;
    switch (message.channel) {
      case 'presence': {
        const at = new Date(message.message.ts ?? now.getTime());
        const online = message.message.status === 'online';
        this.batch.gatewaysSeen.push({ ...key, at, online });
        this.live.push({ ...live(route, at), type: 'gateway.presence', gatewayId: route.gatewayId, online });
        return;
      }
      case 'state': {
        const { seq, machine, events } = message.message;
        const machineId = route.machines.get(machine) ?? '';
        events.forEach((e, idx) =>
          this.batch.states.push({
            tenantId,
            gatewayId,
            machineId,
            seq,
            idx,
            ts: new Date(e.ts),
            state: e.state,
            reason: e.reason ?? null,
          }),
        );
        for (const e of events)
          this.live.push({
            ...live(route, new Date(e.ts)),
            type: 'machine.state',
            machineId,
            state: e.state,
          });
        break;
      }
      case 'counts': {
        const { seq, machine, counts } = message.message;
        const machineId = route.machines.get(machine) ?? '';
        counts.forEach((c, idx) =>
          this.batch.counts.push({
            tenantId,
            gatewayId,
            machineId,
            seq,
            idx,
            ts: new Date(c.ts),
            counter: c.counter,
            increment: 'increment' in c ? c.increment : null,
            cumulative: 'cumulative' in c ? c.cumulative : null,
          }),
        );
        break;
      }
      case 'telemetry': {
        const { seq, machine, points } = message.message;
        const machineId = route.machines.get(machine) ?? '';
        this.batch.telemetry.push({ tenantId, gatewayId, machineId, seq, points });
        break;
      }
    }
    this.batch.gatewaysSeen.push({ ...key, at: now, online: true });
    this.live.push({
      ...live(route, now),
      type: 'gateway.presence',
      gatewayId: route.gatewayId,
      online: true,
    });
  }

  // What changed, as far as this process has seen: the first state of a machine and the first
  // presence of a gateway since start count as changes (a restarted API shows them again anyway).
  private changes(candidates: LiveEvent[]): LiveEvent[] {
    const changes: LiveEvent[] = [];
    for (const event of candidates) {
      if (event.type === 'machine.state' && this.lastMachineState.get(event.machineId) !== event.state) {
        this.lastMachineState.set(event.machineId, event.state);
        changes.push(event);
      } else if (
        event.type === 'gateway.presence' &&
        this.lastGatewayOnline.get(event.gatewayId) !== event.online
      ) {
        this.lastGatewayOnline.set(event.gatewayId, event.online);
        changes.push(event);
      }
    }
    return changes;
  }

  private deadLetter(letter: DeadLetterInput, acknowledge: Acknowledge, receivedAt: Date): void {
    this.letters.push(letter);
    this.stats.deadLettered += 1;
    this.options.observer?.deadLettered(letter.reason);
    this.hold(acknowledge, receivedAt);
  }

  private armTimer(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.options.maxBatchDelayMs);
  }

  // Writes what is buffered with up to maxConcurrentWrites transactions at once, each on a batch of
  // its own, and resolves once nothing is left (or, stopped, once the last attempt is over). A write
  // that fails puts its rows back in front of newer ones and is retried.
  flush(): Promise<void> {
    while (this.writers.size < this.concurrentWrites && this.hasWork()) {
      const writer: Promise<void> = this.writeLoop().finally(() => this.writers.delete(writer));
      this.writers.add(writer);
    }
    return this.idle();
  }

  private async idle(): Promise<void> {
    while (this.writers.size > 0) await Promise.all(this.writers);
  }

  private hasWork(): boolean {
    return this.held.length > 0 || batchSize(this.batch) > 0 || this.batch.gatewaysSeen.length > 0;
  }

  // One writer: takes everything buffered, writes it, and goes on while more arrived meanwhile, so
  // batches grow with the load and a quiet stream is written as soon as it arrives.
  private async writeLoop(): Promise<void> {
    while (this.hasWork()) {
      const batch = this.batch;
      const letters = this.letters;
      const held = this.held;
      const candidates = this.live;
      this.live = [];
      this.batch = emptyBatch();
      this.letters = [];
      this.held = [];
      this.stats.pending = 0;
      this.inFlight += held.length;
      // Follow-ups run in the order batches were taken, whatever order their commits finish in,
      // so live events never go back to an older state.
      const previous = this.followingUp;
      let followedUp = (): void => undefined;
      this.followingUp = new Promise((resolve) => (followedUp = resolve));
      try {
        await this.ports.recordDeadLetters(letters);
        letters.length = 0;
        const result = await this.ports.writeBatch(batch);
        for (const message of held) message.acknowledge();
        const committedAt = (this.options.clock?.() ?? new Date()).getTime();
        const persisted = result.inserted.states + result.inserted.counts + result.inserted.telemetry;
        this.options.observer?.committed({
          persisted,
          items: batchSize(batch),
          waitsMs: held.map((message) => committedAt - message.receivedAt),
        });
        this.inFlight -= held.length;
        this.stats.unacknowledged = this.held.length + this.inFlight;
        this.stats.persisted += persisted;
        this.stats.duplicates += result.duplicates;
        // The queue and live-event work of a committed batch overlaps the next write instead of
        // delaying it.
        void previous.then(() => this.followUp(batch, result.dirtyHours, candidates)).finally(followedUp);
        // Bounds what waits for its follow-up to about one batch per writer.
        await previous;
      } catch (error) {
        void previous.finally(followedUp);
        this.inFlight -= held.length;
        this.stats.failedFlushes += 1;
        this.options.onError?.(error, 'flush');
        this.requeue(batch, letters, held);
        this.live = [...candidates, ...this.live];
        if (this.stopped) return;
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs));
      }
    }
  }

  // After a commit, best effort: what failed is logged, and the rows stay committed.
  private async followUp(batch: EventBatch, dirtyHours: DirtyHour[], candidates: LiveEvent[]): Promise<void> {
    await this.ports
      .recordPresence(batch.gatewaysSeen)
      .catch((error: unknown) => this.options.onError?.(error, 'presence'));
    await this.ports
      .scheduleRecompute(dirtyHours)
      .catch((error: unknown) => this.options.onError?.(error, 'schedule'));
    await this.ports.evaluateAlarms(batch).catch((error: unknown) => this.options.onError?.(error, 'alarms'));
    const changes = this.changes(candidates);
    if (changes.length > 0)
      await this.ports
        .publishLiveEvents(changes)
        .catch((error: unknown) => this.options.onError?.(error, 'live events'));
  }

  private requeue(batch: EventBatch, letters: DeadLetterInput[], held: HeldMessage[]): void {
    const newer = this.batch;
    this.batch = {
      states: [...batch.states, ...newer.states],
      counts: [...batch.counts, ...newer.counts],
      telemetry: [...batch.telemetry, ...newer.telemetry],
      gatewaysSeen: [...batch.gatewaysSeen, ...newer.gatewaysSeen],
    };
    this.letters = [...letters, ...this.letters];
    this.held = [...held, ...this.held];
    this.stats.pending = batchSize(this.batch);
  }

  // Stops retrying and makes one last attempt to write what is buffered; returns how many items
  // could not be written, for the shutdown log.
  async stop(): Promise<number> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
    await this.followingUp;
    return batchSize(this.batch);
  }
}

function live(route: GatewayRoute, at: Date): { tenantId: string; siteId: string; at: string } {
  return { tenantId: route.tenantId, siteId: route.siteId, at: at.toISOString() };
}
