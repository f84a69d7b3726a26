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
