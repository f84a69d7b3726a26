// Which sensor metrics the machine page charts, kept in the address bar (?metrics=a,b) so a view
// can be shared and survives a reload. Without a choice: all of them, or the first few of many.
export const DEFAULT_METRICS_SHOWN = 6;

const PARAM = 'metrics';

// null: no choice made (the default applies). Metric names are the gateway's: they may hold
// dots but no commas (the contracts allow A-Z a-z 0-9 . _ -).
export function parseMetricChoice(search: URLSearchParams): string[] | null {
  const raw = search.get(PARAM);
  if (raw === null) return null;
  return raw.split(',').filter((m) => m.length > 0);
}

export function withMetricChoice(search: URLSearchParams, chosen: readonly string[] | null): URLSearchParams {
  const next = new URLSearchParams(search);
  if (chosen === null) next.delete(PARAM);
  else next.set(PARAM, chosen.join(','));
  return next;
}

// The metrics to chart, in the order the API lists them. A chosen metric without readings in
// the range is not charted (there is nothing to draw) but stays chosen for the next range.
export function shownMetrics(available: readonly string[], chosen: readonly string[] | null): string[] {
  if (chosen === null) return available.slice(0, DEFAULT_METRICS_SHOWN);
  const wanted = new Set(chosen);
  return available.filter((m) => wanted.has(m));
}

// Ticking a box: the new choice, starting from what is on screen when nothing was chosen yet.
export function toggleMetric(
  available: readonly string[],
  chosen: readonly string[] | null,
  metric: string,
): string[] {
  const current = chosen ?? shownMetrics(available, null);
  return current.includes(metric) ? current.filter((m) => m !== metric) : [...current, metric];
}
