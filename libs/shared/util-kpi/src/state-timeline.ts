import type { MachineState } from '@convergent/shared-util-contracts';
import { toInterval, toSpan, type Interval, type Span } from './interval';

export interface StateSample {
  ts: Date;
  state: MachineState;
  reason?: string;
}

// "unknown" is never reported by a gateway; it is what we conclude from silence.
export type ObservedState = MachineState | 'unknown';

export interface StateSegment extends Interval {
  state: ObservedState;
  reason: string | null;
}

export interface TimelineSpan extends Span {
  state: ObservedState;
  reason: string | null;
}

export function assertStaleAfter(staleAfterMs: number): void {
  // Infinity is allowed: gateways that only report changes rely on dataUntil for liveness.
  if (Number.isNaN(staleAfterMs) || staleAfterMs < 0) {
    throw new RangeError('staleAfterMs must be >= 0 (Infinity disables staleness)');
  }
}

export function assertInstant(date: Date, what: string): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a valid date`);
  return ms;
}

// Each sample holds until the next sample, until it is staleAfterMs old, or until dataUntil,
// whichever comes first; everything else in the range is unknown. Unknown is never filled with
// the last state: a silent gateway must not turn into hours of "running" or "down".
export function timelineSpans(
  samples: readonly StateSample[],
  range: Span,
  dataUntil: number,
  staleAfterMs: number,
): TimelineSpan[] {
  assertStaleAfter(staleAfterMs);
  const ordered = samples
    .map((sample, index) => ({ ts: sample.ts.getTime(), sample, index }))
    .filter((entry) => Number.isFinite(entry.ts))
    .sort((a, b) => a.ts - b.ts || a.index - b.index);
  // Equal timestamps: the later entry in the input wins, so a corrected sample re-sent with the
  // same timestamp replaces the original whatever order the store returns them in.
  const unique = ordered.filter((entry, i) => ordered[i + 1]?.ts !== entry.ts);

  const out: TimelineSpan[] = [];
  const push = (start: number, end: number, state: ObservedState, reason: string | null): void => {
    const s = Math.max(start, range.start);
    const e = Math.min(end, range.end);
    if (e <= s) return;
    const last = out[out.length - 1];
    if (last !== undefined && last.end === s && last.state === state && last.reason === reason) {
      last.end = e;
    } else {
      out.push({ start: s, end: e, state, reason });
    }
  };

  let cursor = range.start;
  for (let i = 0; i < unique.length && cursor < range.end; i++) {
    const entry = unique[i];
    if (entry === undefined) continue;
    const nextTs = unique[i + 1]?.ts ?? Number.POSITIVE_INFINITY;
    const validEnd = Math.min(nextTs, entry.ts + staleAfterMs, dataUntil);
    if (validEnd <= range.start || validEnd <= entry.ts) continue;
    if (entry.ts > cursor) push(cursor, entry.ts, 'unknown', null);
    push(entry.ts, validEnd, entry.sample.state, entry.sample.reason ?? null);
    cursor = Math.max(cursor, Math.min(validEnd, range.end));
  }
  push(cursor, range.end, 'unknown', null);
  return out;
}

export function stateTimeline(
  samples: readonly StateSample[],
  range: Interval,
  dataUntil: Date,
  staleAfterMs: number,
): StateSegment[] {
  return timelineSpans(
    samples,
    toSpan(range, 'range'),
    assertInstant(dataUntil, 'dataUntil'),
    staleAfterMs,
  ).map((span) => ({ ...toInterval(span), state: span.state, reason: span.reason }));
}
