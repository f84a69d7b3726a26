import type { GatewayRoute } from '@convergent/fleet-data-access-gateways';
import type { BatchWriteResult, DeadLetterInput, EventBatch } from '@convergent/telemetry-data-access-events';
import type { LiveEvent } from '@convergent/shared-util-contracts';
import { IngestPipeline } from './ingest-pipeline';

const now = new Date('2026-11-25T12:00:00Z');
const route: GatewayRoute = {
  tenantId: 't-1',
  gatewayId: 'g-1',
  siteId: 's-1',
  status: 'active',
  machines: new Map([['press-01', 'm-1']]),
};
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const stateMessage = (seq: number) =>
  bytes({ v: 1, seq, machine: 'press-01', events: [{ ts: now.getTime() - 1000, state: 'running' }] });

function harness(
  options: {
    failWrites?: number;
    failLookups?: number;
    // Per write, in the order writes start: how long it takes to commit.
    writeDelaysMs?: number[];
    concurrentWrites?: number;
  } = {},
) {
  const written: EventBatch[] = [];
  const letters: DeadLetterInput[] = [];
  const live: LiveEvent[] = [];
  const presence: EventBatch['gatewaysSeen'] = [];
  let failures = options.failWrites ?? 0;
  let lookupFailures = options.failLookups ?? 0;
  const pipeline = new IngestPipeline(
    {
      resolveGateway: async (thing) => {
        if (lookupFailures > 0) {
          lookupFailures -= 1;
          throw new Error('connection refused');
        }
        return thing === 'gw-1' ? route : thing === 'gw-old' ? { ...route, status: 'decommissioned' } : null;
      },
      writeBatch: async (batch): Promise<BatchWriteResult> => {
        const delay = options.writeDelaysMs?.shift() ?? 0;
        if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
        if (failures > 0) {
          failures -= 1;
          throw new Error('connection refused');
        }
        written.push(batch);
        return {
          inserted: {
            states: batch.states.length,
            counts: batch.counts.length,
            telemetry: batch.telemetry.length,
          },
          duplicates: 0,
          dirtyHours: [],
        };
      },
      recordDeadLetters: async (l) => {
        letters.push(...l);
      },
      scheduleRecompute: async () => undefined,
      recordPresence: async (seen) => {
        presence.push(...seen);
      },
      evaluateAlarms: async () => undefined,
      publishLiveEvents: async (events) => {
        live.push(...events);
      },
    },
    {
      maxBatchItems: 100,
      maxBatchMessages: 50,
      maxBatchDelayMs: 10_000,
      maxConcurrentWrites: options.concurrentWrites ?? 1,
      retryDelayMs: 1,
      clock: () => now,
    },
  );
  return { pipeline, written, letters, live, presence };
}

