// Alarm persistence: rule targets down the asset tree, the evaluation engine with persisted state,
// user lifecycle commands, maintenance scans, and the notification outbox and delivery.
export type { AlarmRow } from './alarm-row';
export { AlarmEngine, type EngineOutcome } from './alarm-engine';
export { AlarmCommands, type AlarmCommandResult, type UserAlarmAction } from './alarm-commands';
export { AlarmHousekeeping } from './alarm-housekeeping';
export { MaintenanceScan, type MaintenanceScanOptions, type ScanOutcome } from './maintenance-scan';
export type { DeliveryRef } from './notification-outbox';
export {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  type NotificationEvent,
  type NotificationPayload,
} from './notification-payload';
export {
  DeliveryFailedError,
  NotificationDelivery,
  type DeliveryOutcome,
  type NotificationTransports,
} from './notification-delivery';
export { isTimeBased } from './rule-targets';
export {
  AlarmQueries,
  MAX_PAGE,
  type AlarmFilter,
  type AlarmListItem,
  type AlarmPage,
  type DeliveryRow,
  type HistoryRow,
  type ReadScope,
  type WarningRow,
} from './alarm-queries';
export {
  AlarmAdmin,
  checkChannel,
  type AssetKindName,
  type ChannelInput,
  type RuleInput,
  type RuleFilter,
  type RuleRecord,
  type SubscriptionFilter,
  type SubscriptionInput,
} from './alarm-admin';
