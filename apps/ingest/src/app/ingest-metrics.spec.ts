import { IngestMetrics, deadLetterKind } from './ingest-metrics';

describe('IngestMetrics', () => {
  it('labels dead letters by kind of reason, never by their text', () => {
    expect(deadLetterKind('payload too large: 140000 bytes, the limit is 131072')).toBe('too-large');
    expect(deadLetterKind('payload is not UTF-8 JSON: Unexpected end of JSON input')).toBe('not-json');
    expect(deadLetterKind('schema violation: v: unsupported protocol version: expected 1')).toBe(
      'wrong-version',
    );
    expect(deadLetterKind('schema violation: seq: Invalid input: expected number, received string')).toBe(
      'schema',
    );
    expect(deadLetterKind('machine key "press-9" is not mapped to gateway "gw-1"')).toBe('unmapped-machine');
    expect(deadLetterKind('gateway "gw-old" is decommissioned, not active')).toBe('inactive-gateway');
    expect(deadLetterKind('something new')).toBe('other');
  });

  it('exposes rates, batch sizes, lag and backlog in the Prometheus text format', async () => {
    const metrics = new IngestMetrics();
    metrics.observe(() => ({
      accepted: 2,
      deadLettered: 1,
      persisted: 40,
      duplicates: 0,
      pending: 0,
      unacknowledged: 3,
      failedFlushes: 1,
    }));
    metrics.accepted('telemetry');
    metrics.accepted('telemetry');
    metrics.deadLettered('payload too large: 140000 bytes, the limit is 131072');
    metrics.committed({ persisted: 40, items: 40, waitsMs: [120, 80] });

    const text = await metrics.registry.metrics();
    expect(text).toContain('ingest_messages_total{channel="telemetry",outcome="accepted"} 2');
    expect(text).toContain('ingest_dead_letters_total{reason="too-large"} 1');
    expect(text).toContain('ingest_items_persisted_total 40');
    expect(text).toContain('ingest_batch_items_count 1');
    expect(text).toContain('ingest_commit_lag_seconds_count 2');
    expect(text).toContain('ingest_commit_lag_seconds_bucket{le="0.1"} 1');
    expect(text).toContain('ingest_unacknowledged_messages 3');
    expect(text).toContain('ingest_failed_flushes 1');
  });
});
