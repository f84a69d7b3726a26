import type { Granularity, TenantTx } from '@convergent/platform-data-access-db';
import type { Interval, KpiResult } from '@convergent/shared-util-kpi';

export interface StoredKpi {
  assetId: string;
  granularity: Granularity;
  bucketStart: Date;
  bucketEnd: Date;
  potMs: number;
  pdtMs: number;
  aptMs: number;
  asutMs: number;
  adetMs: number;
  unknownMs: number;
  producedQuantity: number;
  scrapQuantity: number;
  reworkQuantity: number;
  downMs: number;
  failureCount: number;
  idealProductionMs: number | null;
  idealGoodMs: number | null;
  availability: number | null;
  effectiveness: number | null;
  quality: number | null;
  oee: number | null;
  final: boolean;
  computedAt: Date;
}

// KPI results are upserted by (asset, granularity, bucket): a retried or duplicated job writes
// the same row again instead of adding one.
export class KpiResultRepository {
  async upsert(
    tx: TenantTx,
    tenantId: string,
    assetId: string,
    granularity: Granularity,
    bucket: Interval,
    result: KpiResult,
    final: boolean,
  ): Promise<void> {
    const values = {
      bucketEnd: bucket.end,
      potMs: result.time.pot,
      pdtMs: result.time.pdt,
      aptMs: result.time.apt,
      asutMs: result.time.asut,
      adetMs: result.time.adet,
      unknownMs: result.time.unknown,
      downMs: result.time.down,
      producedQuantity: result.quantities.pq,
      scrapQuantity: result.quantities.sq,
      reworkQuantity: result.quantities.rq,
      idealProductionMs: result.idealProductionMs,
      idealGoodMs: result.idealGoodMs,
      failureCount: result.failures ?? 0,
      availability: result.kpis.availability,
      effectiveness: result.kpis.effectiveness,
      quality: result.kpis.quality,
      oee: result.kpis.oee,
      final,
      computedAt: new Date(),
    };
    await tx.kpiResult.upsert({
      where: { assetId_granularity_bucketStart: { assetId, granularity, bucketStart: bucket.start } },
      create: { tenantId, assetId, granularity, bucketStart: bucket.start, ...values },
      update: values,
    });
  }

  // The machine results a roll-up of the asset's subtree is made of (the asset itself when it is a
  // machine), in bucket order.
  async listSubtreeMachines(
    tx: TenantTx,
    assetId: string,
    granularity: Granularity,
    range: Interval,
  ): Promise<StoredKpi[]> {
    return tx.kpiResult.findMany({
      where: {
        granularity,
        bucketStart: { gte: range.start, lt: range.end },
        asset: { kind: 'machine', ancestors: { has: assetId }, archivedAt: null },
      },
      orderBy: [{ bucketStart: 'asc' }, { assetId: 'asc' }],
      select: {
        assetId: true,
        granularity: true,
        bucketStart: true,
        bucketEnd: true,
        potMs: true,
        pdtMs: true,
        aptMs: true,
        asutMs: true,
        adetMs: true,
        unknownMs: true,
        producedQuantity: true,
        scrapQuantity: true,
        reworkQuantity: true,
        downMs: true,
        failureCount: true,
        idealProductionMs: true,
        idealGoodMs: true,
        availability: true,
        effectiveness: true,
        quality: true,
        oee: true,
        final: true,
        computedAt: true,
      },
    });
  }
}
