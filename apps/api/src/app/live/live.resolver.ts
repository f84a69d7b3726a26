import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import type {
  AlarmChanged,
  GatewayPresenceChanged,
  GatewayTwinChanged,
  KpiUpdated,
  LiveEvent,
  LiveEventType,
  MachineStateChanged,
} from '@convergent/shared-util-contracts';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { LiveEventHub } from './live-event.hub';
import { deliverable } from './live-visibility';
import {
  AlarmChange,
  GatewayPresenceChange,
  GatewayTwinChange,
  KpiUpdate,
  MachineStateChange,
} from './live.models';

const SITE_ARG = {
  type: () => ID,
  nullable: true,
  description: 'Only events of this site (within the sites you may see).',
} as const;

// The event is the field's value as published (the models name the same fields).
const asIs = { resolve: (event: LiveEvent) => event } as const;

@Resolver()
export class LiveResolver {
  constructor(private readonly hub: LiveEventHub) {}

  private of<T extends LiveEvent>(principal: Principal, type: LiveEventType, siteId?: string | null) {
    return this.hub.events((event): event is T => deliverable(principal, event, type, siteId));
  }

  @Subscription(() => MachineStateChange, { ...asIs, description: 'Machine state changes you may see.' })
  machineStateChanged(@CurrentPrincipal() principal: Principal, @Args('siteId', SITE_ARG) siteId?: string) {
    return this.of<MachineStateChanged>(principal, 'machine.state', siteId);
  }

  @Subscription(() => KpiUpdate, { ...asIs, description: 'KPI recomputations of machines you may see.' })
  kpiUpdated(@CurrentPrincipal() principal: Principal, @Args('siteId', SITE_ARG) siteId?: string) {
    return this.of<KpiUpdated>(principal, 'kpi.updated', siteId);
  }

  @Subscription(() => AlarmChange, { ...asIs, description: 'Alarm lifecycle changes on assets you may see.' })
  alarmChanged(@CurrentPrincipal() principal: Principal, @Args('siteId', SITE_ARG) siteId?: string) {
    return this.of<AlarmChanged>(principal, 'alarm.changed', siteId);
  }

  @Subscription(() => GatewayPresenceChange, {
    ...asIs,
    description: 'Gateways of sites you may see going online or offline.',
  })
  gatewayPresenceChanged(
    @CurrentPrincipal() principal: Principal,
    @Args('siteId', SITE_ARG) siteId?: string,
  ) {
    return this.of<GatewayPresenceChanged>(principal, 'gateway.presence', siteId);
  }

  @Subscription(() => GatewayTwinChange, {
    ...asIs,
    description: 'Twin changes (configuration, commands) of gateways of sites you may see.',
  })
  gatewayTwinChanged(@CurrentPrincipal() principal: Principal, @Args('siteId', SITE_ARG) siteId?: string) {
    return this.of<GatewayTwinChanged>(principal, 'gateway.twin', siteId);
  }
}
