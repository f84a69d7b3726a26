import { detectAnomalies, scoreSeries, type AnomalyEvidence } from './anomaly';
import { chooseSeason, hourOfDay, shiftOfDay } from './seasons';
import type { Point } from './series';
import { DAY, gaussian, HOUR, MIN, series, T0 } from './synthetic.spec-helpers';

const STEP = 10 * MIN;
const SIGMA = 0.5;
const shifts = shiftOfDay([
  ['early', 6],
  ['late', 14],
  ['night', 22],
]);
// A compressor: hotter on the early shift, warm on the late one, idle-cool at night.
const shiftLevel = (ts: number): number => ({ early: 66, late: 63, night: 60 })[shifts(ts)] ?? 60;

type FaultKind = 'spike' | 'step' | 'burst';
interface Fault {
  kind: FaultKind;
  from: number;
  to: number;
}

// One labelled series: a clean signal, optionally with one injected fault whose interval is known.
function labelled(
  seed: number,
  seasonal: boolean,
  kind: FaultKind | null,
): { points: Point[]; fault: Fault | null } {
  const noise = gaussian(seed);
  const burstNoise = gaussian(seed + 7_919);
  const from = T0 + 2 * DAY + ((seed * 7) % 48) * HOUR;
  const fault: Fault | null =
    kind === null
      ? null
      : { kind, from, to: from + (kind === 'spike' ? 0 : kind === 'step' ? 2 * HOUR : HOUR) };
  // Fault sizes from the threshold itself to obvious: 5, 7, 9 or 11 σ.
  const size = (5 + 2 * (Math.floor(seed / 4) % 4)) * SIGMA;
  const points = series(T0, T0 + 5 * DAY, STEP, (ts) => {
    const base = (seasonal ? shiftLevel(ts) : 62) + SIGMA * noise();
    if (fault === null || ts < fault.from || ts > fault.to) return base;
    switch (fault.kind) {
      case 'spike':
        return base + size;
      case 'step':
        return base + size;
      case 'burst':
        return base + size * burstNoise();
    }
  });
  return { points, fault };
}

const options = (seasonal: boolean) => ({
  windowMs: 2 * DAY,
  scoreFrom: T0 + 2 * DAY,
  ...(seasonal ? { seasonOf: shifts } : {}),
});

const overlaps = (e: AnomalyEvidence, f: Fault): boolean => e.from <= f.to + STEP && e.to >= f.from;

describe('anomaly detection on labelled series', () => {
  it('finds injected faults and stays quiet on clean series: precision and recall above their floors', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let detected = 0;
    let faults = 0;
    let cleanAlarms = 0;
    const kinds: FaultKind[] = ['spike', 'step', 'burst'];
    for (let seed = 1; seed <= 60; seed++) {
      const seasonal = seed % 2 === 0;
      const kind = seed % 4 === 0 ? null : (kinds[seed % 3] as FaultKind);
      const { points, fault } = labelled(seed, seasonal, kind);
      const episodes = detectAnomalies(points, options(seasonal));
      if (fault === null) {
        cleanAlarms += episodes.length;
        falsePositives += episodes.length;
        continue;
      }
      faults += 1;
      if (episodes.some((e) => overlaps(e, fault))) detected += 1;
      for (const e of episodes) {
        if (overlaps(e, fault)) truePositives += 1;
        else falsePositives += 1;
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = detected / faults;
    // Reported in docs/alarms.md; the floors are what the test guarantees.
    console.info(
      `anomaly detection: ${faults} faults, ${detected} found; ${truePositives} true and ${falsePositives} false episodes; ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    expect(cleanAlarms).toBe(0);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    // Faults of exactly the threshold (5 σ) are found only when the noise helps: most, not all.
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('needs the shift baseline: a night-time fault below the day level is missed without it', () => {
    const { points, fault } = labelled(3, true, 'step');
    const nightFault = { ...fault!, from: T0 + 3 * DAY + 1 * HOUR, to: T0 + 3 * DAY + 3 * HOUR };
    const shifted = points.map((p) =>
      p.ts >= nightFault.from && p.ts <= nightFault.to ? { ...p, value: shiftLevel(p.ts) + 8 * SIGMA } : p,
    );
    const clean = labelled(3, true, null).points;
    const faulty = clean.map((p, i) =>
      shifted[i] && p.ts >= nightFault.from && p.ts <= nightFault.to ? shifted[i] : p,
    );
    const seasonal = detectAnomalies(faulty, options(true));
    const flat = detectAnomalies(faulty, options(false));
    expect(seasonal.filter((e) => overlaps(e, nightFault))).toHaveLength(1);
    expect(flat.filter((e) => overlaps(e, nightFault))).toHaveLength(0);
  });

  it('gives the evidence a planner needs: window, expected range and the observed peak', () => {
    const { points, fault } = labelled(5, false, 'spike');
    const [episode] = detectAnomalies(points, options(false));
    expect(episode).toBeDefined();
    const e = episode!;
    expect(e.from).toBe(fault!.from);
    expect(e.peak.observed).toBeGreaterThan(e.expectedRange.high);
    expect(e.expectedRange.low).toBeLessThan(62);
    expect(e.expectedRange.high).toBeGreaterThan(62);
    expect(Math.abs(e.peak.expected - 62)).toBeLessThan(0.2);
    expect(e.window).toEqual({ from: e.from - 2 * DAY, to: e.from, samples: 288 });
  });

  it('learns an hour-of-day profile and scores only what it has history for', () => {
    const noise = gaussian(11);
    const points = series(
      T0,
      T0 + 8 * DAY,
      HOUR,
      (ts) => 50 + 5 * Math.sin((2 * Math.PI * ts) / DAY) + 0.2 * noise(),
    );
    const scored = scoreSeries(points, { windowMs: 6 * DAY, minSamples: 120, seasonOf: hourOfDay() });
    expect(scored[0]?.ts).toBe(T0 + 120 * HOUR);
    expect(scored.every((p) => !p.anomalous)).toBe(true);
    expect(Math.max(...scored.map((p) => Math.abs(p.value - p.expected)))).toBeLessThan(1.5);
  });

  it('ignores broken readings and a flat signal does not turn rounding into anomalies', () => {
    const points = series(T0, T0 + DAY, STEP, () => 20);
    points.push({ ts: T0 + DAY, value: Number.NaN }, { ts: T0 + DAY + STEP, value: 20.01 });
    expect(detectAnomalies(points, { windowMs: DAY, minSigma: 0.05 })).toEqual([]);
    expect(detectAnomalies(points, { windowMs: DAY })).toHaveLength(1);
  });
});

describe('choosing a season', () => {
  it('models the shifts where the data has them and nothing where it has not', () => {
    const seasonal = labelled(2, true, null).points;
    const flat = labelled(1, false, null).points;
    expect(chooseSeason(seasonal, [hourOfDay(), shifts])).toBeDefined();
    expect(chooseSeason(flat, [hourOfDay(), shifts])).toBeUndefined();
  });
});
