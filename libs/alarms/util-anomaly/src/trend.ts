import { median, quantileOfSorted, MAD_TO_SIGMA } from './robust-stats';
import { cleanSeries, type Point } from './series';

const HOUR = 3_600_000;

export interface TheilSenFit {
  // Units per hour, with the confidence band of the slope (Sen 1968).
  slope: number;
  slopeLow: number;
  slopeHigh: number;
  // The fitted value at `at` (the last point's time), and its standard error.
  level: number;
  levelSe: number;
  at: number;
  n: number;
}

// Two-sided normal quantile for the confidence band: 1.96 for 95 %.
const DEFAULT_Z = 1.96;
// Pairwise slopes are O(n²): longer series are reduced to bin medians first.
const MAX_POINTS = 240;

function reduce(series: Point[], maxPoints: number): Point[] {
  if (series.length <= maxPoints) return series;
  const out: Point[] = [];
  const per = series.length / maxPoints;
  for (let b = 0; b < maxPoints; b++) {
    const bin = series.slice(Math.floor(b * per), Math.floor((b + 1) * per));
    if (bin.length === 0) continue;
    out.push({ ts: median(bin.map((p) => p.ts)), value: median(bin.map((p) => p.value)) });
  }
  return out;
}

// Theil–Sen: the median of all pairwise slopes. A spike or a dropout barely moves it, where least
// squares would tilt toward it.
export function theilSen(points: readonly Point[], z = DEFAULT_Z): TheilSenFit | null {
  const series = reduce(cleanSeries(points), MAX_POINTS);
  const n = series.length;
  if (n < 3) return null;
  const at = (series[n - 1] as Point).ts;
  const xs = series.map((p) => (p.ts - at) / HOUR);
  const ys = series.map((p) => p.value);
  const slopes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = (xs[j] as number) - (xs[i] as number);
      if (dx > 0) slopes.push(((ys[j] as number) - (ys[i] as number)) / dx);
    }
  }
  slopes.sort((a, b) => a - b);
  const pairs = slopes.length;
  const slope = quantileOfSorted(slopes, 0.5);
  const c = z * Math.sqrt((n * (n - 1) * (2 * n + 5)) / 18);
  const lowRank = Math.max(0, Math.floor((pairs - c) / 2) - 1);
  const highRank = Math.min(pairs - 1, Math.ceil((pairs + c) / 2) - 1);
  const residuals = ys.map((y, i) => y - slope * (xs[i] as number));
  const level = median(residuals);
  // Standard error of a median: 1.2533 σ / √n, σ from the residuals' MAD.
  const sigma = MAD_TO_SIGMA * median(residuals.map((r) => Math.abs(r - level)));
  return {
    slope,
    slopeLow: slopes[lowRank] as number,
    slopeHigh: slopes[highRank] as number,
    level,
    levelSe: (1.2533 * sigma) / Math.sqrt(n),
    at,
    n,
  };
}

export interface Limit {
  metric: string;
  value: number;
  // 'above': the alarm fires when the metric rises past value; 'below' when it falls under it.
  direction: 'above' | 'below';
}

export interface CrossingEstimate {
  limit: Limit;
  // Epoch milliseconds: the most likely crossing and the band it falls in.
  at: number;
  earliest: number;
  latest: number;
  fit: TheilSenFit;
}

export interface CrossingOptions {
  // Only crossings within this horizon after the last point are reported.
  horizonMs: number;
  minSamples?: number;
  z?: number;
}

// When the trend reaches the limit, or null when it does not head there with confidence (the
// slope band includes zero or points away) or would only arrive beyond the horizon.
export function estimateCrossing(
  points: readonly Point[],
  limit: Limit,
  options: CrossingOptions,
): CrossingEstimate | null {
  if (points.length < (options.minSamples ?? 12)) return null;
  const z = options.z ?? DEFAULT_Z;
  const fit = theilSen(points, z);
  if (fit === null) return null;
  // Work as if every limit were an upper one: mirror the values for a lower limit.
  const sign = limit.direction === 'above' ? 1 : -1;
  const gap = sign * (limit.value - fit.level);
  const slow = sign === 1 ? fit.slopeLow : -fit.slopeHigh;
  const fast = sign === 1 ? fit.slopeHigh : -fit.slopeLow;
  const likely = sign * fit.slope;
  // Already past the limit: that is the alarm rule's job, not a forecast's.
  if (gap <= 0 || slow <= 0 || likely <= 0) return null;
  const hours = gap / likely;
  const earliestHours = Math.max(0, (gap - z * fit.levelSe) / fast);
  const latestHours = (gap + z * fit.levelSe) / slow;
  if (hours * HOUR > options.horizonMs) return null;
  return {
    limit,
    at: fit.at + hours * HOUR,
    earliest: fit.at + earliestHours * HOUR,
    latest: fit.at + latestHours * HOUR,
    fit,
  };
}

function formatHours(ms: number): string {
  const hours = ms / HOUR;
  if (hours >= 48) return `${Math.round(hours / 24)} days`;
  if (hours >= 1) return `${Math.round(hours)} h`;
  return `${Math.max(1, Math.round(hours * 60))} min`;
}

// "bearing_temp reaches 90 °C in about 36 h (between 31 h and 42 h)".
export function describeCrossing(estimate: CrossingEstimate, now: number, unit = ''): string {
  const { limit } = estimate;
  const verb = limit.direction === 'above' ? 'reaches' : 'falls to';
  const value = `${Number(limit.value.toPrecision(6))}${unit ? ` ${unit}` : ''}`;
  return (
    `${limit.metric} ${verb} ${value} in about ${formatHours(estimate.at - now)} ` +
    `(between ${formatHours(estimate.earliest - now)} and ${formatHours(estimate.latest - now)})`
  );
}
