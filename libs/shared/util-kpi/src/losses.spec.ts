import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CountIncrement } from './counters';
import { countStartupRejects, sixBigLosses, sumLosses, type SixBigLosses } from './losses';
import { toQuantities } from './quantities';
import {
  at,
  interval,
  MIN,
  quantitiesArb,
  sample,
  timeArb,
  WORKED_QUANTITIES,
  WORKED_TIME,
} from './spec-helpers';

const waterfallEnd = (time: { pbt: number }, l: SixBigLosses): number =>
  time.pbt -
  l.breakdownsMs -
  l.setupMs -
  l.minorStopsMs -
  l.unknownMs -
  (l.reducedSpeedMs ?? 0) -
  (l.startupRejectsMs ?? 0) -
  (l.productionRejectsMs ?? 0);

describe('six big losses', () => {
  it("break KPI.md's worked example down from PBT to fully productive time", () => {
    const losses = sixBigLosses({
      time: WORKED_TIME,
      quantities: WORKED_QUANTITIES,
      idealCycleTimeMs: 1_500,
      startupRejects: 50,
    });
    expect(losses).toEqual({
      breakdownsMs: 25 * MIN,
      setupMs: 15 * MIN,
      minorStopsMs: 0,
      reducedSpeedMs: 380 * MIN - 21_000_000,
      startupRejectsMs: 75_000,
      productionRejectsMs: 450_000,
      unknownMs: 0,
      fullyProductiveMs: 20_475_000,
      speedAboveIdeal: false,
    });
    expect(waterfallEnd(WORKED_TIME, losses)).toBe(losses.fullyProductiveMs);
  });

  it('floors reduced speed at zero and flags it when the machine beats its ideal cycle time', () => {
    const losses = sixBigLosses({
      time: WORKED_TIME,
      quantities: WORKED_QUANTITIES,
      idealCycleTimeMs: 2_000,
      startupRejects: 0,
    });
    expect([losses.reducedSpeedMs, losses.speedAboveIdeal]).toEqual([0, true]);
  });

  it('cannot price speed and quality losses without an ideal cycle time', () => {
    const losses = sixBigLosses({
      time: WORKED_TIME,
      quantities: WORKED_QUANTITIES,
      idealCycleTimeMs: null,
      startupRejects: 0,
    });
    expect([losses.reducedSpeedMs, losses.productionRejectsMs, losses.breakdownsMs]).toEqual([
      null,
      null,
      25 * MIN,
    ]);
  });

  it('close the waterfall: PBT minus every loss and unknown is PRU x GQ (property)', () => {
    fc.assert(
      fc.property(
        timeArb,
        quantitiesArb,
        fc.integer({ min: 100, max: 60_000 }),
        fc.nat(1_000),
        (time, q, pru, startup) => {
          const losses = sixBigLosses({
            time,
            quantities: q,
            idealCycleTimeMs: pru,
            startupRejects: startup,
          });
          const values = Object.values(losses).filter((v): v is number => typeof v === 'number');
          expect(values.every((v) => v >= 0)).toBe(true);
          if (!losses.speedAboveIdeal) expect(waterfallEnd(time, losses)).toBeCloseTo(pru * q.gq, 3);
        },
      ),
    );
  });

  it('sum per machine, so one fast machine does not hide another one speed loss', () => {
    const fast = sixBigLosses({
      time: WORKED_TIME,
      quantities: WORKED_QUANTITIES,
      idealCycleTimeMs: 2_000,
      startupRejects: 0,
    });
    const slow = sixBigLosses({
      time: WORKED_TIME,
      quantities: WORKED_QUANTITIES,
      idealCycleTimeMs: 1_500,
      startupRejects: 0,
    });
    expect(sumLosses([fast, slow]).reducedSpeedMs).toBe(slow.reducedSpeedMs);
  });
});

describe('start-up rejects', () => {
  const inc = (iso: string, counter: CountIncrement['counter'], increment: number): CountIncrement => ({
    ts: at(iso),
    counter,
    increment,
  });
  const base = {
    bucket: interval('2026-06-10T06:00:00Z', '2026-06-10T14:00:00Z'),
    dataUntil: at('2026-06-10T14:00:00Z'),
    staleAfterMs: Number.POSITIVE_INFINITY,
    samples: [
      sample('2026-06-10T05:50:00Z', 'setup'),
      sample('2026-06-10T06:05:00Z', 'running'),
      sample('2026-06-10T09:00:00Z', 'setup'),
      sample('2026-06-10T09:30:00Z', 'idle'),
      sample('2026-06-10T09:40:00Z', 'running'),
    ],
    increments: [
      inc('2026-06-10T06:10:00Z', 'scrap', 4), // 5 min after the first changeover
      inc('2026-06-10T06:12:00Z', 'produced', 40),
      inc('2026-06-10T06:30:00Z', 'scrap', 1), // outside the window
      inc('2026-06-10T09:45:00Z', 'rework', 2), // 15 min after the second changeover
      inc('2026-06-10T11:00:00Z', 'scrap', 3),
    ],
  };

  it('are the scrap and rework counted within the window after a changeover ends', () => {
    expect(countStartupRejects({ ...base, startupWindowMs: 20 * MIN })).toBe(6);
  });

  it('are none when the window is 0, so every reject is a production reject', () => {
    expect(countStartupRejects({ ...base, startupWindowMs: 0 })).toBe(0);
    const losses = sixBigLosses({
      time: WORKED_TIME,
      quantities: toQuantities(100, 10, 0),
      idealCycleTimeMs: 1_000,
      startupRejects: 0,
    });
    expect([losses.startupRejectsMs, losses.productionRejectsMs]).toEqual([0, 10_000]);
  });
});
