import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageLog } from './message-log';

describe('MessageLog', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cvg-log-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const message = (n: number) => ({
    topic: 'cvg/gw/telemetry',
    payload: JSON.stringify({ n, pad: 'x'.repeat(200) }),
  });

  it('keeps unacknowledged records across a restart and cuts off a torn last record', () => {
    const log = MessageLog.open(dir, { segmentBytes: 4096, maxBytes: 1 << 20 });
    log.append([0, 1, 2, 3, 4].map(message));
    log.commit(2);
    log.close();
    const segments = readdirSync(dir).filter((name) => name.endsWith('.seg'));
    appendFileSync(join(dir, segments[segments.length - 1] ?? ''), Buffer.from([50, 0, 0, 0, 1, 2]));

    const reopened = MessageLog.open(dir, { segmentBytes: 4096, maxBytes: 1 << 20 });
    expect(reopened.stats()).toMatchObject({ depth: 3, committed: 2, nextOffset: 5 });
    expect(JSON.parse(reopened.read(2)?.payload ?? '{}')).toMatchObject({ n: 2 });
    expect(reopened.append([message(5)])).toEqual([5]);
    reopened.close();
  });

  it('drops the oldest records when full, and counts them', () => {
    const log = MessageLog.open(dir, { segmentBytes: 4096, maxBytes: 8192 });
    log.append(Array.from({ length: 100 }, (_, n) => message(n)));
    const stats = log.stats();
    expect(stats.bytes).toBeLessThanOrEqual(8192);
    expect(stats.dropped).toBeGreaterThan(0);
    expect(stats.dropped + stats.depth).toBe(100);
    expect(log.read(stats.committed)).toBeDefined();
    expect(log.read(0)).toBeUndefined();
    log.close();
  });
});
