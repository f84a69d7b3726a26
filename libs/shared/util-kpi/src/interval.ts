// Half-open [start, end): adjacent buckets share a boundary instant without double counting it.
export interface Interval {
  start: Date;
  end: Date;
}

// Internally everything is epoch milliseconds. Date differences are integers, so time elements
// stay exact and sum to POT with no floating-point drift.
export interface Span {
  start: number;
  end: number;
}

export function toSpan(interval: Interval, what: string): Span {
  const start = interval.start.getTime();
  const end = interval.end.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    throw new RangeError(`${what} must be a valid interval with start <= end`);
  }
  return { start, end };
}

export function toInterval(span: Span): Interval {
  return { start: new Date(span.start), end: new Date(span.end) };
}

export function spanLength(span: Span): number {
  return span.end - span.start;
}

export function totalLength(spans: readonly Span[]): number {
  return spans.reduce((sum, span) => sum + spanLength(span), 0);
}

// Sorted, non-empty, non-overlapping, with touching spans merged: the form every other helper
// here expects, so overlapping calendar entries are never counted twice.
export function normalizeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
    } else {
      out.push({ start: span.start, end: span.end });
    }
  }
  return out;
}

export function intersectSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const left = normalizeSpans(a);
  const right = normalizeSpans(b);
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const x = left[i] as Span;
    const y = right[j] as Span;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

export function subtractSpans(from: readonly Span[], remove: readonly Span[]): Span[] {
  const holes = normalizeSpans(remove);
  const out: Span[] = [];
  for (const span of normalizeSpans(from)) {
    let cursor = span.start;
    for (const hole of holes) {
      if (hole.end <= cursor) continue;
      if (hole.start >= span.end) break;
      if (hole.start > cursor) out.push({ start: cursor, end: hole.start });
      cursor = Math.max(cursor, hole.end);
      if (cursor >= span.end) break;
    }
    if (cursor < span.end) out.push({ start: cursor, end: span.end });
  }
  return out;
}

// `spans` must be normalized. Linear per call; callers hold a handful of shift windows.
export function overlapLength(span: Span, spans: readonly Span[]): number {
  let sum = 0;
  for (const other of spans) {
    if (other.start >= span.end) break;
    const start = Math.max(span.start, other.start);
    const end = Math.min(span.end, other.end);
    if (end > start) sum += end - start;
  }
  return sum;
}

export function containsInstant(spans: readonly Span[], instant: number): boolean {
  return spans.some((s) => s.start <= instant && instant < s.end);
}
