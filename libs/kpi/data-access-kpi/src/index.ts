export { MachineHourKpiService } from './machine-hour-kpi.service';
export { computeMachineHour, STALE_STATE_AFTER_MS } from './machine-hour-kpi';
export { KpiResultRepository } from './kpi-result.repository';
export type { StoredKpi } from './kpi-result.repository';
export { DirtyHoursRepository } from './dirty-hours.repository';
export type { DirtyMachineHour } from './dirty-hours.repository';
export type { MachineHourInputs } from './machine-hour-inputs.repository';
export { rollUpByBucket, totalsFromStored } from './stored-kpi-totals';
export type { RolledUpBucket } from './stored-kpi-totals';