describe('IngestPipeline', () => {
  it('routes a valid message to its tenant and machine', async () => {
    const { pipeline, written } = harness();
    await pipeline.accept('cvg/gw-1/state', stateMessage(1));
    await pipeline.stop();
    expect(written[0]?.states).toEqual([
      expect.objectContaining({
        tenantId: 't-1',
        gatewayId: 'g-1',
        machineId: 'm-1',
        seq: 1,
        idx: 0,
        state: 'running',
      }),
    ]);
  });

  it('dead-letters bad messages with their reason and keeps the valid ones around them', async () => {
    const { pipeline, written, letters } = harness();
    await pipeline.accept('cvg/gw-1/state', stateMessage(1));
    await pipeline.accept('cvg/gw-1/state', bytes({ v: 9, seq: 2 }));
    await pipeline.accept('cvg/gw-1/state', new Uint8Array([0x7b]));
    await pipeline.accept(
      'cvg/gw-1/state',
      bytes({ v: 1, seq: 3, machine: 'unknown-press', events: [{ ts: now.getTime(), state: 'down' }] }),
    );
    await pipeline.accept('cvg/gw-rogue/state', stateMessage(4));
    await pipeline.accept('cvg/gw-old/state', stateMessage(5));
    await pipeline.accept('cvg/gw-1/state', stateMessage(6));
    await pipeline.stop();
    expect(written.flatMap((b) => b.states.map((s) => s.seq))).toEqual([1, 6]);
    expect(letters.map((l) => [l.thingName, l.tenantId, l.reason])).toEqual([
      ['gw-1', 't-1', expect.stringMatching(/unsupported protocol version/)],
      ['gw-1', 't-1', expect.stringMatching(/not UTF-8 JSON/)],
      ['gw-1', 't-1', 'machine key "unknown-press" is not mapped to gateway "gw-1"'],
      ['gw-rogue', null, 'unknown gateway "gw-rogue": it is not registered with any tenant'],
      ['gw-old', 't-1', 'gateway "gw-old" is decommissioned, not active'],
    ]);
    expect(pipeline.stats).toMatchObject({ accepted: 2, deadLettered: 5, persisted: 2 });
  });

  it('keeps accepted rows while the database is down and writes them once it is back', async () => {
    const { pipeline, written } = harness({ failWrites: 3 });
    await pipeline.accept('cvg/gw-1/state', stateMessage(1));
    const flushing = pipeline.flush();
    await pipeline.accept('cvg/gw-1/state', stateMessage(2));
    await flushing;
    await pipeline.stop();
    expect(written.flatMap((b) => b.states.map((s) => s.seq))).toEqual([1, 2]);
    expect(pipeline.stats.failedFlushes).toBe(3);
  });

  it('acknowledges each message, valid or dead-lettered, only once its batch is committed', async () => {
    const { pipeline, written, letters } = harness({ failWrites: 2 });
    const acknowledged: number[] = [];
    const ack = (seq: number) => () => acknowledged.push(seq);
    await pipeline.accept('cvg/gw-1/state', stateMessage(1), ack(1));
    await pipeline.accept('cvg/gw-1/state', bytes({ v: 9, seq: 2 }), ack(2));
    expect(acknowledged).toEqual([]);
    expect(pipeline.stats.unacknowledged).toBe(2);
    const flushing = pipeline.flush();
    await pipeline.accept('cvg/gw-1/state', stateMessage(3), ack(3));
    await flushing;
    expect(acknowledged).toEqual([1, 2, 3]);
    expect(written.flatMap((b) => b.states.map((s) => s.seq))).toEqual([1, 3]);
    expect(letters).toHaveLength(1);
    expect(pipeline.stats).toMatchObject({ unacknowledged: 0, failedFlushes: 2 });
    await pipeline.stop();
  });

  it('retries a gateway lookup while the database is unreachable instead of losing the message', async () => {
    const { pipeline, written } = harness({ failLookups: 3 });
    const acknowledged: number[] = [];
    await pipeline.accept('cvg/gw-1/state', stateMessage(1), () => acknowledged.push(1));
    await pipeline.flush();
    expect(written.flatMap((b) => b.states.map((s) => s.seq))).toEqual([1]);
    expect(acknowledged).toEqual([1]);
    await pipeline.stop();
  });

  it('flushes once as many messages wait for acknowledgement as the broker will send', async () => {
    const { pipeline, written } = harness();
    for (let seq = 0; seq < 50; seq += 1) await pipeline.accept('cvg/gw-1/state', stateMessage(seq));
    await pipeline.flush();
    expect(written[0]?.states).toHaveLength(50);
    await pipeline.stop();
  });

  it('publishes machine state changes and gateway presence changes once committed', async () => {
    const { pipeline, live, presence } = harness();
    const state = (seq: number, ts: number, value: string) =>
      bytes({ v: 1, seq, machine: 'press-01', events: [{ ts, state: value }] });
    await pipeline.accept('cvg/gw-1/state', state(1, now.getTime() - 3000, 'running'));
    await pipeline.accept('cvg/gw-1/state', state(2, now.getTime() - 2000, 'running'));
    await pipeline.accept('cvg/gw-1/state', state(3, now.getTime() - 1000, 'down'));
    expect(live).toEqual([]);
    expect(presence).toEqual([]);
    await pipeline.flush();
    await pipeline.accept('cvg/gw-1/presence', bytes({ v: 1, status: 'offline', ts: now.getTime() }));
    await pipeline.stop();
    // Recorded after each commit, in the order the messages came: online while it sent, then offline.
    expect(presence.map((p) => p.online)).toEqual([true, true, true, false]);
    const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
    expect(live).toEqual([
      {
        type: 'machine.state',
        tenantId: 't-1',
        siteId: 's-1',
        machineId: 'm-1',
        state: 'running',
        at: at(3000),
      },
      { type: 'gateway.presence', tenantId: 't-1', siteId: 's-1', gatewayId: 'g-1', online: true, at: at(0) },
      {
        type: 'machine.state',
        tenantId: 't-1',
        siteId: 's-1',
        machineId: 'm-1',
        state: 'down',
        at: at(1000),
      },
      {
        type: 'gateway.presence',
        tenantId: 't-1',
        siteId: 's-1',
        gatewayId: 'g-1',
        online: false,
        at: at(0),
      },
    ]);
  });

  it('flushes as soon as a batch is full', async () => {
    const { pipeline, written } = harness();
    for (let seq = 0; seq < 100; seq += 1) await pipeline.accept('cvg/gw-1/state', stateMessage(seq));
    await pipeline.flush();
    expect(written.reduce((n, b) => n + b.states.length, 0)).toBe(100);
    await pipeline.stop();
  });

  it('writes batches side by side, acknowledging each after its own commit and publishing in arrival order', async () => {
    const { pipeline, written, live } = harness({ concurrentWrites: 2, writeDelaysMs: [60, 0] });
    const acknowledged: number[] = [];
    const state = (seq: number, value: string) =>
      bytes({ v: 1, seq, machine: 'press-01', events: [{ ts: now.getTime() - 1000 + seq, state: value }] });
    let secondCommitted = (): void => undefined;
    const committed = new Promise<void>((resolve) => (secondCommitted = resolve));
    await pipeline.accept('cvg/gw-1/state', state(1, 'down'), () => acknowledged.push(1));
    void pipeline.flush();
    await pipeline.accept('cvg/gw-1/state', state(2, 'running'), () => {
      acknowledged.push(2);
      secondCommitted();
    });
    void pipeline.flush();
    await committed;
    expect(acknowledged).toEqual([2]);
    await pipeline.stop();
    expect(acknowledged).toEqual([2, 1]);
    expect(written.map((b) => b.states.map((s) => s.seq))).toEqual([[2], [1]]);
    expect(live.filter((e) => e.type === 'machine.state').map((e) => e.state)).toEqual(['down', 'running']);
  });
});
