export { AssetRepository, isUuid } from './asset.repository';
export type { AssetFilter, AssetOrder, AssetRecord, NewAsset, SiteScope } from './asset.repository';
export { isIanaTimeZone } from './asset-rules';
export { isUniqueViolation } from './unique-violation';
export { ProductRepository, type ProductChanges, type ProductRecord } from './product.repository';
export { DowntimeReasonRepository, type DowntimeReasonRecord } from './downtime-reason.repository';
export {
  ShiftCalendarRepository,
  type PlannedStopInput,
  type ShiftCalendarRecord,
  type ShiftInput,
} from './shift-calendar.repository';
export { MachineCycleTimeRepository, type MachineCycleTimeRecord } from './machine-cycle-time.repository';
