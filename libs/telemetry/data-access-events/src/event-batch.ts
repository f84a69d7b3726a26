import type { Counter, MachineState, TelemetryPoint } from '@convergent/shared-util-contracts';

// Events after routing: the machine key is resolved to a machine asset and the gateway to its
// tenant, and each item keeps (gateway, seq, idx) so a replayed message is recognised.
export interface EventKey {
  tenantId: string;
  machineId: string;
  gatewayId: string;
  seq: number;
  idx: number;
  ts: Date;
}

export interface StateEventRow extends EventKey {
  state: MachineState;
  reason: string | null;
}

export interface CountEventRow extends EventKey {
  counter: Counter;
  increment: number | null;
  cumulative: number | null;
}

// A telemetry message after routing, with its points as the gateway sent them: a message carries
// hundreds of points, and a row object (and a Date) per point was most of ingest's garbage.
// Telemetry is de-duplicated per message, under (gateway, seq, first point's ts).
export interface TelemetryMessageRows {
  tenantId: string;
  machineId: string;
  gatewayId: string;
  seq: number;
  points: TelemetryPoint[];
}

export interface GatewaySeen {
  tenantId: string;
  gatewayId: string;
  at: Date;
  // false when the gateway said goodbye (or its last will announced it gone).
  online: boolean;
}

export interface EventBatch {
  states: StateEventRow[];
  counts: CountEventRow[];
  telemetry: TelemetryMessageRows[];
  gatewaysSeen: GatewaySeen[];
}

export interface DirtyHour {
  tenantId: string;
  machineId: string;
  hourStart: Date;
}

export interface BatchWriteResult {
  inserted: { states: number; counts: number; telemetry: number };
  duplicates: number;
  dirtyHours: DirtyHour[];
}

export function emptyBatch(): EventBatch {
  return { states: [], counts: [], telemetry: [], gatewaysSeen: [] };
}

export function telemetryPointCount(messages: TelemetryMessageRows[]): number {
  let points = 0;
  for (const message of messages) points += message.points.length;
  return points;
}

// Items: state events, count readings and telemetry points.
export function batchSize(batch: EventBatch): number {
  return batch.states.length + batch.counts.length + telemetryPointCount(batch.telemetry);
}

const HOUR = 3_600_000;

// The KPI hours that new state and count events touch. A state also holds after its timestamp, so
// the following hour is marked too once it has begun. An hour computed while open is computed
// once more after it closes (the worker's sweep), so its last minutes are never missing.
export function touchedHours(batch: Pick<EventBatch, 'states' | 'counts'>, now: Date): DirtyHour[] {
  const seen = new Map<string, DirtyHour>();
  const mark = (tenantId: string, machineId: string, hourMs: number) => {
    const key = `${machineId}|${hourMs}`;
    if (!seen.has(key)) seen.set(key, { tenantId, machineId, hourStart: new Date(hourMs) });
  };
  for (const e of batch.states) {
    const hour = Math.floor(e.ts.getTime() / HOUR) * HOUR;
    mark(e.tenantId, e.machineId, hour);
    if (hour + HOUR <= now.getTime()) mark(e.tenantId, e.machineId, hour + HOUR);
  }
  for (const e of batch.counts) mark(e.tenantId, e.machineId, Math.floor(e.ts.getTime() / HOUR) * HOUR);
  return [...seen.values()];
}
