import type { MachineState } from './machine-state';

// Every queue, job name and payload in one typed map. The worker refuses to start when a job
// name here has no processor (see apps/worker), so a new job cannot be silently dropped.
export const QUEUES = {
  kpi: 'kpi',
  maintenance: 'maintenance',
  alarms: 'alarms',
  notifications: 'notifications',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  // One machine's KPIs for one hour (ISO hour start), after new or late data.
  'kpi.machine-hour': { tenantId: string; machineId: string; hourStart: string };
  // Re-enqueues recompute marks whose job ran before the newest data arrived.
  'kpi.sweep-dirty': Record<string, never>;
  // Creates the event tables' daily partitions ahead of time.
  'maintenance.ensure-partitions': Record<string, never>;
  // Recomputes the telemetry rollups of the last minutes (late points included).
  'telemetry.rollup': { lookbackMinutes: number };
  // Raw events past each tenant's retention, old rollups and dead letters go.
  'maintenance.retention': Record<string, never>;
  // Alarm rules over the samples of one ingest flush (see docs/alarms.md).
  'alarms.evaluate': { samples: AlarmSample[] };
  // Time-based conditions (durations, no-data, escalation, delayed clear, repeats) and reminders.
  'alarms.tick': Record<string, never>;
  // Anomaly and trend-to-limit scan of recent telemetry into maintenance warnings.
  'alarms.scan-maintenance': Record<string, never>;
  // One notification to one channel; the delivery row holds the payload and the attempts.
  'notifications.deliver': { tenantId: string; deliveryId: string };
}

// What an alarm rule sees of one machine at one instant: telemetry values and/or a machine state.
export interface AlarmSample {
  tenantId: string;
  machineId: string;
  // Epoch milliseconds.
  ts: number;
  values?: Record<string, number>;
  state?: MachineState;
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'kpi.machine-hour': QUEUES.kpi,
  'kpi.sweep-dirty': QUEUES.kpi,
  'maintenance.ensure-partitions': QUEUES.maintenance,
  'telemetry.rollup': QUEUES.maintenance,
  'maintenance.retention': QUEUES.maintenance,
  'alarms.evaluate': QUEUES.alarms,
  'alarms.tick': QUEUES.alarms,
  'alarms.scan-maintenance': QUEUES.alarms,
  'notifications.deliver': QUEUES.notifications,
};

// Job ids are derived from what the job computes, so enqueuing the same work twice is a no-op
// while it is waiting, and a finished job's result is upserted, never appended.
export function machineHourJobId(machineId: string, hourStart: Date): string {
  // BullMQ reserves ':' in job ids.
  return `kpi.machine-hour.${machineId}.${hourStart.getTime()}`;
}
