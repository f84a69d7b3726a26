import { Args, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { DomainError } from '@convergent/shared-util-contracts';
import type { Database } from '@convergent/platform-data-access-db';
import { AssetRepository } from '@convergent/assets-data-access-assets';
import { KpiResultRepository } from '@convergent/kpi-data-access-kpi';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { DATABASE } from '../api.tokens';
import { KpiBucket } from './kpi-bucket.model';
import { MachineKpisArgs } from './machine-kpis.args';

const MAX_RANGE_MS = 31 * 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    if (Number.isNaN(args.from.getTime()) || Number.isNaN(args.to.getTime())) {
      throw new DomainError('BAD_USER_INPUT', 'from and to must be ISO 8601 date-times');
    }
    if (args.to <= args.from) throw new DomainError('BAD_USER_INPUT', '"to" must be after "from"');
    if (args.to.getTime() - args.from.getTime() > MAX_RANGE_MS) {
      throw new DomainError(
        'BAD_USER_INPUT',
        'the range is longer than 31 days: ask for day buckets or a shorter range',
      );
    }
    const machine = UUID.test(args.machineId) ? await this.assets.find(principal, args.machineId) : null;
    if (!machine || machine.kind !== 'machine')
      throw new DomainError('NOT_FOUND', `no machine with id "${args.machineId}"`);
    const rows = await this.db.withTenant(principal.tenantId, (tx) =>
      this.results.list(tx, machine.id, 'hour', { start: args.from, end: args.to }),
    );
    return rows.map((r) => ({
      bucketStart: r.bucketStart,
      bucketEnd: r.bucketEnd,
      availability: r.availability,
      effectiveness: r.effectiveness,
      quality: r.quality,
      oee: r.oee,
      plannedBusyTimeMs: r.potMs - r.pdtMs,
      runTimeMs: r.aptMs,
      setupTimeMs: r.asutMs,
      unplannedStopTimeMs: r.adetMs,
      unknownTimeMs: r.unknownMs,
      idealProductionMs: r.idealProductionMs,
      idealGoodMs: r.idealGoodMs,
      producedQuantity: r.producedQuantity,
      scrapQuantity: r.scrapQuantity,
      reworkQuantity: r.reworkQuantity,
      final: r.final,
    }));
  }
}
