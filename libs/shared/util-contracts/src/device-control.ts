import { z } from 'zod';
import { MAX_PAYLOAD_BYTES, epochMillis, protocolVersion as version } from './device-payloads';
import { machineListSchema } from './gateway-machines';

// A gateway's digital twin and its commands (docs/device-protocol.md, "Configuration" and
// "Commands"), one contract for the cloud (API, ingest) and the edge agent. The desired
// configuration is a retained message the cloud replaces as a whole; the gateway answers with the
// configuration it runs. Commands are MQTT 5 request/response: the command id travels as
// correlation data, the reply topic as the response topic.

export const MAX_CONFIG_VERSION = 2 ** 31 - 1;
// The gateway-wide message counter (device-payloads' `seq`), also on its replies.
const gatewaySeq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// What the cloud may configure on a gateway: the machines it reads (the same schema as the agent's
// local file, defaults included, so a configuration the API accepts is one the agent accepts).
export const gatewayConfigSchema = z.strictObject({ machines: machineListSchema });
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export type ConfigCheck = { ok: true; config: GatewayConfig } | { ok: false; problems: string[] };

// Checks a configuration; problems name the field, e.g. "config.machines.0.source.host: required:
// the PLC address". Valid: the configuration with every default filled in, as the agent runs it.
export function checkGatewayConfig(config: unknown): ConfigCheck {
  const result = gatewayConfigSchema.safeParse(config);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${['config', ...issue.path].join('.')}: ${issue.message}`),
  };
}

// cvg/<thing>/config/desired, retained, QoS 1, published by the cloud. The envelope is checked
// apart from the configuration so a gateway can name the version it rejects.
export const desiredConfigMessageSchema = z.strictObject({
  v: version,
  // The cloud's per-gateway sequence for configurations: grows by one with every change.
  version: z.number().int().min(1).max(MAX_CONFIG_VERSION),
  ts: epochMillis,
  config: z.record(z.string(), z.unknown()),
});
export type DesiredConfigMessage = z.infer<typeof desiredConfigMessageSchema>;

export const CONFIG_REPORT_STATUSES = ['applied', 'rejected'] as const;
export type ConfigReportStatus = (typeof CONFIG_REPORT_STATUSES)[number];

// cvg/<thing>/config/reported, QoS 1, published by the gateway after each desired message it
// handled and after every (re)connect.
export const reportedConfigMessageSchema = z.strictObject({
  v: version,
  seq: gatewaySeq,
  // The desired version this answers (rejected) or runs (applied); 0: the gateway's local file.
  version: z.number().int().min(0).max(MAX_CONFIG_VERSION),
  ts: epochMillis,
  status: z.enum(CONFIG_REPORT_STATUSES),
  // The configuration in force on the gateway now (unchanged when rejected).
  config: gatewayConfigSchema,
  error: z.string().min(1).max(4000).optional(),
});
export type ReportedConfigMessage = z.infer<typeof reportedConfigMessageSchema>;

// What the reference agent can do on request (docs/device-protocol.md, "Commands").
export const COMMAND_NAMES = ['ping', 'machine-health', 'restart-connectors'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];
export const MIN_COMMAND_TIMEOUT_MS = 1_000;
export const MAX_COMMAND_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
// The command id: a UUID, as UTF-8 text, in the MQTT 5 correlation data of the request and the reply.
export const COMMAND_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const scalarRecord = (maxKeys: number, maxText: number) =>
  z
    .record(z.string().min(1).max(64), z.union([z.string().max(maxText), z.number(), z.boolean()]))
    .refine((record) => Object.keys(record).length <= maxKeys, `at most ${maxKeys} entries`);

export const commandArgsSchema = scalarRecord(32, 256);
export type CommandArgs = z.infer<typeof commandArgsSchema>;

// cvg/<thing>/cmd/req, QoS 1, not retained; correlation data = command id, response topic =
// cvg/<thing>/cmd/res, message expiry = what is left of the command's timeout.
export const commandRequestMessageSchema = z.strictObject({
  v: version,
  // The cloud's per-gateway command counter (1, 2, ...).
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  name: z.enum(COMMAND_NAMES),
  args: commandArgsSchema.optional(),
  // After this (epoch ms) the cloud has given up: a gateway does not run a command it gets later.
  expiresAt: epochMillis,
});
export type CommandRequestMessage = z.infer<typeof commandRequestMessageSchema>;

export const COMMAND_REPLY_STATUSES = ['succeeded', 'failed', 'rejected'] as const;
export type CommandReplyStatus = (typeof COMMAND_REPLY_STATUSES)[number];

// cvg/<thing>/cmd/res, QoS 1, with the request's correlation data.
export const commandResponseMessageSchema = z.strictObject({
  v: version,
  seq: gatewaySeq,
  status: z.enum(COMMAND_REPLY_STATUSES),
  ts: epochMillis,
  result: scalarRecord(64, 1024).optional(),
  error: z.string().min(1).max(500).optional(),
});
export type CommandResponseMessage = z.infer<typeof commandResponseMessageSchema>;

// A desired configuration the broker (and AWS IoT Core) would refuse is refused up front.
export function desiredMessageTooLarge(message: DesiredConfigMessage): string | null {
  const bytes = new TextEncoder().encode(JSON.stringify(message)).byteLength;
  return bytes > MAX_PAYLOAD_BYTES
    ? `the configuration is ${bytes} bytes as a message, the limit is ${MAX_PAYLOAD_BYTES}`
    : null;
}
