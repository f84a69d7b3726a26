// Scales the median absolute deviation to a standard deviation for normally distributed data.
export const MAD_TO_SIGMA = 1.4826;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return quantileOfSorted(sorted, 0.5);
}

// Linear interpolation between order statistics (type 7, as R and numpy default to).
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

// Median and MAD-based spread: one outlier in the window moves neither, unlike mean and stdev.
export function robustSpread(values: readonly number[]): { median: number; sigma: number } {
  const m = median(values);
  const sigma = MAD_TO_SIGMA * median(values.map((v) => Math.abs(v - m)));
  return { median: m, sigma };
}
