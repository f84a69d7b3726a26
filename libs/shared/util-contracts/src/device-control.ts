import { z } from 'zod';
import { epochMillis, machineKey, protocolVersion as version } from './device-payloads';

// The cloud's side of a gateway's digital twin and its commands (docs/device-protocol.md,
// "Configuration" and "Commands"). Desired configuration is a retained message the cloud replaces
// as a whole; the gateway answers with what it applied. Commands are MQTT 5 request/response: the
// command id travels as correlation data, the reply topic as the response topic.

export const MAX_CONFIG_VERSION = 2 ** 31 - 1;
export const COMMAND_NAMES = ['ping', 'resend-state', 'restart-agent'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];
export const COMMAND_STATUSES = ['succeeded', 'failed', 'rejected'] as const;
export type CommandReplyStatus = (typeof COMMAND_STATUSES)[number];
export const MIN_COMMAND_TIMEOUT_MS = 1_000;
export const MAX_COMMAND_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
// The command id: a UUID, as UTF-8 text, in the MQTT 5 correlation data of the request and the reply.
export const COMMAND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// What the cloud may configure on a gateway. Every field is optional: an absent field means "the
// gateway's own default". Strict: a gateway refuses (status "rejected") what it does not know.
export const gatewayConfigSchema = z.strictObject({
  // How often counts and telemetry are published.
  publishIntervalMs: z.number().int().min(1_000).max(3_600_000).optional(),
  // How often each machine's current state is repeated (see "State heartbeat").
  stateHeartbeatMs: z.number().int().min(1_000).max(300_000).optional(),
  logLevel: z.enum(['error', 'warn', 'info', 'debug']).optional(),
  // Per machine key: false stops reading and publishing that machine.
  machines: z.record(machineKey, z.strictObject({ enabled: z.boolean() })).optional(),
});
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

// cvg/<thing>/config/desired, retained, QoS 1, published by the cloud.
export const twinDesiredMessageSchema = z.strictObject({
  v: version,
  // Grows by one with every change the cloud makes; the gateway reports the version it applied.
  version: z.number().int().min(1).max(MAX_CONFIG_VERSION),
  ts: epochMillis,
  config: gatewayConfigSchema,
});
export type TwinDesiredMessage = z.infer<typeof twinDesiredMessageSchema>;

// cvg/<thing>/config/reported, QoS 1, published by the gateway after each desired message it
// handled and after every (re)connect.
export const twinReportedMessageSchema = z.strictObject({
  v: version,
  // The desired version this answers; 0 when the gateway never received one.
  version: z.number().int().min(0).max(MAX_CONFIG_VERSION),
  ts: epochMillis,
  status: z.enum(['applied', 'rejected']),
  // The configuration in force on the gateway now (after applying, or unchanged when rejected).
  config: gatewayConfigSchema,
  error: z.string().min(1).max(500).optional(),
});
export type TwinReportedMessage = z.infer<typeof twinReportedMessageSchema>;

// cvg/<thing>/cmd/req, QoS 1, not retained; correlation data = command id, response topic =
// cvg/<thing>/cmd/res, message expiry = the command's timeout.
export const commandRequestMessageSchema = z.strictObject({
  v: version,
  name: z.enum(COMMAND_NAMES),
  args: z.record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()])).optional(),
  // After this (epoch ms) the cloud has given up: a gateway does not run a command it gets later.
  expiresAt: epochMillis,
});
export type CommandRequestMessage = z.infer<typeof commandRequestMessageSchema>;

// cvg/<thing>/cmd/res, QoS 1, with the request's correlation data.
export const commandResponseMessageSchema = z.strictObject({
  v: version,
  status: z.enum(COMMAND_STATUSES),
  ts: epochMillis,
  result: z.record(z.string().max(64), z.union([z.string().max(1024), z.number(), z.boolean()])).optional(),
  error: z.string().min(1).max(500).optional(),
});
export type CommandResponseMessage = z.infer<typeof commandResponseMessageSchema>;
