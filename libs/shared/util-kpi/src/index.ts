// Pure KPI math (ISO 22400-2): no I/O, no clock, no rounding. See docs/kpi.md for every choice.
export type { Interval } from './interval';
export type { ObservedState, StateSample, StateSegment } from './state-timeline';
export { stateTimeline } from './state-timeline';
export type { StopReasonTime, TimeElements, TimeElementsInput } from './time-elements';
export {
  stopTimeByReason,
  sumTimeElements,
  timeElementsForBucket,
  ZERO_TIME_ELEMENTS,
} from './time-elements';
export type { CounterOptions, CountIncrement, CumulativeReading } from './counters';
export { countsToIncrements } from './counters';
export type { Quantities } from './quantities';
export { quantitiesFromIncrements, sumQuantities, toQuantities, ZERO_QUANTITIES } from './quantities';
export type { KpiTotals, Kpis } from './kpis';
export { computeKpis } from './kpis';
export type { KpiResult, MachineKpiInput } from './rollup';
export { machineResult, rollUp } from './rollup';
export type { Reliability } from './reliability';
export { countFailures, reliability } from './reliability';
export type { SixBigLosses, SixBigLossesInput, StartupRejectsInput } from './losses';
export { countStartupRejects, sixBigLosses, sumLosses } from './losses';
export type { Bucket } from './buckets';
export { dayBuckets, hourBuckets, weekBuckets } from './buckets';
export type {
  PlannedStopDefinition,
  PlannedStopWindow,
  ShiftCalendar,
  ShiftDefinition,
  ShiftSchedule,
  ShiftWindow,
} from './shift-calendar';
export { shiftWindows } from './shift-calendar';
export { offsetMs } from './zoned-time';
