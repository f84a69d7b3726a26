import { totalKpis, type BucketTimes } from './kpi-totals';

const HOUR = 3_600_000;

function bucket(overrides: Partial<BucketTimes>): BucketTimes {
  return {
    availability: null,
    effectiveness: null,
    quality: null,
    oee: null,
    plannedBusyTimeMs: 0,
    runTimeMs: 0,
    producedQuantity: 0,
    scrapQuantity: 0,
    reworkQuantity: 0,
    ...overrides,
  };
}

describe('totalKpis', () => {
  it('sums time elements instead of averaging percentages', () => {
    const totals = totalKpis([
      bucket({ plannedBusyTimeMs: HOUR, runTimeMs: HOUR / 2, availability: 0.5 }),
      bucket({ plannedBusyTimeMs: HOUR / 2, runTimeMs: HOUR / 2, availability: 1 }),
    ]);
    expect(totals.availability).toBeCloseTo(2 / 3, 12);
    expect(totals.availability).not.toBeCloseTo(0.75, 2);
    expect(totals.plannedBusyTimeMs).toBe(1.5 * HOUR);
  });

  it('weights OEE by planned busy time, performance by run time, quality by quantity', () => {
    const totals = totalKpis([
      bucket({
        plannedBusyTimeMs: HOUR,
        runTimeMs: HOUR / 2,
        availability: 0.5,
        effectiveness: 0.8,
        quality: 0.9,
        oee: 0.36,
        producedQuantity: 100,
        scrapQuantity: 6,
        reworkQuantity: 4,
      }),
      bucket({
        plannedBusyTimeMs: HOUR / 2,
        runTimeMs: HOUR / 2,
        availability: 1,
        effectiveness: 1,
        quality: 1,
        oee: 1,
        producedQuantity: 50,
      }),
    ]);
    expect(totals.oee).toBeCloseTo((0.36 * HOUR + 0.5 * HOUR) / (1.5 * HOUR), 12);
    expect(totals.effectiveness).toBeCloseTo((0.8 * 0.5 + 1 * 0.5) / 1, 12);
    expect(totals.quality).toBeCloseTo(140 / 150, 12);
    expect(totals.goodQuantity).toBe(140);
  });

  it('ignores hours with nothing planned and is null when nothing was planned at all', () => {
    const idle = bucket({});
    expect(totalKpis([idle]).availability).toBeNull();
    expect(totalKpis([idle]).oee).toBeNull();
    expect(totalKpis([]).quality).toBeNull();
    const withIdle = totalKpis([idle, bucket({ plannedBusyTimeMs: HOUR, runTimeMs: HOUR, oee: 0.5 })]);
    expect(withIdle.oee).toBe(0.5);
  });

  it('does not pretend to know OEE when a planned hour has none (no ideal cycle time)', () => {
    const totals = totalKpis([
      bucket({ plannedBusyTimeMs: HOUR, runTimeMs: HOUR, oee: 0.9 }),
      bucket({ plannedBusyTimeMs: HOUR, runTimeMs: HOUR, oee: null, producedQuantity: 10 }),
    ]);
    expect(totals.oee).toBeNull();
    expect(totals.availability).toBe(1);
  });
});
