import { decodeControlReply, decodeDeviceMessage } from './decode-device-message';

const now = new Date('2026-11-25T12:00:00Z');
const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const state = (overrides: Record<string, unknown> = {}) => ({
  v: 1,
  seq: 7,
  machine: 'press-01',
  events: [{ ts: now.getTime() - 1000, state: 'running' }],
  ...overrides,
});

describe('decodeDeviceMessage', () => {
  it('accepts a valid state message and names its gateway', () => {
    const result = decodeDeviceMessage('cvg/gw-1/state', bytes(state()), now);
    expect(result).toEqual({ ok: true, value: { channel: 'state', thingName: 'gw-1', message: state() } });
  });

  it('accepts increments and cumulative counter readings', () => {
    const counts = {
      v: 1,
      seq: 8,
      machine: 'press-01',
      counts: [
        { ts: now.getTime(), counter: 'produced', increment: 12 },
        { ts: now.getTime(), counter: 'scrap', cumulative: 40_001 },
      ],
    };
    expect(decodeDeviceMessage('cvg/gw-1/counts', bytes(counts), now).ok).toBe(true);
  });

  it.each([
    ['a topic outside the tree', 'other/gw-1/state', bytes(state()), /unknown topic/],
    ['a channel the cloud does not ingest', 'cvg/gw-1/cmd/req', bytes(state()), /not ingested/],
    ['broken JSON', 'cvg/gw-1/state', bytes('{"v":1,'), /not UTF-8 JSON/],
    ['invalid UTF-8', 'cvg/gw-1/state', new Uint8Array([0xff, 0xfe, 0x7b]), /not UTF-8 JSON/],
    [
      'a future protocol version',
      'cvg/gw-1/state',
      bytes(state({ v: 2 })),
      /v: unsupported protocol version/,
    ],
    [
      'an unknown state',
      'cvg/gw-1/state',
      bytes(state({ events: [{ ts: now.getTime(), state: 'dancing' }] })),
      /events\[0\]\.state/,
    ],
    ['a string where a number belongs', 'cvg/gw-1/state', bytes(state({ seq: '7' })), /seq: /],
    ['an unexpected field', 'cvg/gw-1/state', bytes(state({ gateway: 'someone-else' })), /gateway/],
    ['an oversized payload', 'cvg/gw-1/state', new Uint8Array(200_000), /payload too large: 200000 bytes/],
    [
      'a reading from 40 days ago',
      'cvg/gw-1/state',
      bytes(state({ events: [{ ts: now.getTime() - 40 * 86_400_000, state: 'running' }] })),
      /events\[0\]\.ts=.* is older than 30 days/,
    ],
    [
      'a clock an hour ahead',
      'cvg/gw-1/state',
      bytes(state({ events: [{ ts: now.getTime() + 3_600_000, state: 'running' }] })),
      /more than 5 minutes ahead/,
    ],
    [
      'a non-finite sensor value',
      'cvg/gw-1/telemetry',
      bytes({ v: 1, seq: 1, machine: 'm', points: [{ ts: now.getTime(), metric: 'temp', value: '1e999' }] }),
      /points\[0\]\.value/,
    ],
  ])('rejects %s with a specific reason', (_case, topic, payload, reason) => {
    const result = decodeDeviceMessage(topic, payload, now);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('keeps the gateway name of a rejected message for its dead letter', () => {
    expect(decodeDeviceMessage('cvg/gw-9/state', bytes('nope'), now)).toMatchObject({
      ok: false,
      thingName: 'gw-9',
    });
  });
});

describe('decodeControlReply', () => {
  const id = '4b0d7c1e-1f2a-4c3b-8d4e-5f6a7b8c9d0e';
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const ts = 1_767_592_800_000;

  it('reads a configuration report and a command answer with its command id', () => {
    const report = { v: 1, seq: 9, version: 2, ts, status: 'applied', config: { machines: ['press-1'] } };
    const decoded = decodeControlReply('cvg/gw-1/config/reported', bytes(report), undefined);
    expect(decoded).toMatchObject({ ok: true, value: { channel: 'config/reported', thingName: 'gw-1' } });
    const answer = { v: 1, seq: 10, status: 'succeeded', ts, result: { uptimeS: 4 } };
    expect(decodeControlReply('cvg/gw-1/cmd/res', bytes(answer), new TextEncoder().encode(id))).toEqual({
      ok: true,
      value: { channel: 'cmd/res', thingName: 'gw-1', commandId: id, message: answer },
    });
  });

  it('gives a specific reason for what it refuses', () => {
    const answer = { v: 1, seq: 10, status: 'succeeded', ts };
    expect(decodeControlReply('cvg/gw-1/cmd/res', bytes(answer), undefined)).toEqual({
      ok: false,
      thingName: 'gw-1',
      reason: "command answer without a command id: the correlation data must be the request's",
    });
    expect(
      decodeControlReply(
        'cvg/gw-1/config/reported',
        bytes({ v: 1, seq: 1, version: 1, ts, status: 'ok', config: {} }),
        undefined,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/^schema violation: status: /) as string });
    expect(decodeControlReply('cvg/gw-1/state', bytes({}), undefined)).toEqual({
      ok: false,
      thingName: 'gw-1',
      reason: 'channel "state" carries no reply to the cloud',
    });
  });
});
