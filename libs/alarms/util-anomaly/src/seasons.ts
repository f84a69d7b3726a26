import { median, robustSpread } from './robust-stats';
import type { Point } from './series';

// A season is a label for a point's time: points of the same label share a baseline level. A
// compressor runs hotter on the day shift than at night; comparing a night reading with the
// daily median would flag every night.
export type SeasonOf = (ts: number) => string;

// Hour of day at a fixed UTC offset (minutes east of UTC). Plant time zones with daylight saving
// pass their own SeasonOf built from the shift calendar instead.
export function hourOfDay(utcOffsetMinutes = 0): SeasonOf {
  return (ts) => String(new Date(ts + utcOffsetMinutes * 60_000).getUTCHours());
}

// Shifts given as [label, startHour] pairs in local hours, e.g. [['early', 6], ['late', 14], ['night', 22]].
export function shiftOfDay(shifts: ReadonlyArray<readonly [string, number]>, utcOffsetMinutes = 0): SeasonOf {
  if (shifts.length === 0) throw new Error('shiftOfDay needs at least one shift');
  const ordered = [...shifts].sort((a, b) => a[1] - b[1]);
  const last = ordered[ordered.length - 1];
  return (ts) => {
    const date = new Date(ts + utcOffsetMinutes * 60_000);
    const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
    // Before the first shift's start the previous day's last shift is still running.
    let label = last?.[0] ?? '';
    for (const [name, start] of ordered) if (hour >= start) label = name;
    return label;
  };
}

export function valuesBySeason(points: readonly Point[], seasonOf: SeasonOf): Map<string, number[]> {
  const bySeason = new Map<string, number[]>();
  for (const p of points) {
    const key = seasonOf(p.ts);
    const values = bySeason.get(key);
    if (values) values.push(p.value);
    else bySeason.set(key, [p.value]);
  }
  return bySeason;
}

// How much of the series' spread the seasons explain: 1 − (spread within seasons / overall
// spread)², with robust spreads. Near 0 for a flat or random series, near 1 when the level is
// set by the time of day.
export function seasonalStrength(points: readonly Point[], seasonOf: SeasonOf, minSeasonSamples = 5): number {
  const bySeason = valuesBySeason(points, seasonOf);
  if ([...bySeason.values()].some((v) => v.length < minSeasonSamples) || bySeason.size < 2) return 0;
  const levels = new Map([...bySeason].map(([key, values]) => [key, median(values)]));
  const overall = robustSpread(points.map((p) => p.value)).sigma;
  if (overall === 0) return 0;
  const within = robustSpread(points.map((p) => p.value - (levels.get(seasonOf(p.ts)) ?? 0))).sigma;
  return Math.max(0, 1 - (within / overall) ** 2);
}

// The candidate season that explains the series best, when it explains enough of it; undefined
// when the data has no season worth modelling (then a flat baseline is the better one).
export function chooseSeason(
  points: readonly Point[],
  candidates: readonly SeasonOf[],
  minStrength = 0.5,
): SeasonOf | undefined {
  let best: { season: SeasonOf; strength: number } | undefined;
  for (const season of candidates) {
    const strength = seasonalStrength(points, season);
    if (strength >= minStrength && (best === undefined || strength > best.strength))
      best = { season, strength };
  }
  return best?.season;
}
