export { MachineHourKpiService } from './machine-hour-kpi.service';
export { STALE_STATE_AFTER_MS } from './machine-hour-kpi';
export { KpiResultRepository } from './kpi-result.repository';
export type { StoredKpi } from './kpi-result.repository';
export { DirtyHoursRepository } from './dirty-hours.repository';
export type { DirtyMachineHour } from './dirty-hours.repository';
export type { MachineHourInputs } from './machine-hour-inputs.repository';
export { rollUpByBucket, totalsFromStored } from './stored-kpi-totals';
export type { RolledUpBucket } from './stored-kpi-totals';
export { latestHourlyKpis } from './latest-kpi.repository';
export { MachineBucketKpiService } from './machine-bucket-kpi.service';
export type { LiveBucket, LiveBuckets } from './machine-bucket-kpi.service';
export { MachineBucketCalculator, STARTUP_WINDOW_MS } from './machine-hour-kpi';
export type { MachineBucketAnalysis } from './machine-hour-kpi';
export { MachineHourInputsRepository } from './machine-hour-inputs.repository';
export {
  bucketsOverlapping,
  bucketsClosedBetween,
  currentDay,
  currentShift,
  nextShiftStart,
  STORED_GRANULARITIES,
} from './kpi-buckets';
export type { PlannedBucket, StoredGranularity } from './kpi-buckets';
export type { BucketResult } from './kpi-result.repository';
export { KpiMachineDirectory } from './kpi-machine-directory.repository';
export type { DirectoryMachine, StaleBucket } from './kpi-machine-directory.repository';
export { KpiRangeAnalysisService, downtimePareto } from './kpi-range-analysis.service';
export type { ParetoEntry, RangeAnalysis } from './kpi-range-analysis.service';
export { prismaSql } from './sql-runner';
export type { SqlRunner } from './sql-runner';
export { MachineStateHistory, machineTimeline, MAX_TIMELINE_SAMPLES } from './machine-state-history';
export type { ObservedState, TimelineInterval } from './machine-state-history';
export type { BackfillOptions, BackfillStep } from './windowed-backfill';
export { ShiftScheduleRepository } from './shift-schedule.repository';
