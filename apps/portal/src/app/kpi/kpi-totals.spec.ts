import { totalKpis, type BucketTimes } from './kpi-totals';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1_000;

function bucket(overrides: Partial<BucketTimes>): BucketTimes {
  return {
    effectiveness: null,
    idealProductionMs: 0,
    idealGoodMs: 0,
    plannedBusyTimeMs: 0,
    runTimeMs: 0,
    unknownTimeMs: 0,
    producedQuantity: 0,
    scrapQuantity: 0,
    reworkQuantity: 0,
    ...overrides,
  };
}

// An hour of a machine with the given ideal cycle time; the API's ideal times are
// cycle × produced and cycle × good.
function produced(
  cycleMs: number,
  quantities: { producedQuantity: number; scrapQuantity?: number; reworkQuantity?: number },
  times: { plannedBusyTimeMs: number; runTimeMs: number; unknownTimeMs?: number },
): BucketTimes {
  const good =
    quantities.producedQuantity - (quantities.scrapQuantity ?? 0) - (quantities.reworkQuantity ?? 0);
  const idealProductionMs = cycleMs * quantities.producedQuantity;
  return bucket({
    ...quantities,
    ...times,
    idealProductionMs,
    idealGoodMs: cycleMs * good,
    effectiveness: times.runTimeMs === 0 ? null : idealProductionMs / times.runTimeMs,
  });
}

describe('totalKpis', () => {
  it('sums time elements instead of averaging percentages', () => {
    const totals = totalKpis([
      bucket({ plannedBusyTimeMs: HOUR, runTimeMs: HOUR / 2 }),
      bucket({ plannedBusyTimeMs: HOUR / 2, runTimeMs: HOUR / 2 }),
    ]);
    // 1 h run of 1.5 h planned; the average of 50 % and 100 % would be 75 %.
    expect(totals.availability).toBeCloseTo(2 / 3, 12);
    expect(totals.availability).not.toBeCloseTo(0.75, 2);
    expect(totals.plannedBusyTimeMs).toBe(1.5 * HOUR);
  });

  it('divides summed ideal times: performance by run time, OEE by planned busy time', () => {
    const totals = totalKpis([
      // 18 s parts: 80 made (24 min ideal) in 30 min run, 72 good of 1 h planned.
      produced(
        18 * SECOND,
        { producedQuantity: 80, scrapQuantity: 6, reworkQuantity: 2 },
        { plannedBusyTimeMs: HOUR, runTimeMs: 30 * MINUTE },
      ),
      // After a product change, 36 s parts: 30 made (18 min ideal) in 20 min run of 30 min planned.
      produced(
        36 * SECOND,
        { producedQuantity: 30 },
        { plannedBusyTimeMs: 30 * MINUTE, runTimeMs: 20 * MINUTE },
      ),
    ]);
    // Performance: 42 min ideal / 50 min run = 84 %; the hours' 80 % and 90 % average to 85 %.
    expect(totals.effectiveness).toBeCloseTo(0.84, 12);
    expect(totals.effectiveness).not.toBeCloseTo(0.85, 3);
    // OEE: (72 × 18 s + 30 × 36 s) / 90 min = 44 %; the hours' 36 % and 60 % average to 48 %.
    expect(totals.oee).toBeCloseTo(0.44, 12);
    expect(totals.oee).not.toBeCloseTo(0.48, 3);
    expect(totals.quality).toBeCloseTo(102 / 110, 12);
    expect(totals.goodQuantity).toBe(102);
    expect(totals.availability).toBeCloseTo(50 / 90, 12);
  });

  it('counts parts made in an hour with no planned busy time, as the API roll-up does', () => {
    const totals = totalKpis([
      produced(18 * SECOND, { producedQuantity: 100 }, { plannedBusyTimeMs: HOUR, runTimeMs: HOUR }),
      // A calendar break in which the machine kept running: no busy time, 10 parts.
      produced(18 * SECOND, { producedQuantity: 10 }, { plannedBusyTimeMs: 0, runTimeMs: 0 }),
    ]);
    expect(totals.effectiveness).toBeCloseTo((110 * 18 * SECOND) / HOUR, 12);
    expect(totals.oee).toBeCloseTo((110 * 18 * SECOND) / HOUR, 12);
  });

  it('ignores hours with nothing planned and is null when nothing was planned at all', () => {
    const idle = bucket({});
    expect(totalKpis([idle]).availability).toBeNull();
    expect(totalKpis([idle]).oee).toBeNull();
    expect(totalKpis([idle]).effectiveness).toBeNull();
    expect(totalKpis([]).quality).toBeNull();
    const withIdle = totalKpis([
      idle,
      produced(36 * SECOND, { producedQuantity: 50 }, { plannedBusyTimeMs: HOUR, runTimeMs: HOUR }),
    ]);
    expect(withIdle.oee).toBe(0.5);
  });

  it('gives OEE 0, not unknown, when the machine was planned but made nothing', () => {
    const totals = totalKpis([bucket({ plannedBusyTimeMs: HOUR, runTimeMs: 0 })]);
    expect(totals.oee).toBe(0);
    expect(totals.availability).toBe(0);
    expect(totals.effectiveness).toBeNull();
  });

  it('does not pretend to know performance or OEE when an hour with parts has no ideal cycle time', () => {
    const known = produced(
      18 * SECOND,
      { producedQuantity: 150 },
      { plannedBusyTimeMs: HOUR, runTimeMs: HOUR },
    );
    // The API sends 0 ideal times and null effectiveness / OEE for it.
    const noCycleTime = bucket({ plannedBusyTimeMs: HOUR, runTimeMs: HOUR, producedQuantity: 10 });
    const totals = totalKpis([known, noCycleTime]);
    expect(totals.effectiveness).toBeNull();
    expect(totals.oee).toBeNull();
    // Counting that hour's run time but not its parts would report 37.5 % performance.
    expect(totals.availability).toBe(1);
    expect(totals.quality).toBe(1);
    // Also when it produced parts without any run time to divide by.
    expect(totalKpis([known, bucket({ plannedBusyTimeMs: HOUR, producedQuantity: 3 })]).oee).toBeNull();
    // An hour without parts needs no ideal cycle time.
    expect(totalKpis([known, bucket({ plannedBusyTimeMs: HOUR, runTimeMs: HOUR })]).oee).toBeCloseTo(
      (150 * 18 * SECOND) / (2 * HOUR),
      12,
    );
  });

  it('sums the time without machine data', () => {
    const totals = totalKpis([
      bucket({ plannedBusyTimeMs: HOUR, runTimeMs: 33 * MINUTE, unknownTimeMs: 27 * MINUTE }),
      bucket({ plannedBusyTimeMs: HOUR, runTimeMs: 50 * MINUTE, unknownTimeMs: 10 * MINUTE }),
    ]);
    expect(totals.unknownTimeMs).toBe(37 * MINUTE);
    // Unknown time counts against availability: it is part of planned busy time.
    expect(totals.availability).toBeCloseTo(83 / 120, 12);
  });
});
