export { AssetRepository, isUuid } from './asset.repository';
export type { AssetFilter, AssetOrder, AssetRecord, NewAsset, SiteScope } from './asset.repository';
export { isIanaTimeZone } from './asset-rules';
export { isUniqueViolation } from './unique-violation';
