import { z } from 'zod';
import { COUNTERS, MACHINE_STATES } from './machine-state';

// Version 1 of the device protocol (docs/device-protocol.md). Every message carries the protocol
// version and the gateway's own sequence number; (gateway, seq) is what the cloud de-duplicates on,
// so a replay after an outage is harmless.
export const PROTOCOL_VERSION = 1;

// AWS IoT Core refuses payloads over 128 KB; the local broker and ingest enforce the same.
export const MAX_PAYLOAD_BYTES = 128 * 1024;
export const MAX_ITEMS_PER_MESSAGE = 1000;

// The limits below are also checked by ingest's fast path for valid telemetry (util-decoding).
export const EPOCH_MILLIS_MIN = 946_684_800_000;
export const EPOCH_MILLIS_MAX = 4_102_444_800_000;
export const NAME_MAX_LENGTH = 64;
export const MACHINE_KEY_PATTERN = /^[A-Za-z0-9._:-]+$/;
export const METRIC_NAME_PATTERN = /^[A-Za-z0-9._-]+$/;
export const TELEMETRY_VALUE_LIMIT = 1e12;

export const epochMillis = z
  .number()
  .int()
  .min(EPOCH_MILLIS_MIN, 'timestamp before the year 2000')
  .max(EPOCH_MILLIS_MAX, 'timestamp after the year 2100');
export const machineKey = z
  .string()
  .min(1)
  .max(NAME_MAX_LENGTH)
  .regex(MACHINE_KEY_PATTERN, 'machine key may use A-Z a-z 0-9 . _ : - only');
export const protocolVersion = z.literal(PROTOCOL_VERSION, {
  error: `unsupported protocol version: expected ${PROTOCOL_VERSION}`,
});
const header = {
  v: protocolVersion,
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
};

export const stateEventSchema = z.strictObject({
  ts: epochMillis,
  state: z.enum(MACHINE_STATES),
  reason: z.string().min(1).max(32).optional(),
});

export const stateMessageSchema = z.strictObject({
  ...header,
  machine: machineKey,
  events: z.array(stateEventSchema).min(1).max(MAX_ITEMS_PER_MESSAGE),
});

// A counter reading is either an increment since the last reading, or the machine's cumulative
// counter value (which may reset or roll over; the KPI engine turns it into increments).
export const countReadingSchema = z.union([
  z.strictObject({
    ts: epochMillis,
    counter: z.enum(COUNTERS),
    increment: z.number().int().min(0).max(1_000_000),
  }),
  z.strictObject({ ts: epochMillis, counter: z.enum(COUNTERS), cumulative: z.number().int().min(0) }),
]);

export const countMessageSchema = z.strictObject({
  ...header,
  machine: machineKey,
  counts: z.array(countReadingSchema).min(1).max(MAX_ITEMS_PER_MESSAGE),
});

export const telemetryPointSchema = z.strictObject({
  ts: epochMillis,
  metric: z
    .string()
    .min(1)
    .max(NAME_MAX_LENGTH)
    .regex(METRIC_NAME_PATTERN, 'metric name may use A-Z a-z 0-9 . _ - only'),
  value: z.number().finite().min(-TELEMETRY_VALUE_LIMIT).max(TELEMETRY_VALUE_LIMIT),
});

export const telemetryMessageSchema = z.strictObject({
  ...header,
  machine: machineKey,
  points: z.array(telemetryPointSchema).min(1).max(MAX_ITEMS_PER_MESSAGE),
});

export const presenceMessageSchema = z.strictObject({
  v: header.v,
  status: z.enum(['online', 'offline']),
  ts: epochMillis.optional(),
  agentVersion: z.string().max(32).optional(),
});

export type StateMessage = z.infer<typeof stateMessageSchema>;
export type StateEvent = z.infer<typeof stateEventSchema>;
export type CountMessage = z.infer<typeof countMessageSchema>;
export type CountReading = z.infer<typeof countReadingSchema>;
export type TelemetryMessage = z.infer<typeof telemetryMessageSchema>;
export type TelemetryPoint = z.infer<typeof telemetryPointSchema>;
export type PresenceMessage = z.infer<typeof presenceMessageSchema>;
