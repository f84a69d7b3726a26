import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { computeKpis } from './kpis';
import { toQuantities } from './quantities';
import { MIN, quantitiesArb, timeArb, WORKED_QUANTITIES, WORKED_TIME } from './spec-helpers';
import { ZERO_TIME_ELEMENTS, type TimeElements } from './time-elements';

const percent = (value: number | null): string | null => (value === null ? null : (value * 100).toFixed(2));

describe('KPIs', () => {
  it("reproduce KPI.md's worked example: 90.48 %, 92.11 %, 97.50 %, OEE 81.25 %", () => {
    const kpis = computeKpis(WORKED_TIME, WORKED_QUANTITIES, 1_500);
    expect(percent(kpis.availability)).toBe('90.48');
    expect(percent(kpis.effectiveness)).toBe('92.11');
    expect(percent(kpis.quality)).toBe('97.50');
    expect(percent(kpis.oee)).toBe('81.25');
    expect(kpis.oee).toBeCloseTo(20_475 / 25_200, 12);
    expect(kpis.technicalEfficiency).toBeCloseTo(380 / 405, 12);
    expect(kpis.setupRate).toBeCloseTo(15 / 395, 12);
    expect(kpis.scrapRatio).toBeCloseTo(0.025, 12);
    expect(kpis.reworkRatio).toBe(0);
    expect(kpis.unknownShare).toBe(0);
    expect(kpis.effectivenessAboveOne).toBe(false);
  });

  it('report "not applicable" (null), never 0 or NaN, when there is nothing to divide by', () => {
    const kpis = computeKpis(ZERO_TIME_ELEMENTS, toQuantities(0, 0, 0), 1_500);
    expect(kpis).toEqual({
      availability: null,
      effectiveness: null,
      quality: null,
      oee: null,
      technicalEfficiency: null,
      setupRate: null,
      scrapRatio: null,
      reworkRatio: null,
      unknownShare: null,
      mtbfMs: null,
      mttrMs: null,
      effectivenessAboveOne: false,
      goodQuantityNegative: false,
      idealCycleTimeMissing: false,
    });
  });

  it('give OEE 0, not null, to a machine that was planned but stood still all shift', () => {
    const idle: TimeElements = {
      ...ZERO_TIME_ELEMENTS,
      pot: 480 * MIN,
      pbt: 480 * MIN,
      adet: 480 * MIN,
      idle: 480 * MIN,
    };
    const kpis = computeKpis(idle, toQuantities(0, 0, 0), 1_500);
    expect([kpis.availability, kpis.oee, kpis.effectiveness, kpis.quality]).toEqual([0, 0, null, null]);
  });

  it('keep effectiveness above 100 % when the ideal cycle time is set too high, and flag it', () => {
    const kpis = computeKpis(WORKED_TIME, WORKED_QUANTITIES, 2_000);
    expect(kpis.effectiveness).toBeCloseTo(28_000 / 22_800, 12);
    expect(kpis.effectivenessAboveOne).toBe(true);
  });

  it('leave effectiveness and OEE empty, and say why, when parts were counted without an ideal cycle time', () => {
    const kpis = computeKpis(WORKED_TIME, WORKED_QUANTITIES, null);
    expect([kpis.effectiveness, kpis.oee, kpis.idealCycleTimeMissing]).toEqual([null, null, true]);
    expect(kpis.availability).toBeCloseTo(380 / 420, 12);
  });

  it('flag counters that disagree instead of clipping quality', () => {
    const kpis = computeKpis(WORKED_TIME, toQuantities(100, 120, 0), 1_500);
    expect(kpis.goodQuantityNegative).toBe(true);
    expect(kpis.quality).toBeCloseTo(-0.2, 12);
  });

  it('derive MTBF and MTTR from failures, null when there were none', () => {
    expect(computeKpis(WORKED_TIME, WORKED_QUANTITIES, 1_500, 5)).toMatchObject({
      mtbfMs: 76 * MIN,
      mttrMs: 5 * MIN,
    });
    expect(computeKpis(WORKED_TIME, WORKED_QUANTITIES, 1_500, 0)).toMatchObject({
      mtbfMs: null,
      mttrMs: null,
    });
  });

  it('rejects a nonsensical ideal cycle time', () => {
    expect(() => computeKpis(WORKED_TIME, WORKED_QUANTITIES, 0)).toThrow(RangeError);
    expect(() => computeKpis(WORKED_TIME, WORKED_QUANTITIES, Number.NaN)).toThrow(RangeError);
  });

  it('always has OEE = PRU x GQ / PBT = A x E x Q, and nothing negative (property)', () => {
    fc.assert(
      fc.property(timeArb, quantitiesArb, fc.integer({ min: 100, max: 60_000 }), (time, q, pru) => {
        const k = computeKpis(time, q, pru);
        if (time.pbt === 0) {
          expect(k.oee).toBeNull();
        } else {
          expect(k.oee).toBeCloseTo((pru * q.gq) / time.pbt, 9);
        }
        if (k.availability !== null && k.effectiveness !== null && k.quality !== null) {
          expect(k.oee).toBeCloseTo(k.availability * k.effectiveness * k.quality, 9);
        }
        const numbers = Object.values(k).filter((v): v is number => typeof v === 'number');
        expect(numbers.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
        expect(k.availability ?? 0).toBeLessThanOrEqual(1);
        expect(k.quality ?? 0).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
