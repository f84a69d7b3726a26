export * from './event-batch';
export { EventBatchRepository } from './event-batch.repository';
export { DeadLetterRepository } from './dead-letter.repository';
export type { DeadLetterInput } from './dead-letter.repository';
export { EventPartitionRepository } from './event-partition.repository';
export {
  DEFAULT_RETENTION_POLICY,
  HousekeepingRepository,
  type RetentionPolicy,
  type RetentionResult,
} from './housekeeping.repository';
export { chooseSensorResolution, type SensorResolution, type SensorSource } from './sensor-resolution';
export {
  SensorSeriesRepository,
  type SensorPoint,
  type SensorSeries,
  type SensorSeriesAnswer,
} from './sensor-series.repository';
