// Generated series for the specs only; not exported from index.ts.
import type { Point } from './series';

export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 5, 1);

// Seeded standard normal noise (Box–Muller over a 32-bit LCG): the same seed gives the same series.
export function gaussian(seed: number): () => number {
  let state = seed >>> 0 || 1;
  const uniform = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return (state + 0.5) / 4_294_967_296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

export function series(from: number, to: number, stepMs: number, valueAt: (ts: number) => number): Point[] {
  const out: Point[] = [];
  for (let ts = from; ts < to; ts += stepMs) out.push({ ts, value: valueAt(ts) });
  return out;
}
