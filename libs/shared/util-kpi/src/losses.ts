import type { CountIncrement } from './counters';
import { normalizeSpans, toSpan, type Span } from './interval';
import { assertIdealCycleTime, idealTimeMs } from './kpis';
import type { Quantities } from './quantities';
import { assertInstant, timelineSpans, type ObservedState } from './state-timeline';
import type { TimeElements, TimeElementsInput } from './time-elements';

// The loss waterfall, in milliseconds, from PBT down to fully productive time:
// pbt - breakdowns - setup - minorStops - unknown = apt
// apt - reducedSpeed = PRU x PQ
// PRU x PQ - startupRejects - productionRejects = PRU x GQ = fullyProductive
export interface SixBigLosses {
  breakdownsMs: number;
  setupMs: number;
  minorStopsMs: number;
  reducedSpeedMs: number | null;
  startupRejectsMs: number | null;
  productionRejectsMs: number | null;
  // Not a loss class; shown so the waterfall closes and unknown time is never hidden.
  unknownMs: number;
  fullyProductiveMs: number | null;
  // Ideal production time exceeds APT (PRU too high): reduced speed is floored at 0.
  speedAboveIdeal: boolean;
}

export interface SixBigLossesInput {
  time: TimeElements;
  quantities: Quantities;
  idealCycleTimeMs: number | null;
  // Scrap + rework counted as start-up rejects; see countStartupRejects.
  startupRejects: number;
}

export function sixBigLosses(input: SixBigLossesInput): SixBigLosses {
  const { time, quantities: q, idealCycleTimeMs } = input;
  assertIdealCycleTime(idealCycleTimeMs);
  const rejects = q.sq + q.rq;
  const startup = Math.min(Math.max(input.startupRejects, 0), Math.max(rejects, 0));
  const idealProduction = idealTimeMs(idealCycleTimeMs, q.pq);
  const speedGap = idealProduction === null ? null : time.apt - idealProduction;
  return {
    breakdownsMs: time.down,
    setupMs: time.asut,
    minorStopsMs: time.idle,
    reducedSpeedMs: speedGap === null ? null : Math.max(speedGap, 0),
    startupRejectsMs: idealTimeMs(idealCycleTimeMs, startup),
    productionRejectsMs: idealTimeMs(idealCycleTimeMs, rejects - startup),
    unknownMs: time.unknown,
    fullyProductiveMs: idealTimeMs(idealCycleTimeMs, q.gq),
    speedAboveIdeal: speedGap !== null && speedGap < 0,
  };
}

function addNullable(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

// Reduced speed is floored per machine before summing: one machine running faster than its PRU
// must not hide another machine's speed loss.
export function sumLosses(list: readonly SixBigLosses[]): SixBigLosses {
  return list.reduce<SixBigLosses>(
    (sum, l) => ({
      breakdownsMs: sum.breakdownsMs + l.breakdownsMs,
      setupMs: sum.setupMs + l.setupMs,
      minorStopsMs: sum.minorStopsMs + l.minorStopsMs,
      reducedSpeedMs: addNullable(sum.reducedSpeedMs, l.reducedSpeedMs),
      startupRejectsMs: addNullable(sum.startupRejectsMs, l.startupRejectsMs),
      productionRejectsMs: addNullable(sum.productionRejectsMs, l.productionRejectsMs),
      unknownMs: sum.unknownMs + l.unknownMs,
      fullyProductiveMs: addNullable(sum.fullyProductiveMs, l.fullyProductiveMs),
      speedAboveIdeal: sum.speedAboveIdeal || l.speedAboveIdeal,
    }),
    {
      breakdownsMs: 0,
      setupMs: 0,
      minorStopsMs: 0,
      reducedSpeedMs: 0,
      startupRejectsMs: 0,
      productionRejectsMs: 0,
      unknownMs: 0,
      fullyProductiveMs: 0,
      speedAboveIdeal: false,
    },
  );
}

export interface StartupRejectsInput extends Pick<
  TimeElementsInput,
  'bucket' | 'samples' | 'dataUntil' | 'staleAfterMs'
> {
  increments: readonly CountIncrement[];
  // Rejects within this long after a setup ends are start-up rejects; 0 turns the split off.
  startupWindowMs: number;
}

// A setup ends when the machine next reports a known state other than setup (unknown gaps in
// between do not end it). Scrap and rework dated in [setupEnd, setupEnd + window) and inside
// the bucket are start-up rejects. Pass samples from at least one window before the bucket so
// a setup that ended just before it is seen.
export function countStartupRejects(input: StartupRejectsInput): number {
  const bucket = toSpan(input.bucket, 'bucket');
  const window = input.startupWindowMs;
  if (!Number.isFinite(window) || window < 0)
    throw new RangeError('startupWindowMs must be a finite number >= 0');
  if (window === 0) return 0;
  const earliest = input.samples.reduce((min, s) => {
    const t = s.ts.getTime();
    return Number.isFinite(t) ? Math.min(min, t) : min;
  }, bucket.start);
  const timeline = timelineSpans(
    input.samples,
    { start: earliest, end: bucket.end },
    assertInstant(input.dataUntil, 'dataUntil'),
    input.staleAfterMs,
  );
  const windows: Span[] = [];
  let lastKnown: ObservedState | null = null;
  for (const segment of timeline) {
    if (segment.state === 'unknown') continue;
    if (lastKnown === 'setup' && segment.state !== 'setup') {
      windows.push({ start: segment.start, end: segment.start + window });
    }
    lastKnown = segment.state;
  }
  const merged = normalizeSpans(windows);
  let rejects = 0;
  for (const { ts, counter, increment } of input.increments) {
    const t = ts.getTime();
    if (!(t >= bucket.start && t < bucket.end)) continue;
    if (!merged.some((w) => w.start <= t && t < w.end)) continue;
    switch (counter) {
      case 'scrap':
      case 'rework':
        rejects += increment;
        break;
      case 'produced':
        break;
    }
  }
  return rejects;
}
