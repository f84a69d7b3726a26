import { median, robustSpread } from './robust-stats';
import { cleanSeries, type Point } from './series';
import { valuesBySeason, type SeasonOf } from './seasons';

export interface AnomalyOptions {
  // The sliding window the baseline is learned from, ending just before the scored point.
  windowMs: number;
  // Robust z-score above which a point is anomalous.
  threshold?: number;
  // Fewer points than this in the window: not enough history to judge, the point is not scored.
  minSamples?: number;
  // Seasonal baseline: each season's level is learned separately where it has minSeasonSamples.
  seasonOf?: SeasonOf;
  minSeasonSamples?: number;
  // Anomalous points separated by at most this many normal points form one episode.
  mergeGap?: number;
  // Only points at or after this time are scored (the window still reaches back before it).
  scoreFrom?: number;
  // A floor on the spread, in the metric's units, so a perfectly flat signal does not make every
  // rounding step infinitely surprising.
  minSigma?: number;
}

export interface ScoredPoint extends Point {
  expected: number;
  sigma: number;
  score: number;
  anomalous: boolean;
  // How many points the baseline was learned from.
  windowSamples: number;
}

// What a maintenance planner needs to judge a warning: when, what was seen, what was expected,
// and what the expectation was learned from.
export interface AnomalyEvidence {
  from: number;
  to: number;
  points: number;
  peak: { ts: number; observed: number; expected: number; score: number };
  expectedRange: { low: number; high: number };
  window: { from: number; to: number; samples: number };
  season: string | null;
}

export const DEFAULT_THRESHOLD = 5;
const DEFAULT_MIN_SAMPLES = 30;
const DEFAULT_MIN_SEASON_SAMPLES = 5;
const DEFAULT_MERGE_GAP = 2;

interface Baseline {
  expected: number;
  sigma: number;
}

function baselineOf(window: readonly Point[], at: number, options: AnomalyOptions): Baseline {
  const seasonOf = options.seasonOf;
  if (seasonOf === undefined) {
    const { median: m, sigma } = robustSpread(window.map((p) => p.value));
    return { expected: m, sigma };
  }
  // Level per season, then one spread from the residuals of all seasons: a season with few
  // samples still gets a sound spread, and the level falls back to the overall median.
  const minSeason = options.minSeasonSamples ?? DEFAULT_MIN_SEASON_SAMPLES;
  const bySeason = valuesBySeason(window, seasonOf);
  const overall = median(window.map((p) => p.value));
  const levels = new Map<string, number>();
  for (const [key, values] of bySeason)
    levels.set(key, values.length >= minSeason ? median(values) : overall);
  const level = (ts: number): number => levels.get(seasonOf(ts)) ?? overall;
  const { median: offset, sigma } = robustSpread(window.map((p) => p.value - level(p.ts)));
  return { expected: level(at) + offset, sigma };
}

// Scores every point against a robust baseline (median and MAD) of the window before it, and
// groups anomalous points into episodes. Pure and deterministic: the worker re-runs it over the
// recent window on every scan.
export function scoreSeries(points: readonly Point[], options: AnomalyOptions): ScoredPoint[] {
  const series = cleanSeries(points);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minSamples = options.minSamples ?? DEFAULT_MIN_SAMPLES;
  const scoreFrom = options.scoreFrom ?? Number.NEGATIVE_INFINITY;
  const out: ScoredPoint[] = [];
  let start = 0;
  series.forEach((p, i) => {
    while (start < i && (series[start]?.ts ?? 0) < p.ts - options.windowMs) start += 1;
    if (p.ts < scoreFrom || i - start < minSamples) return;
    const { expected, sigma: raw } = baselineOf(series.slice(start, i), p.ts, options);
    const sigma = Math.max(raw, options.minSigma ?? 0, Number.EPSILON * Math.max(1, Math.abs(expected)));
    const score = Math.abs(p.value - expected) / sigma;
    out.push({ ...p, expected, sigma, score, anomalous: score > threshold, windowSamples: i - start });
  });
  return out;
}

export function detectAnomalies(points: readonly Point[], options: AnomalyOptions): AnomalyEvidence[] {
  const scored = scoreSeries(points, options);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const mergeGap = options.mergeGap ?? DEFAULT_MERGE_GAP;
  const episodes: ScoredPoint[][] = [];
  let current: ScoredPoint[] = [];
  let normalsSince = 0;
  for (const p of scored) {
    if (p.anomalous) {
      current.push(p);
      normalsSince = 0;
    } else if (current.length > 0 && ++normalsSince > mergeGap) {
      episodes.push(current);
      current = [];
    }
  }
  if (current.length > 0) episodes.push(current);
  return episodes.map((episode) => evidenceOf(episode, threshold, options));
}

function evidenceOf(episode: ScoredPoint[], threshold: number, options: AnomalyOptions): AnomalyEvidence {
  const first = episode[0] as ScoredPoint;
  const last = episode[episode.length - 1] as ScoredPoint;
  const peak = episode.reduce((a, b) => (b.score > a.score ? b : a), first);
  return {
    from: first.ts,
    to: last.ts,
    points: episode.length,
    peak: { ts: peak.ts, observed: peak.value, expected: peak.expected, score: peak.score },
    expectedRange: {
      low: peak.expected - threshold * peak.sigma,
      high: peak.expected + threshold * peak.sigma,
    },
    window: { from: first.ts - options.windowMs, to: first.ts, samples: first.windowSamples },
    season: options.seasonOf ? options.seasonOf(peak.ts) : null,
  };
}
