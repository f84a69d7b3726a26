import type { CountIncrement } from './counters';
import { toSpan, type Interval } from './interval';

// The 'produced' counter is the total PQ (good + scrap + rework), so GQ = PQ - SQ - RQ.
// GQ is not clipped at 0: counters that disagree show up as a negative GQ and a flag on the
// KPIs, and the raw values keep summing correctly across buckets and machines.
export interface Quantities {
  pq: number;
  gq: number;
  sq: number;
  rq: number;
}

export const ZERO_QUANTITIES: Quantities = Object.freeze({ pq: 0, gq: 0, sq: 0, rq: 0 });

export function toQuantities(produced: number, scrap: number, rework: number): Quantities {
  return { pq: produced, gq: produced - scrap - rework, sq: scrap, rq: rework };
}

export function quantitiesFromIncrements(
  increments: readonly CountIncrement[],
  bucket: Interval,
): Quantities {
  const span = toSpan(bucket, 'bucket');
  let produced = 0;
  let scrap = 0;
  let rework = 0;
  for (const { ts, counter, increment } of increments) {
    const t = ts.getTime();
    if (!(t >= span.start && t < span.end)) continue;
    switch (counter) {
      case 'produced':
        produced += increment;
        break;
      case 'scrap':
        scrap += increment;
        break;
      case 'rework':
        rework += increment;
        break;
    }
  }
  return toQuantities(produced, scrap, rework);
}

export function sumQuantities(list: readonly Quantities[]): Quantities {
  return list.reduce(
    (sum, q) => ({ pq: sum.pq + q.pq, gq: sum.gq + q.gq, sq: sum.sq + q.sq, rq: sum.rq + q.rq }),
    { ...ZERO_QUANTITIES },
  );
}
