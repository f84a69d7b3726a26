export interface Point {
  // Epoch milliseconds.
  ts: number;
  value: number;
}

// Finite points in time order; a NaN reading or a duplicate timestamp is a sensor's problem, not a
// baseline's.
export function cleanSeries(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of [...points].sort((a, b) => a.ts - b.ts)) {
    if (!Number.isFinite(p.ts) || !Number.isFinite(p.value)) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.ts === p.ts) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}
