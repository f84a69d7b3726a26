import type { z } from 'zod';
import {
  COMMAND_ID,
  MAX_PAYLOAD_BYTES,
  commandResponseMessageSchema,
  reportedConfigMessageSchema,
  type CommandResponseMessage,
  type DeviceChannel,
  type ReportedConfigMessage,
  countMessageSchema,
  parseDeviceTopic,
  presenceMessageSchema,
  stateMessageSchema,
  telemetryMessageSchema,
  type CountMessage,
  type PresenceMessage,
  type StateMessage,
  type TelemetryMessage,
} from '@convergent/shared-util-contracts';
import { isValidTelemetryMessage } from './valid-telemetry-message';

export type DecodedMessage =
  | { channel: 'state'; thingName: string; message: StateMessage }
  | { channel: 'counts'; thingName: string; message: CountMessage }
  | { channel: 'telemetry'; thingName: string; message: TelemetryMessage }
  | { channel: 'presence'; thingName: string; message: PresenceMessage };

export type DecodeResult =
  { ok: true; value: DecodedMessage } | { ok: false; reason: string; thingName: string | null };

export interface TimestampWindow {
  // How old a reading may be: older data has no partition to land in and no bucket to recompute.
  maxAgeMs: number;
  // How far ahead of the cloud's clock a gateway's clock may run.
  maxAheadMs: number;
}

export const DEFAULT_TIMESTAMP_WINDOW: TimestampWindow = {
  maxAgeMs: 30 * 86_400_000,
  maxAheadMs: 5 * 60_000,
};

const decoder = new TextDecoder('utf-8', { fatal: true });

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return `${path.replace(/^\./, '') || '(message)'}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `schema violation: ${shown.join('; ')}${more}`;
}

function outOfWindow(timestamps: Array<{ ts: number; label: string }>, now: number, window: TimestampWindow) {
  for (const { ts, label } of timestamps) {
    if (ts < now - window.maxAgeMs) {
      return `timestamp out of window: ${label}=${new Date(ts).toISOString()} is older than ${Math.round(window.maxAgeMs / 86_400_000)} days`;
    }
    if (ts > now + window.maxAheadMs) {
      return `timestamp out of window: ${label}=${new Date(ts).toISOString()} is more than ${Math.round(window.maxAheadMs / 60_000)} minutes ahead of the cloud's clock`;
    }
  }
  return null;
}

type Failure = { ok: false; reason: string; thingName: string | null };

// Topic, size and JSON: what every channel checks first.
function openEnvelope(
  topic: string,
  payload: Uint8Array,
): { ok: true; thingName: string; channel: DeviceChannel; json: unknown } | Failure {
  const parsedTopic = parseDeviceTopic(topic);
  if (!parsedTopic) return { ok: false, reason: `unknown topic "${topic.slice(0, 200)}"`, thingName: null };
  const { thingName, channel } = parsedTopic;
  if (payload.byteLength > MAX_PAYLOAD_BYTES) {
    return {
      ok: false,
      reason: `payload too large: ${payload.byteLength} bytes, the limit is ${MAX_PAYLOAD_BYTES}`,
      thingName,
    };
  }
  try {
    return { ok: true, thingName, channel, json: JSON.parse(decoder.decode(payload)) };
  } catch (error) {
    return { ok: false, reason: `payload is not UTF-8 JSON: ${(error as Error).message}`, thingName };
  }
}

export type DecodedControlReply =
  | { channel: 'config/reported'; thingName: string; message: ReportedConfigMessage }
  | { channel: 'cmd/res'; thingName: string; commandId: string; message: CommandResponseMessage };

export type ControlReplyResult = { ok: true; value: DecodedControlReply } | Failure;

// A gateway's reply to the cloud's configuration or command. A command answer must carry the
// command id as MQTT 5 correlation data. Pure like decodeDeviceMessage.
export function decodeControlReply(
  topic: string,
  payload: Uint8Array,
  correlationData: Uint8Array | undefined,
): ControlReplyResult {
  const envelope = openEnvelope(topic, payload);
  if (!envelope.ok) return envelope;
  const { thingName, channel, json } = envelope;
  const fail = (reason: string): Failure => ({ ok: false, reason, thingName });
  if (channel === 'config/reported') {
    const result = reportedConfigMessageSchema.safeParse(json);
    return result.success
      ? { ok: true, value: { channel, thingName, message: result.data } }
      : fail(describeIssues(result.error));
  }
  if (channel === 'cmd/res') {
    const commandId = correlationData === undefined ? undefined : new TextDecoder().decode(correlationData);
    if (commandId === undefined || !COMMAND_ID.test(commandId))
      return fail("command answer without a command id: the correlation data must be the request's");
    const result = commandResponseMessageSchema.safeParse(json);
    return result.success
      ? { ok: true, value: { channel, thingName, commandId, message: result.data } }
      : fail(describeIssues(result.error));
  }
  return fail(`channel "${channel}" carries no reply to the cloud`);
}

// Turns one MQTT message into a validated device message or a specific reason for the dead-letter
// store. Pure: the same bytes, topic and clock always give the same answer.
export function decodeDeviceMessage(
  topic: string,
  payload: Uint8Array,
  now: Date,
  window: TimestampWindow = DEFAULT_TIMESTAMP_WINDOW,
): DecodeResult {
  const envelope = openEnvelope(topic, payload);
  if (!envelope.ok) return envelope;
  const { thingName, channel, json } = envelope;
  const fail = (reason: string): DecodeResult => ({ ok: false, reason, thingName });
  const at = now.getTime();
  switch (channel) {
    case 'state': {
      const result = stateMessageSchema.safeParse(json);
      if (!result.success) return fail(describeIssues(result.error));
      const late = outOfWindow(
        result.data.events.map((e, i) => ({ ts: e.ts, label: `events[${i}].ts` })),
        at,
        window,
      );
      return late ? fail(late) : { ok: true, value: { channel, thingName, message: result.data } };
    }
    case 'counts': {
      const result = countMessageSchema.safeParse(json);
      if (!result.success) return fail(describeIssues(result.error));
      const late = outOfWindow(
        result.data.counts.map((c, i) => ({ ts: c.ts, label: `counts[${i}].ts` })),
        at,
        window,
      );
      return late ? fail(late) : { ok: true, value: { channel, thingName, message: result.data } };
    }
    case 'telemetry': {
      if (isValidTelemetryMessage(json, at, window))
        return { ok: true, value: { channel, thingName, message: json } };
      const result = telemetryMessageSchema.safeParse(json);
      if (!result.success) return fail(describeIssues(result.error));
      const late = outOfWindow(
        result.data.points.map((p, i) => ({ ts: p.ts, label: `points[${i}].ts` })),
        at,
        window,
      );
      return late ? fail(late) : { ok: true, value: { channel, thingName, message: result.data } };
    }
    case 'presence': {
      const result = presenceMessageSchema.safeParse(json);
      return result.success
        ? { ok: true, value: { channel, thingName, message: result.data } }
        : fail(describeIssues(result.error));
    }
    case 'config/desired':
    case 'config/reported':
    case 'cmd/req':
    case 'cmd/res':
      return fail(`channel "${channel}" is not ingested`);
  }
}
