export { AssetRepository } from './asset.repository';
export type { AssetRecord, SiteScope } from './asset.repository';
