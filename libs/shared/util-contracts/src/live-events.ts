import type { MachineState } from './machine-state';

// What the platform pushes to connected clients as it happens. Producers (ingest, worker)
// publish on Redis; every API replica subscribes and fans out to its own GraphQL
// subscriptions, filtered by tenant and site visibility. siteId is carried on every event so
// that the API can filter without a database round trip per event.
interface LiveEventBase {
  tenantId: string;
  siteId: string;
  // ISO time at which the fact became true (not when it was published).
  at: string;
}

export interface MachineStateChanged extends LiveEventBase {
  type: 'machine.state';
  machineId: string;
  state: MachineState;
}

export interface KpiUpdated extends LiveEventBase {
  type: 'kpi.updated';
  machineId: string;
  // The bucket whose figures changed: 'hour' results and live 'shift' so-far figures.
  granularity: 'hour' | 'shift';
  bucketStart: string;
}

export interface AlarmChanged extends LiveEventBase {
  type: 'alarm.changed';
  assetId: string;
  alarmId: string;
}

export interface GatewayPresenceChanged extends LiveEventBase {
  type: 'gateway.presence';
  gatewayId: string;
  online: boolean;
}

// The gateway's twin changed: its desired or reported configuration, or one of its commands
// (sent, answered or timed out); commandId names the command.
export interface GatewayTwinChanged extends LiveEventBase {
  type: 'gateway.twin';
  gatewayId: string;
  change: 'desired' | 'reported' | 'command';
  commandId?: string;
}

export type LiveEvent =
  MachineStateChanged | KpiUpdated | AlarmChanged | GatewayPresenceChanged | GatewayTwinChanged;
export type LiveEventType = LiveEvent['type'];

// One channel per tenant: a replica subscribes to a pattern and routes by tenant in memory.
export function liveEventChannel(prefix: string, tenantId: string): string {
  return `${prefix}:live:${tenantId}`;
}

export function liveEventPattern(prefix: string): string {
  return `${prefix}:live:*`;
}
