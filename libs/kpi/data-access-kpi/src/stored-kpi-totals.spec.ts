import type { StoredKpi } from './kpi-result.repository';
import { rollUpByBucket } from './stored-kpi-totals';

const HOUR = 3_600_000;
const start = new Date('2026-11-25T10:00:00Z');

function machineHour(overrides: Partial<StoredKpi>): StoredKpi {
  return {
    assetId: 'm',
    granularity: 'hour',
    bucketStart: start,
    bucketEnd: new Date(start.getTime() + HOUR),
    shiftName: null,
    potMs: HOUR,
    pdtMs: 0,
    aptMs: HOUR,
    asutMs: 0,
    adetMs: 0,
    unknownMs: 0,
    producedQuantity: 0,
    scrapQuantity: 0,
    reworkQuantity: 0,
    downMs: 0,
    failureCount: 0,
    idealProductionMs: 0,
    idealGoodMs: 0,
    availability: 1,
    effectiveness: null,
    quality: null,
    oee: 0,
    final: true,
    computedAt: start,
    ...overrides,
  };
}

describe('rollUpByBucket', () => {
  it('weights machines by their time and ideal output, not by averaging their percentages', () => {
    // A fast machine at 100 % OEE beside a slow one at 25 %: the line is not at 62.5 %.
    const fast = machineHour({
      assetId: 'a',
      producedQuantity: 3600,
      idealProductionMs: HOUR,
      idealGoodMs: HOUR,
      oee: 1,
    });
    const slow = machineHour({
      assetId: 'b',
      potMs: HOUR / 2,
      aptMs: HOUR / 2,
      producedQuantity: 100,
      idealProductionMs: HOUR / 8,
      idealGoodMs: HOUR / 8,
      oee: 0.25,
    });
    const [line] = rollUpByBucket([fast, slow]);
    expect(line?.result.kpis.oee).toBeCloseTo((HOUR + HOUR / 8) / (1.5 * HOUR), 12);
    expect(line?.result.kpis.oee).not.toBeCloseTo(0.625, 3);
    expect(line?.machines).toBe(2);
  });

  it('reports OEE as unknown when a machine counted parts without an ideal cycle time', () => {
    const known = machineHour({
      assetId: 'a',
      producedQuantity: 10,
      idealProductionMs: 10_000,
      idealGoodMs: 10_000,
    });
    const unknown = machineHour({
      assetId: 'b',
      producedQuantity: 10,
      idealProductionMs: null,
      idealGoodMs: null,
    });
    expect(rollUpByBucket([known, unknown])[0]?.result.kpis.oee).toBeNull();
  });

  it('keeps buckets apart and calls a bucket final only when all its machines are', () => {
    const later = new Date(start.getTime() + HOUR);
    const buckets = rollUpByBucket([
      machineHour({ assetId: 'a' }),
      machineHour({ assetId: 'b', final: false }),
      machineHour({ assetId: 'a', bucketStart: later, bucketEnd: new Date(later.getTime() + HOUR) }),
    ]);
    expect(buckets.map((b) => [b.bucketStart.toISOString(), b.final, b.machines])).toEqual([
      [start.toISOString(), false, 2],
      [later.toISOString(), true, 1],
    ]);
  });
});
