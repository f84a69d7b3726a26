import type { Quantities } from './quantities';
import type { TimeElements } from './time-elements';

// Ratios are plain fractions (0.9048, not 90.48) and are never rounded here: rounding is
// presentation, and rounded values would no longer roll up.
export interface Kpis {
  availability: number | null;
  effectiveness: number | null;
  quality: number | null;
  oee: number | null;
  technicalEfficiency: number | null;
  setupRate: number | null;
  scrapRatio: number | null;
  reworkRatio: number | null;
  unknownShare: number | null;
  mtbfMs: number | null;
  mttrMs: number | null;
  // PRU set too high (or counts too high): effectiveness is reported as is, never clipped.
  effectivenessAboveOne: boolean;
  // Scrap + rework exceed produced: the counters disagree.
  goodQuantityNegative: boolean;
  // Parts were counted but no ideal cycle time is known, so effectiveness and OEE are null.
  idealCycleTimeMissing: boolean;
}

// What roll-ups add up. Ideal times are PRU x quantity, summed per machine (or per product run)
// before dividing, which is how OEE is weighted by PRU across machines.
export interface KpiTotals {
  time: TimeElements;
  quantities: Quantities;
  idealProductionMs: number | null;
  idealGoodMs: number | null;
  // null when any contributor did not count failures.
  failures: number | null;
}

// A zero denominator means "not applicable" (no planned time, nothing produced), which is
// different from 0 %; null keeps NaN and Infinity out of charts and JSON.
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function assertIdealCycleTime(idealCycleTimeMs: number | null): void {
  if (idealCycleTimeMs === null) return;
  if (!Number.isFinite(idealCycleTimeMs) || idealCycleTimeMs <= 0) {
    throw new RangeError('idealCycleTimeMs must be a positive number or null');
  }
}

// No parts means no ideal time, whatever the PRU: a planned machine that made nothing has OEE 0,
// not "unknown".
export function idealTimeMs(idealCycleTimeMs: number | null, quantity: number): number | null {
  if (quantity === 0) return 0;
  return idealCycleTimeMs === null ? null : idealCycleTimeMs * quantity;
}

export function machineTotals(
  time: TimeElements,
  quantities: Quantities,
  idealCycleTimeMs: number | null,
  failures: number | null = null,
): KpiTotals {
  assertIdealCycleTime(idealCycleTimeMs);
  return {
    time,
    quantities,
    idealProductionMs: idealTimeMs(idealCycleTimeMs, quantities.pq),
    idealGoodMs: idealTimeMs(idealCycleTimeMs, quantities.gq),
    failures,
  };
}

export function kpisFromTotals(totals: KpiTotals): Kpis {
  const { time, quantities: q, idealProductionMs, idealGoodMs, failures } = totals;
  const effectiveness = idealProductionMs === null ? null : ratio(idealProductionMs, time.apt);
  return {
    availability: ratio(time.apt, time.pbt),
    effectiveness,
    quality: ratio(q.gq, q.pq),
    // PRU x GQ / PBT rather than A x E x Q: identical when all three exist, and still defined
    // (0) when the machine never ran or counted nothing during planned busy time.
    oee: idealGoodMs === null ? null : ratio(idealGoodMs, time.pbt),
    technicalEfficiency: ratio(time.apt, time.apt + time.adet),
    setupRate: ratio(time.asut, time.asut + time.apt),
    scrapRatio: ratio(q.sq, q.pq),
    reworkRatio: ratio(q.rq, q.pq),
    unknownShare: ratio(time.unknown, time.pot),
    mtbfMs: failures === null ? null : ratio(time.apt, failures),
    mttrMs: failures === null ? null : ratio(time.down, failures),
    effectivenessAboveOne: effectiveness !== null && effectiveness > 1,
    goodQuantityNegative: q.gq < 0,
    idealCycleTimeMissing: idealProductionMs === null || idealGoodMs === null,
  };
}

export function computeKpis(
  time: TimeElements,
  q: Quantities,
  idealCycleTimeMs: number | null,
  failures: number | null = null,
): Kpis {
  return kpisFromTotals(machineTotals(time, q, idealCycleTimeMs, failures));
}
