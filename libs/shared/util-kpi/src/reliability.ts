import { containsInstant } from './interval';
import type { ObservedState } from './state-timeline';
import { assertInstant, timelineSpans } from './state-timeline';
import { plannedTime, type TimeElements, type TimeElementsInput } from './time-elements';

export interface Reliability {
  failures: number;
  mtbfMs: number | null;
  mttrMs: number | null;
}

// A failure is a transition into 'down' at an instant inside the bucket's calendar busy time
// (POT minus calendar stops). Counting the instant, not the interval, makes failures add up
// across buckets and machines. Unknown gaps are bridged: down, gateway offline, down again is
// one breakdown, not two. A down that began off shift or in a break and runs into busy time
// adds down time but no failure: machines switched off after the last shift often report
// 'down', and those must not flood the count.
export function countFailures(input: TimeElementsInput): number {
  const planned = plannedTime(input);
  const earliest = input.samples.reduce((min, s) => {
    const t = s.ts.getTime();
    return Number.isFinite(t) ? Math.min(min, t) : min;
  }, planned.bucket.start);
  // The timeline starts at the earliest sample so the state before the bucket is known.
  const timeline = timelineSpans(
    input.samples,
    { start: earliest, end: planned.bucket.end },
    assertInstant(input.dataUntil, 'dataUntil'),
    input.staleAfterMs,
  );
  let lastKnown: ObservedState | null = null;
  let failures = 0;
  for (const segment of timeline) {
    if (segment.state === 'unknown') continue;
    if (
      segment.state === 'down' &&
      lastKnown !== 'down' &&
      segment.start >= planned.bucket.start &&
      containsInstant(planned.busy, segment.start)
    ) {
      failures++;
    }
    lastKnown = segment.state;
  }
  return failures;
}

// MTBF = APT / failures, MTTR = down time / failures, over the same bucket. On short buckets
// a breakdown often starts in one bucket and is repaired in the next; read them on roll-ups.
export function reliability(time: TimeElements, failures: number): Reliability {
  if (failures === 0) return { failures, mtbfMs: null, mttrMs: null };
  return { failures, mtbfMs: time.apt / failures, mttrMs: time.down / failures };
}
