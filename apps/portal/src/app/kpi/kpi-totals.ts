import type { KpiBucket } from '../api/operations';

export type BucketTimes = Pick<
  KpiBucket,
  | 'effectiveness'
  | 'idealProductionMs'
  | 'idealGoodMs'
  | 'plannedBusyTimeMs'
  | 'runTimeMs'
  | 'unknownTimeMs'
  | 'producedQuantity'
  | 'scrapQuantity'
  | 'reworkQuantity'
>;

export interface KpiTotals {
  plannedBusyTimeMs: number;
  runTimeMs: number;
  // Planned busy time with no trustworthy machine state; part of plannedBusyTimeMs.
  unknownTimeMs: number;
  producedQuantity: number;
  goodQuantity: number;
  availability: number | null;
  effectiveness: number | null;
  quality: number | null;
  oee: number | null;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

// Parts but no ideal time: the machine had no ideal cycle time. The API then sends 0 ideal
// times and a null effectiveness (unless there was no run time to divide by).
function idealCycleTimeMissing(b: BucketTimes): boolean {
  return (
    b.producedQuantity > 0 && (b.idealProductionMs === 0 || (b.effectiveness === null && b.runTimeMs > 0))
  );
}

// ISO 22400-2 over several hours: sum the time elements, quantities and ideal times, then divide,
// as the API's roll-up does. Percentages are never averaged: that would weight a 10-minute hour
// like a full one. One hour with parts but no ideal cycle time makes performance and OEE
// unknown; leaving it out would make them silently better.
export function totalKpis(buckets: readonly BucketTimes[]): KpiTotals {
  let plannedBusyTimeMs = 0;
  let runTimeMs = 0;
  let unknownTimeMs = 0;
  let producedQuantity = 0;
  let goodQuantity = 0;
  let idealProductionMs = 0;
  let idealGoodMs = 0;
  let idealTimeKnown = true;
  for (const b of buckets) {
    plannedBusyTimeMs += b.plannedBusyTimeMs;
    runTimeMs += b.runTimeMs;
    unknownTimeMs += b.unknownTimeMs;
    producedQuantity += b.producedQuantity;
    // 'produced' is the total quantity: good = produced - scrap - rework.
    goodQuantity += b.producedQuantity - b.scrapQuantity - b.reworkQuantity;
    idealProductionMs += b.idealProductionMs;
    idealGoodMs += b.idealGoodMs;
    if (idealCycleTimeMissing(b)) idealTimeKnown = false;
  }
  return {
    plannedBusyTimeMs,
    runTimeMs,
    unknownTimeMs,
    producedQuantity,
    goodQuantity,
    availability: ratio(runTimeMs, plannedBusyTimeMs),
    effectiveness: idealTimeKnown ? ratio(idealProductionMs, runTimeMs) : null,
    quality: ratio(goodQuantity, producedQuantity),
    oee: idealTimeKnown ? ratio(idealGoodMs, plannedBusyTimeMs) : null,
  };
}
