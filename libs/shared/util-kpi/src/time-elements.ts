import type { MachineState } from '@convergent/shared-util-contracts';
import {
  intersectSpans,
  overlapLength,
  subtractSpans,
  toSpan,
  totalLength,
  type Interval,
  type Span,
} from './interval';
import { assertInstant, timelineSpans, type StateSample, type TimelineSpan } from './state-timeline';

// All values in milliseconds. apt + asut + adet + unknown + pdt === pot, and pbt === pot - pdt.
export interface TimeElements {
  pot: number;
  pdt: number;
  pbt: number;
  apt: number;
  asut: number;
  adet: number;
  // adet split, because breakdowns and minor stops are different losses.
  down: number;
  idle: number;
  unknown: number;
  // The part of pdt that came from the machine reporting 'planned_stop' rather than the calendar.
  plannedStopByState: number;
}

export interface TimeElementsInput {
  bucket: Interval;
  // Shift time; may extend beyond the bucket and may overlap (it is unioned, then clipped).
  plannedOperation: readonly Interval[];
  plannedStops: readonly Interval[];
  // Unsorted; include the last sample before bucket.start, it gives the state at the start.
  samples: readonly StateSample[];
  dataUntil: Date;
  staleAfterMs: number;
}

export const ZERO_TIME_ELEMENTS: TimeElements = Object.freeze({
  pot: 0,
  pdt: 0,
  pbt: 0,
  apt: 0,
  asut: 0,
  adet: 0,
  down: 0,
  idle: 0,
  unknown: 0,
  plannedStopByState: 0,
});

export interface PlannedTime {
  bucket: Span;
  pot: Span[];
  calendarStops: Span[];
  // POT minus calendar stops: where machine states are classified.
  busy: Span[];
}

export function plannedTime(
  input: Pick<TimeElementsInput, 'bucket' | 'plannedOperation' | 'plannedStops'>,
): PlannedTime {
  const bucket = toSpan(input.bucket, 'bucket');
  const pot = intersectSpans(
    input.plannedOperation.map((i) => toSpan(i, 'plannedOperation')),
    [bucket],
  );
  const calendarStops = intersectSpans(
    pot,
    input.plannedStops.map((i) => toSpan(i, 'plannedStops')),
  );
  return { bucket, pot, calendarStops, busy: subtractSpans(pot, calendarStops) };
}

export function classifiedTimeline(input: TimeElementsInput): {
  planned: PlannedTime;
  timeline: TimelineSpan[];
} {
  const planned = plannedTime(input);
  const timeline = timelineSpans(
    input.samples,
    planned.bucket,
    assertInstant(input.dataUntil, 'dataUntil'),
    input.staleAfterMs,
  );
  return { planned, timeline };
}

export function timeElementsForBucket(input: TimeElementsInput): TimeElements {
  const { planned, timeline } = classifiedTimeline(input);
  let apt = 0;
  let asut = 0;
  let down = 0;
  let idle = 0;
  let unknown = 0;
  let plannedStopByState = 0;
  for (const segment of timeline) {
    const ms = overlapLength(segment, planned.busy);
    switch (segment.state) {
      case 'running':
        apt += ms;
        break;
      case 'setup':
        asut += ms;
        break;
      case 'down':
        down += ms;
        break;
      case 'idle':
        idle += ms;
        break;
      case 'planned_stop':
        plannedStopByState += ms;
        break;
      case 'unknown':
        unknown += ms;
        break;
    }
  }
  const pot = totalLength(planned.pot);
  const pdt = totalLength(planned.calendarStops) + plannedStopByState;
  return { pot, pdt, pbt: pot - pdt, apt, asut, adet: down + idle, down, idle, unknown, plannedStopByState };
}

export function sumTimeElements(list: readonly TimeElements[]): TimeElements {
  return list.reduce(
    (sum, t) => ({
      pot: sum.pot + t.pot,
      pdt: sum.pdt + t.pdt,
      pbt: sum.pbt + t.pbt,
      apt: sum.apt + t.apt,
      asut: sum.asut + t.asut,
      adet: sum.adet + t.adet,
      down: sum.down + t.down,
      idle: sum.idle + t.idle,
      unknown: sum.unknown + t.unknown,
      plannedStopByState: sum.plannedStopByState + t.plannedStopByState,
    }),
    { ...ZERO_TIME_ELEMENTS },
  );
}

export interface StopReasonTime {
  state: Exclude<MachineState, 'running'>;
  reason: string | null;
  ms: number;
}

// Input for the downtime Pareto: time per (state, reason) inside calendar busy time, largest
// first. Grouping reasons into loss classes is tenant configuration and happens above this lib.
export function stopTimeByReason(input: TimeElementsInput): StopReasonTime[] {
  const { planned, timeline } = classifiedTimeline(input);
  const totals = new Map<string, StopReasonTime>();
  for (const segment of timeline) {
    if (segment.state === 'running' || segment.state === 'unknown') continue;
    const ms = overlapLength(segment, planned.busy);
    if (ms === 0) continue;
    const key = JSON.stringify([segment.state, segment.reason]);
    const entry = totals.get(key);
    if (entry) entry.ms += ms;
    else totals.set(key, { state: segment.state, reason: segment.reason, ms });
  }
  return [...totals.values()].sort(
    (a, b) => b.ms - a.ms || a.state.localeCompare(b.state) || (a.reason ?? '').localeCompare(b.reason ?? ''),
  );
}
