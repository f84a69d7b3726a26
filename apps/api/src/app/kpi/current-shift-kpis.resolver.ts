import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { AssetRepository } from '@convergent/assets-data-access-assets';
import { DomainError, type KpiUpdated, type LiveEvent } from '@convergent/shared-util-contracts';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { LiveEventHub } from '../live/live-event.hub';
import { deliverable } from '../live/live-visibility';
import { coalesce, mapAsync } from '../live/coalesce';
import { KpiResolver } from './kpi.resolver';
import { CurrentShiftKpisUpdate } from './current-shift-kpis-update.model';

// The live job recomputes every machine with recent data once a minute, so a line's machines
// announce themselves within a few hundred milliseconds of each other: wait that long for the
// rest of the burst, and never push one asset to one client more than once per window.
export const SHIFT_KPI_SETTLE_MS = 500;
export const SHIFT_KPI_WINDOW_MS = 3000;
// How long a subscription trusts what it learnt about a machine's place in the asset tree, so
// that a machine moved under (or away from) the asset counts within a minute.
const PLACEMENT_TTL_MS = 60_000;

@Resolver()
export class CurrentShiftKpisResolver {
  constructor(
    private readonly hub: LiveEventHub,
    private readonly assets: AssetRepository,
    private readonly kpis: KpiResolver,
  ) {}

  @Subscription(() => CurrentShiftKpisUpdate, {
    resolve: (update: CurrentShiftKpisUpdate) => update,
    description: `The shift so far of any asset you may see (a machine, or the roll-up of a line, area, site or enterprise), pushed when the live job has recomputed machines below it: bursts are merged, at most one update per ${SHIFT_KPI_WINDOW_MS / 1000} s.`,
  })
  async currentShiftKpisChanged(
    @CurrentPrincipal() principal: Principal,
    @Args('assetId', { type: () => ID }) assetId: string,
  ): Promise<AsyncIterableIterator<CurrentShiftKpisUpdate>> {
    if (!(await this.assets.find(principal, assetId)))
      throw new DomainError('NOT_FOUND', `no asset with id "${assetId}"`);
    const machines = this.hub.events(
      (event: LiveEvent): event is KpiUpdated =>
        event.type === 'kpi.updated' &&
        event.granularity === 'shift' &&
        deliverable(principal, event, 'kpi.updated'),
    );
    const ids = mapAsync(machines, (event) => Promise.resolve(event.machineId));
    const batches = coalesce(ids, {
      keep: this.isBelow(principal, assetId),
      settleMs: SHIFT_KPI_SETTLE_MS,
      windowMs: SHIFT_KPI_WINDOW_MS,
    });
    return mapAsync(batches, async (machineIds) => ({
      assetId,
      machineIds,
      buckets: await this.kpis.currentShiftKpis(principal, assetId),
    }));
  }

  // Whether a machine is the asset or lies below it, remembered per subscription for a while.
  private isBelow(principal: Principal, assetId: string): (machineId: string) => Promise<boolean> {
    const known = new Map<string, { below: boolean; until: number }>();
    return async (machineId) => {
      const memo = known.get(machineId);
      if (memo && memo.until > Date.now()) return memo.below;
      const machine = await this.assets.find(principal, machineId);
      const below = machine?.ancestors.includes(assetId) ?? false;
      known.set(machineId, { below, until: Date.now() + PLACEMENT_TTL_MS });
      return below;
    };
  }
}
