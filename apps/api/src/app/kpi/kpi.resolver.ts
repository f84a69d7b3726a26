import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { DomainError } from '@convergent/shared-util-contracts';
import type { Database } from '@convergent/platform-data-access-db';
import { AssetRepository, type AssetRecord } from '@convergent/assets-data-access-assets';
import {
  KpiRangeAnalysisService,
  KpiResultRepository,
  rollUpByBucket,
  ShiftScheduleRepository,
  type RolledUpBucket,
} from '@convergent/kpi-data-access-kpi';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { DATABASE } from '../api.tokens';
import { KpiBucket } from './kpi-bucket.model';
import { MachineKpisArgs } from './machine-kpis.args';
import { AssetKpisArgs } from './asset-kpis.args';
import { KpisArgs } from './kpis.args';
import { KpiGranularity } from './kpi-granularity';
import { DowntimeParetoEntry, LossWaterfall } from './kpi-analysis.model';
import type { KpiRangeArgs } from './kpi-range.args';
import { assertRange } from './assert-range';

const DAY = 86_400_000;
// Hours and ranges read up to a month of raw rows per machine; days, shifts and weeks are few.
const MAX_RANGE_MS: Record<KpiGranularity, number> = {
  [KpiGranularity.HOUR]: 31 * DAY,
  [KpiGranularity.RANGE]: 31 * DAY,
  [KpiGranularity.SHIFT]: 366 * DAY,
  [KpiGranularity.DAY]: 366 * DAY,
  [KpiGranularity.WEEK]: 3 * 366 * DAY,
};

function assertKpiRange({ from, to }: KpiRangeArgs, granularity = KpiGranularity.HOUR): void {
  const max = MAX_RANGE_MS[granularity];
  assertRange(
    from,
    to,
    max,
    `the range is longer than ${max / DAY} days for ${granularity} buckets: ask for coarser buckets or a shorter range`,
  );
}

export function toKpiBucket({ bucketStart, bucketEnd, shiftName, result, final }: RolledUpBucket): KpiBucket {
  const { time, quantities, kpis } = result;
  return {
    bucketStart,
    bucketEnd,
    shiftName,
    availability: kpis.availability,
    effectiveness: kpis.effectiveness,
    quality: kpis.quality,
    oee: kpis.oee,
    plannedOperationTimeMs: time.pot,
    plannedDowntimeMs: time.pdt,
    plannedBusyTimeMs: time.pbt,
    runTimeMs: time.apt,
    setupTimeMs: time.asut,
    unplannedStopTimeMs: time.adet,
    breakdownTimeMs: time.down,
    minorStopTimeMs: time.idle,
    unknownTimeMs: time.unknown,
    idealProductionMs: result.idealProductionMs ?? 0,
    idealGoodMs: result.idealGoodMs ?? 0,
    producedQuantity: quantities.pq,
    scrapQuantity: quantities.sq,
    reworkQuantity: quantities.rq,
    technicalEfficiency: kpis.technicalEfficiency,
    setupRate: kpis.setupRate,
    scrapRatio: kpis.scrapRatio,
    unknownShare: kpis.unknownShare,
    failureCount: result.failures,
    mtbfMs: kpis.mtbfMs,
    mttrMs: kpis.mttrMs,
    final,
  };
}

