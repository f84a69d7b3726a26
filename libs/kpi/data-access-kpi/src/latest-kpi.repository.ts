import type { TenantTx } from '@convergent/platform-data-access-db';
import type { StoredKpi } from './kpi-result.repository';

// The newest hourly result of each of many assets, in one statement (DISTINCT ON walks the
// (asset_id, granularity, bucket_start) unique index backwards per asset).
export async function latestHourlyKpis(tx: TenantTx, assetIds: readonly string[]): Promise<StoredKpi[]> {
  if (assetIds.length === 0) return [];
  return tx.$queryRaw<StoredKpi[]>`
    SELECT DISTINCT ON (asset_id)
           asset_id AS "assetId", granularity::text AS "granularity", bucket_start AS "bucketStart",
           bucket_end AS "bucketEnd", pot_ms AS "potMs", pdt_ms AS "pdtMs", apt_ms AS "aptMs",
           asut_ms AS "asutMs", adet_ms AS "adetMs", unknown_ms AS "unknownMs",
           produced_quantity AS "producedQuantity", scrap_quantity AS "scrapQuantity",
           rework_quantity AS "reworkQuantity", down_ms AS "downMs", failure_count AS "failureCount",
           ideal_production_ms AS "idealProductionMs", ideal_good_ms AS "idealGoodMs",
           availability, effectiveness, quality, oee, final, computed_at AS "computedAt"
      FROM kpi_results
     WHERE asset_id = ANY(${[...assetIds]}::uuid[]) AND granularity = 'hour'
     ORDER BY asset_id, bucket_start DESC`;
}
