import {
  EPOCH_MILLIS_MAX,
  EPOCH_MILLIS_MIN,
  MACHINE_KEY_PATTERN,
  MAX_ITEMS_PER_MESSAGE,
  METRIC_NAME_PATTERN,
  NAME_MAX_LENGTH,
  PROTOCOL_VERSION,
  TELEMETRY_VALUE_LIMIT,
  type TelemetryMessage,
} from '@convergent/shared-util-contracts';
import type { TimestampWindow } from './decode-device-message';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasKeys(record: Record<string, unknown>, count: number): boolean {
  let keys = 0;
  for (const key in record) if (Object.hasOwn(record, key)) keys += 1;
  return keys === count;
}

function isPoint(point: unknown, from: number, to: number): boolean {
  if (!isRecord(point) || !hasKeys(point, 3)) return false;
  const { ts, metric, value } = point;
  return (
    typeof ts === 'number' &&
    Number.isSafeInteger(ts) &&
    ts >= from &&
    ts <= to &&
    typeof metric === 'string' &&
    metric.length >= 1 &&
    metric.length <= NAME_MAX_LENGTH &&
    METRIC_NAME_PATTERN.test(metric) &&
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= -TELEMETRY_VALUE_LIMIT &&
    value <= TELEMETRY_VALUE_LIMIT
  );
}

// The common case, checked in one pass over the parsed JSON without building anything: a telemetry
// message that telemetryMessageSchema accepts as it is (no defaults, no extra keys) and whose points
// are all inside the timestamp window. The schema copies every point into an object of its own,
// and for messages of hundreds of points that was most of ingest's decoding cost (bench/ingest).
// Anything this refuses goes through the schema, which accepts it or says precisely why not, so
// this only has to be as strict as the schema, never less (valid-telemetry-message.spec.ts).
export function isValidTelemetryMessage(
  json: unknown,
  now: number,
  window: TimestampWindow,
): json is TelemetryMessage {
  if (!isRecord(json) || !hasKeys(json, 4)) return false;
  const { v, seq, machine, points } = json;
  if (
    v !== PROTOCOL_VERSION ||
    typeof seq !== 'number' ||
    !Number.isSafeInteger(seq) ||
    seq < 0 ||
    typeof machine !== 'string' ||
    machine.length < 1 ||
    machine.length > NAME_MAX_LENGTH ||
    !MACHINE_KEY_PATTERN.test(machine) ||
    !Array.isArray(points) ||
    points.length < 1 ||
    points.length > MAX_ITEMS_PER_MESSAGE
  )
    return false;
  const from = Math.max(EPOCH_MILLIS_MIN, now - window.maxAgeMs);
  const to = Math.min(EPOCH_MILLIS_MAX, now + window.maxAheadMs);
  for (const point of points) if (!isPoint(point, from, to)) return false;
  return true;
}
