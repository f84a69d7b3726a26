import { rollUp, type KpiResult, type KpiTotals } from '@convergent/shared-util-kpi';
import type { StoredKpi } from './kpi-result.repository';

// A stored machine result back as the summable totals the KPI library rolls up.
export function totalsFromStored(row: StoredKpi): KpiTotals {
  const pbt = row.potMs - row.pdtMs;
  return {
    time: {
      pot: row.potMs,
      pdt: row.pdtMs,
      pbt,
      apt: row.aptMs,
      asut: row.asutMs,
      adet: row.adetMs,
      down: row.downMs,
      idle: row.adetMs - row.downMs,
      unknown: row.unknownMs,
      plannedStopByState: 0,
    },
    quantities: {
      pq: row.producedQuantity,
      sq: row.scrapQuantity,
      rq: row.reworkQuantity,
      gq: row.producedQuantity - row.scrapQuantity - row.reworkQuantity,
    },
    idealProductionMs: row.idealProductionMs,
    idealGoodMs: row.idealGoodMs,
    failures: row.failureCount,
  };
}

export interface RolledUpBucket {
  bucketStart: Date;
  bucketEnd: Date;
  shiftName: string | null;
  result: KpiResult;
  // Final only when every machine's result for the bucket is.
  final: boolean;
  machines: number;
}

// Groups machine results by bucket and rolls each group up (sums of time elements, quantities and
// ideal times, then the formulas; never an average of percentages). Input in bucket order.
export function rollUpByBucket(rows: readonly StoredKpi[]): RolledUpBucket[] {
  const groups = new Map<number, StoredKpi[]>();
  for (const row of rows) {
    const key = row.bucketStart.getTime();
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as StoredKpi;
    return {
      bucketStart: first.bucketStart,
      bucketEnd: first.bucketEnd,
      shiftName: first.shiftName,
      result: rollUp(group.map(totalsFromStored)),
      final: group.every((row) => row.final),
      machines: group.length,
    };
  });
}
