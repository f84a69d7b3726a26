import { Args, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { DomainError } from '@convergent/shared-util-contracts';
import type { Database } from '@convergent/platform-data-access-db';
import { AssetRepository, type AssetRecord } from '@convergent/assets-data-access-assets';
import { KpiResultRepository, rollUpByBucket, type RolledUpBucket } from '@convergent/kpi-data-access-kpi';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { DATABASE } from '../api.tokens';
import { KpiBucket } from './kpi-bucket.model';
import { MachineKpisArgs } from './machine-kpis.args';
import { AssetKpisArgs } from './asset-kpis.args';
import type { KpiRangeArgs } from './kpi-range.args';

const MAX_RANGE_MS = 31 * 86_400_000;

function assertRange({ from, to }: KpiRangeArgs): void {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new DomainError('BAD_USER_INPUT', 'from and to must be ISO 8601 date-times');
  }
  if (to <= from) throw new DomainError('BAD_USER_INPUT', '"to" must be after "from"');
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
    throw new DomainError(
      'BAD_USER_INPUT',
      'the range is longer than 31 days: ask for day buckets or a shorter range',
    );
  }
}

export function toKpiBucket({ bucketStart, bucketEnd, result, final }: RolledUpBucket): KpiBucket {
  const { time, quantities, kpis } = result;
  return {
    bucketStart,
    bucketEnd,
    availability: kpis.availability,
    effectiveness: kpis.effectiveness,
    quality: kpis.quality,
    oee: kpis.oee,
    plannedBusyTimeMs: time.pbt,
    runTimeMs: time.apt,
    setupTimeMs: time.asut,
    unplannedStopTimeMs: time.adet,
    unknownTimeMs: time.unknown,
    idealProductionMs: result.idealProductionMs ?? 0,
    idealGoodMs: result.idealGoodMs ?? 0,
    producedQuantity: quantities.pq,
    scrapQuantity: quantities.sq,
    reworkQuantity: quantities.rq,
    final,
  };
}

@Resolver(() => KpiBucket)
export class KpiResolver {
  private readonly results = new KpiResultRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly assets: AssetRepository,
  ) {}

  @Query(() => [KpiBucket], { description: "A machine's hourly KPIs in a range of at most 31 days." })
  async machineKpis(
    @CurrentPrincipal() principal: Principal,
    @Args() args: MachineKpisArgs,
  ): Promise<KpiBucket[]> {
    assertRange(args);
    const machine = await this.assets.find(principal, args.machineId);
    if (!machine || machine.kind !== 'machine')
      throw new DomainError('NOT_FOUND', `no machine with id "${args.machineId}"`);
    return this.hourly(principal, machine, args);
  }

  @Query(() => [KpiBucket], {
    description:
      "Any asset's hourly KPIs in a range of at most 31 days: a machine's own, or the roll-up of every machine below a line, area, site or enterprise (time elements and quantities summed, then the formulas applied).",
  })
  async assetKpis(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AssetKpisArgs,
  ): Promise<KpiBucket[]> {
    assertRange(args);
    const asset = await this.assets.find(principal, args.assetId);
    if (!asset) throw new DomainError('NOT_FOUND', `no asset with id "${args.assetId}"`);
    return this.hourly(principal, asset, args);
  }

  private async hourly(principal: Principal, asset: AssetRecord, range: KpiRangeArgs): Promise<KpiBucket[]> {
    const rows = await this.db.withTenant(principal.tenantId, (tx) =>
      this.results.listSubtreeMachines(tx, asset.id, 'hour', { start: range.from, end: range.to }),
    );
    return rollUpByBucket(rows).map(toKpiBucket);
  }
}
