import type { MachineState } from './machine-state';

// Every queue, job name and payload in one typed map. The worker refuses to start when a job
// name here has no processor (see apps/worker), so a new job cannot be silently dropped.
export const QUEUES = {
  kpi: 'kpi',
  maintenance: 'maintenance',
  alarms: 'alarms',
  notifications: 'notifications',
  // Long backfills run apart, so they never hold up finalizing and live figures.
  kpiBackfill: 'kpi-backfill',
  // Cloud-to-gateway messages: the API enqueues them, ingest (which holds the platform's broker
  // connection) publishes them; jobs in DeviceControlJobs, not in the worker's JobPayloads.
  deviceControl: 'device-control',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  // One machine's KPIs for one hour (ISO hour start), after new or late data.
  'kpi.machine-hour': { tenantId: string; machineId: string; hourStart: string };
  // Re-enqueues recompute marks whose job ran before the newest data arrived.
  'kpi.sweep-dirty': Record<string, never>;
  // One machine's KPIs for one shift, local day or week (or hour), from its raw events.
  'kpi.machine-bucket': {
    tenantId: string;
    machineId: string;
    granularity: KpiBucketGranularity;
    bucketStart: string;
    bucketEnd: string;
    shiftName: string | null;
  };
  // Scheduler: enqueues the buckets that closed since the last run and have no final result.
  'kpi.finalize-buckets': Record<string, never>;
  // Scheduler, every minute: enqueues a live shift- and day-so-far job per machine with recent data.
  'kpi.live-shifts': Record<string, never>;
  // One machine's shift and local day so far, stored as not final; the shift is announced as a
  // kpi.updated live event.
  'kpi.live-shift': { tenantId: string; machineId: string };
  // Every bucket of every machine below assetId (or of the tenant) in [from, to); reports progress.
  'kpi.backfill': { tenantId: string; assetId: string | null; from: string; to: string };
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

// The device-control queue's jobs. They carry ids only: the job reads the current rows, so a
// retried or late job publishes what holds now.
export interface DeviceControlJobs {
  // The gateway's desired configuration as it is now (version or later), retained on its
  // config/desired topic.
  'device.publish-desired': { tenantId: string; gatewayId: string; version: number };
  // A command request on cmd/req, unless it is no longer pending or its deadline passed.
  'device.send-command': { tenantId: string; commandId: string };
  // Delayed until the command's deadline: a command still pending then has timed out.
  'device.command-deadline': { tenantId: string; commandId: string };
}
export type DeviceControlJobName = keyof DeviceControlJobs;
export type KpiBucketGranularity = 'hour' | 'shift' | 'day' | 'week';

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
  'kpi.machine-bucket': QUEUES.kpi,
  'kpi.finalize-buckets': QUEUES.kpi,
  'kpi.live-shifts': QUEUES.kpi,
  'kpi.live-shift': QUEUES.kpi,
  'kpi.backfill': QUEUES.kpiBackfill,
};

// Job ids are derived from what the job computes, so enqueuing the same work twice is a no-op
// while it is waiting, and a finished job's result is upserted, never appended.
export function machineHourJobId(machineId: string, hourStart: Date): string {
  // BullMQ reserves ':' in job ids.
  return `kpi.machine-hour.${machineId}.${hourStart.getTime()}`;
}

export function machineBucketJobId(
  machineId: string,
  granularity: KpiBucketGranularity,
  start: Date,
): string {
  return `kpi.machine-bucket.${machineId}.${granularity}.${start.getTime()}`;
}

// One live computation per machine and minute, however many schedulers fire.
export function liveShiftJobId(machineId: string, at: Date): string {
  return `kpi.live-shift.${machineId}.${Math.floor(at.getTime() / 60_000)}`;
}
