import { telemetryMessageSchema } from '@convergent/shared-util-contracts';
import { DEFAULT_TIMESTAMP_WINDOW, decodeDeviceMessage } from './decode-device-message';
import { isValidTelemetryMessage } from './valid-telemetry-message';

const now = Date.parse('2026-11-25T10:00:00Z');
const window = DEFAULT_TIMESTAMP_WINDOW;

function message(
  change: (m: Record<string, unknown>, point: Record<string, unknown>) => void = () => undefined,
) {
  const point: Record<string, unknown> = { ts: now - 1000, metric: 'spindle.temp', value: 71.25 };
  const m: Record<string, unknown> = {
    v: 1,
    seq: 1767592800000001,
    machine: 'press-1',
    points: [{ ts: now - 2000, metric: 'spindle.load', value: -3 }, point],
  };
  change(m, point);
  // As it arrives: parsed from JSON.
  return JSON.parse(JSON.stringify(m)) as unknown;
}

// What the schema and the timestamp window together accept.
function acceptedBySchema(json: unknown): boolean {
  const result = telemetryMessageSchema.safeParse(json);
  return (
    result.success &&
    result.data.points.every((p) => p.ts >= now - window.maxAgeMs && p.ts <= now + window.maxAheadMs)
  );
}

const variants: Array<[string, (m: Record<string, unknown>, p: Record<string, unknown>) => void]> = [
  ['as sent', () => undefined],
  ['version 2', (m) => (m['v'] = 2)],
  ['version as text', (m) => (m['v'] = '1')],
  ['no version', (m) => delete m['v']],
  ['negative seq', (m) => (m['seq'] = -1)],
  ['fractional seq', (m) => (m['seq'] = 1.5)],
  ['seq as text', (m) => (m['seq'] = '1')],
  ['seq beyond 2^53', (m) => (m['seq'] = 2 ** 53)],
  ['largest seq', (m) => (m['seq'] = Number.MAX_SAFE_INTEGER)],
  ['empty machine key', (m) => (m['machine'] = '')],
  ['machine key of 64', (m) => (m['machine'] = 'm'.repeat(64))],
  ['machine key of 65', (m) => (m['machine'] = 'm'.repeat(65))],
  ['machine key with a colon', (m) => (m['machine'] = 'line:1')],
  ['machine key with a space', (m) => (m['machine'] = 'line 1')],
  ['machine key as number', (m) => (m['machine'] = 7)],
  ['no points', (m) => (m['points'] = [])],
  [
    '1000 points',
    (m) => (m['points'] = Array.from({ length: 1000 }, () => ({ ts: now, metric: 'a', value: 1 }))),
  ],
  [
    '1001 points',
    (m) => (m['points'] = Array.from({ length: 1001 }, () => ({ ts: now, metric: 'a', value: 1 }))),
  ],
  ['points not a list', (m) => (m['points'] = { ts: now })],
  ['a null point', (m) => (m['points'] = [null])],
  ['a list as point', (m) => (m['points'] = [[now, 'a', 1]])],
  ['an extra key', (m) => (m['site'] = 'x')],
  ['fractional ts', (_, p) => (p['ts'] = now + 0.5)],
  ['ts as text', (_, p) => (p['ts'] = String(now))],
  ['ts at the oldest', (_, p) => (p['ts'] = now - window.maxAgeMs)],
  ['ts a ms too old', (_, p) => (p['ts'] = now - window.maxAgeMs - 1)],
  ['ts at the furthest ahead', (_, p) => (p['ts'] = now + window.maxAheadMs)],
  ['ts a ms too far ahead', (_, p) => (p['ts'] = now + window.maxAheadMs + 1)],
  ['no ts', (_, p) => delete p['ts']],
  ['empty metric', (_, p) => (p['metric'] = '')],
  ['metric of 64', (_, p) => (p['metric'] = 'x'.repeat(64))],
  ['metric of 65', (_, p) => (p['metric'] = 'x'.repeat(65))],
  ['metric with a colon', (_, p) => (p['metric'] = 'a:b')],
  ['metric as number', (_, p) => (p['metric'] = 5)],
  ['value at the limit', (_, p) => (p['value'] = -1e12)],
  ['value beyond the limit', (_, p) => (p['value'] = 1e12 + 1)],
  ['value as text', (_, p) => (p['value'] = '1')],
  ['value null', (_, p) => (p['value'] = null)],
  ['no value', (_, p) => delete p['value']],
  ['an extra point key', (_, p) => (p['unit'] = 'C')],
];

describe('isValidTelemetryMessage', () => {
  it.each(variants)('agrees with the schema and the window on a message with %s', (_, change) => {
    const json = message(change);
    expect(isValidTelemetryMessage(json, now, window)).toBe(acceptedBySchema(json));
  });

  it('hands on the same message the schema would', () => {
    const json = message();
    const decoded = decodeDeviceMessage(
      'cvg/gw-1/telemetry',
      Buffer.from(JSON.stringify(json)),
      new Date(now),
    );
    expect(decoded).toEqual({
      ok: true,
      value: { channel: 'telemetry', thingName: 'gw-1', message: telemetryMessageSchema.parse(json) },
    });
  });

  it('still names what is wrong with a message it refuses', () => {
    const json = message((_, p) => (p['ts'] = now + window.maxAheadMs + 1));
    const decoded = decodeDeviceMessage(
      'cvg/gw-1/telemetry',
      Buffer.from(JSON.stringify(json)),
      new Date(now),
    );
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toMatch(/points\[1\]\.ts=.* ahead/);
  });
});