@Resolver(() => KpiBucket)
export class KpiResolver {
  private readonly results = new KpiResultRepository();
  private readonly shifts = new ShiftScheduleRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly assets: AssetRepository,
    private readonly analysis: KpiRangeAnalysisService,
  ) {}

  @Query(() => [KpiBucket], { description: "A machine's hourly KPIs in a range of at most 31 days." })
  async machineKpis(
    @CurrentPrincipal() principal: Principal,
    @Args() args: MachineKpisArgs,
  ): Promise<KpiBucket[]> {
    assertKpiRange(args);
    const machine = await this.assets.find(principal, args.machineId);
    if (!machine || machine.kind !== 'machine')
      throw new DomainError('NOT_FOUND', `no machine with id "${args.machineId}"`);
    return this.stored(principal, machine, KpiGranularity.HOUR, args);
  }

  @Query(() => [KpiBucket], {
    description:
      "Any asset's hourly KPIs in a range of at most 31 days: a machine's own, or the roll-up of every machine below a line, area, site or enterprise (time elements and quantities summed, then the formulas applied).",
  })
  async assetKpis(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AssetKpisArgs,
  ): Promise<KpiBucket[]> {
    assertKpiRange(args);
    return this.stored(
      principal,
      await this.visibleAsset(principal, args.assetId),
      KpiGranularity.HOUR,
      args,
    );
  }

  @Query(() => [KpiBucket], {
    description:
      "Any asset's KPIs with the time elements behind each figure, per hour, shift, local day or ISO week (stored buckets whose start lies in the range; at most 31 days of hours, 366 of shifts or days, 3 years of weeks), or for exactly the range (RANGE, computed from raw events, at most 31 days). Groups roll their machines up by summing, never by averaging percentages; machines at sites in different time zones have their own buckets.",
  })
  async kpis(@CurrentPrincipal() principal: Principal, @Args() args: KpisArgs): Promise<KpiBucket[]> {
    assertKpiRange(args, args.granularity);
    const asset = await this.visibleAsset(principal, args.assetId);
    if (args.granularity !== KpiGranularity.RANGE)
      return this.stored(principal, asset, args.granularity, args);
    const { result } = await this.analysis.analyse(principal.tenantId, asset.id, {
      start: args.from,
      end: args.to,
    });
    return [
      toKpiBucket({
        bucketStart: args.from,
        bucketEnd: args.to,
        shiftName: null,
        result,
        final: args.to <= new Date(),
        machines: 0,
      }),
    ];
  }

  @Query(() => LossWaterfall, {
    description:
      'The six big losses of any asset over a range of at most 31 days, from planned busy time down to fully productive time, computed from raw events.',
  })
  async kpiLossWaterfall(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AssetKpisArgs,
  ): Promise<LossWaterfall> {
    assertKpiRange(args, KpiGranularity.RANGE);
    const asset = await this.visibleAsset(principal, args.assetId);
    const { result, losses, machines } = await this.analysis.analyse(principal.tenantId, asset.id, {
      start: args.from,
      end: args.to,
    });
    return {
      from: args.from,
      to: args.to,
      machines,
      plannedOperationTimeMs: result.time.pot,
      plannedDowntimeMs: result.time.pdt,
      plannedBusyTimeMs: result.time.pbt,
      breakdownsMs: losses.breakdownsMs,
      setupMs: losses.setupMs,
      minorStopsMs: losses.minorStopsMs,
      unknownMs: losses.unknownMs,
      runTimeMs: result.time.apt,
      reducedSpeedMs: losses.reducedSpeedMs,
      startupRejectsMs: losses.startupRejectsMs,
      productionRejectsMs: losses.productionRejectsMs,
      fullyProductiveTimeMs: losses.fullyProductiveMs,
      speedAboveIdeal: losses.speedAboveIdeal,
    };
  }

  @Query(() => [DowntimeParetoEntry], {
    description:
      'Unplanned stop time of any asset over a range of at most 31 days by reason code, largest first, with shares and the running share.',
  })
  async downtimePareto(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AssetKpisArgs,
  ): Promise<DowntimeParetoEntry[]> {
    assertKpiRange(args, KpiGranularity.RANGE);
    const asset = await this.visibleAsset(principal, args.assetId);
    const { pareto } = await this.analysis.analyse(principal.tenantId, asset.id, {
      start: args.from,
      end: args.to,
    });
    return pareto.map((p) => ({
      state: p.state,
      reasonCode: p.reason,
      reasonName: p.reasonName,
      lossClass: p.lossClass,
      durationMs: p.ms,
      share: p.share,
      cumulativeShare: p.cumulativeShare,
    }));
  }

  @Query(() => [KpiBucket], {
    description:
      "The shift in progress of any asset, so far (recomputed every minute for machines sending data; each machine's update is announced as a kpi.updated live event). One entry per shift start: sites in different time zones have their own shifts.",
  })
  async currentShiftKpis(
    @CurrentPrincipal() principal: Principal,
    @Args('assetId', { type: () => ID }) assetId: string,
  ): Promise<KpiBucket[]> {
    const asset = await this.visibleAsset(principal, assetId);
    const rows = await this.db.withTenant(principal.tenantId, (tx) =>
      this.results.listSubtreeMachinesAt(tx, asset.id, 'shift', new Date()),
    );
    return rollUpByBucket(rows).map(toKpiBucket);
  }

  @Query(() => Date, {
    nullable: true,
    description:
      "When the next shift starts for any asset: the earliest among its machines' calendars (sites in other zones, lines with their own calendars), within a week. null when none starts in that time, or when every machine is planned around the clock (no calendar).",
  })
  async nextShiftStart(
    @CurrentPrincipal() principal: Principal,
    @Args('assetId', { type: () => ID }) assetId: string,
  ): Promise<Date | null> {
    const asset = await this.visibleAsset(principal, assetId);
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(principal.tenantId);
      return this.shifts.nextShiftStart(sql, asset.id, new Date());
    });
  }

  private async visibleAsset(principal: Principal, assetId: string): Promise<AssetRecord> {
    const asset = await this.assets.find(principal, assetId);
    if (!asset) throw new DomainError('NOT_FOUND', `no asset with id "${assetId}"`);
    return asset;
  }

  private async stored(
    principal: Principal,
    asset: AssetRecord,
    granularity: Exclude<KpiGranularity, KpiGranularity.RANGE>,
    range: KpiRangeArgs,
  ): Promise<KpiBucket[]> {
    const rows = await this.db.withTenant(principal.tenantId, (tx) =>
      this.results.listSubtreeMachines(tx, asset.id, granularity, { start: range.from, end: range.to }),
    );
    return rollUpByBucket(rows).map(toKpiBucket);
  }
}
