import type { KpiBucket } from './operations';

export type BucketTimes = Pick<
  KpiBucket,
  | 'availability'
  | 'effectiveness'
  | 'quality'
  | 'oee'
  | 'plannedBusyTimeMs'
  | 'runTimeMs'
  | 'producedQuantity'
  | 'scrapQuantity'
  | 'reworkQuantity'
>;

export interface KpiTotals {
  plannedBusyTimeMs: number;
  runTimeMs: number;
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

// Σ (ratio × denominator): the numerator the server divided, recovered per bucket. A bucket with
// nothing to divide by adds nothing; a bucket that has a denominator but no ratio (no ideal cycle
// time) makes the total unknown rather than silently better.
function sumNumerators(
  buckets: readonly BucketTimes[],
  pick: (b: BucketTimes) => [number | null, number],
): number | null {
  let sum = 0;
  for (const bucket of buckets) {
    const [value, denominator] = pick(bucket);
    if (denominator === 0) continue;
    if (value === null) return null;
    sum += value * denominator;
  }
  return sum;
}

// ISO 22400-2 over several hours: sum the time elements and quantities, then divide. Averaging
// the hourly percentages would weight a 10-minute hour like a full one.
// Ideal times are recovered as ratio × denominator because KpiBucket does not carry them; parts
// counted in an hour with no planned busy time (a calendar break) are lost that way and the
// server's own roll-up is the reference.
export function totalKpis(buckets: readonly BucketTimes[]): KpiTotals {
  let plannedBusyTimeMs = 0;
  let runTimeMs = 0;
  let producedQuantity = 0;
  let goodQuantity = 0;
  for (const b of buckets) {
    plannedBusyTimeMs += b.plannedBusyTimeMs;
    runTimeMs += b.runTimeMs;
    producedQuantity += b.producedQuantity;
    // 'produced' is the total quantity: good = produced - scrap - rework.
    goodQuantity += b.producedQuantity - b.scrapQuantity - b.reworkQuantity;
  }
  const idealProductionMs = sumNumerators(buckets, (b) => [b.effectiveness, b.runTimeMs]);
  const idealGoodMs = sumNumerators(buckets, (b) => [b.oee, b.plannedBusyTimeMs]);
  return {
    plannedBusyTimeMs,
    runTimeMs,
    producedQuantity,
    goodQuantity,
    availability: ratio(runTimeMs, plannedBusyTimeMs),
    effectiveness: idealProductionMs === null ? null : ratio(idealProductionMs, runTimeMs),
    quality: ratio(goodQuantity, producedQuantity),
    oee: idealGoodMs === null ? null : ratio(idealGoodMs, plannedBusyTimeMs),
  };
}
