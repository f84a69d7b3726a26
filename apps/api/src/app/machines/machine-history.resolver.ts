import { Inject } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '@convergent/shared-util-contracts';
import { AssetRepository } from '@convergent/assets-data-access-assets';
import { MachineStateHistory } from '@convergent/kpi-data-access-kpi';
import { SensorSeriesRepository } from '@convergent/telemetry-data-access-events';
import type { Clock, Principal } from '@convergent/tenancy-data-access-auth';
import { CLOCK } from '../auth/auth.tokens';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { assertRange } from '../kpi/assert-range';
import {
  MachineSensorSeries,
  MachineSensorSeriesArgs,
  MachineStateCounts,
  MachineStateInterval,
  MachineStateTimelineArgs,
  MAX_SENSOR_DAYS,
  MAX_SENSOR_POINTS,
  MAX_TIMELINE_DAYS,
  ObservedMachineState,
  SensorSourceValue,
} from './machine-history.models';

const DAY = 86_400_000;
const SOURCES = { raw: SensorSourceValue.RAW, '1m': SensorSourceValue.MINUTE, '1h': SensorSourceValue.HOUR };

// A machine's past for its page: state intervals and sensor series over a chosen range.
@Resolver()
export class MachineHistoryResolver {
  constructor(
    private readonly assets: AssetRepository,
    private readonly states: MachineStateHistory,
    private readonly sensors: SensorSeriesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [MachineStateInterval], {
    description: `A machine's state intervals in a range of at most ${MAX_TIMELINE_DAYS} days, oldest first, clipped to the range and ending at now. Time without trustworthy state is an unknown interval (docs/kpi.md), never the last state running on.`,
  })
  async machineStateTimeline(
    @CurrentPrincipal() principal: Principal,
    @Args() args: MachineStateTimelineArgs,
  ): Promise<MachineStateInterval[]> {
    assertRange(
      args.from,
      args.to,
      MAX_TIMELINE_DAYS * DAY,
      `the range is longer than ${MAX_TIMELINE_DAYS} days: ask for a shorter range`,
    );
    const machineId = await this.visibleMachine(principal, args.machineId);
    const intervals = await this.states.timeline(
      principal.tenantId,
      machineId,
      { start: args.from, end: args.to },
      this.clock.now(),
    );
    return intervals.map((i) => ({
      state: ObservedMachineState[i.state],
      reasonCode: i.reason,
      reasonName: i.reasonName,
      start: i.start,
      end: i.end,
    }));
  }

  @Query(() => MachineSensorSeries, {
    description: `A machine's telemetry in a range of at most ${MAX_SENSOR_DAYS} days, per metric, as min/avg/max points: raw readings for short ranges, the 1-minute or 1-hour rollups for long ones, whichever keeps every metric under maxPoints points.`,
  })
  async machineSensorSeries(
    @CurrentPrincipal() principal: Principal,
    @Args() args: MachineSensorSeriesArgs,
  ): Promise<MachineSensorSeries> {
    assertRange(
      args.from,
      args.to,
      MAX_SENSOR_DAYS * DAY,
      `the range is longer than ${MAX_SENSOR_DAYS} days: ask for a shorter range`,
    );
    if (!Number.isInteger(args.maxPoints) || args.maxPoints < 1 || args.maxPoints > MAX_SENSOR_POINTS)
      throw new DomainError(
        'BAD_USER_INPUT',
        `"maxPoints" must be between 1 and ${MAX_SENSOR_POINTS}; it was ${args.maxPoints}`,
        { maxPoints: MAX_SENSOR_POINTS },
      );
    const machineId = await this.visibleMachine(principal, args.machineId);
    const answer = await this.sensors.series(
      principal.tenantId,
      machineId,
      { from: args.from, to: args.to },
      args.maxPoints,
      args.metrics ?? null,
    );
    return {
      source: SOURCES[answer.resolution.source],
      bucketMs: answer.resolution.bucketMs,
      series: answer.series,
    };
  }

  @Query(() => MachineStateCounts, {
    description:
      'How many machines below an asset (a site, area, line) are running, idle, in setup, in a planned stop, down or unknown right now. Counts only machines at sites you may see.',
  })
  async machineStateCounts(
    @CurrentPrincipal() principal: Principal,
    @Args('assetId', { type: () => ID }) assetId: string,
  ): Promise<MachineStateCounts> {
    const asset = await this.assets.find(principal, assetId);
    if (!asset) throw new DomainError('NOT_FOUND', `no asset with id "${assetId}"`);
    const at = this.clock.now();
    const counts = await this.states.currentStates(principal.tenantId, asset.id, principal.siteIds, at);
    const { planned_stop: plannedStop, ...others } = counts;
    return { ...others, plannedStop, total: Object.values(counts).reduce((a, b) => a + b, 0), at };
  }

  private async visibleMachine(principal: Principal, id: string): Promise<string> {
    const machine = await this.assets.find(principal, id);
    if (!machine || machine.kind !== 'machine')
      throw new DomainError('NOT_FOUND', `no machine with id "${id}"`);
    return machine.id;
  }
}
