import {
  checkGatewayConfig,
  commandRequestMessageSchema,
  commandResponseMessageSchema,
  desiredConfigMessageSchema,
  desiredMessageTooLarge,
  reportedConfigMessageSchema,
} from './device-control';
import { controlReplySubscriptionFilters } from './topics';

const ts = 1_767_592_800_000;
const machines = [
  'press-1',
  {
    key: 'press-2',
    source: { kind: 'modbus', host: '10.0.0.21', tags: [{ name: 'speed', area: 'holding', address: 0 }] },
  },
];

describe('device control messages', () => {
  it('accepts the documented examples', () => {
    expect(desiredConfigMessageSchema.safeParse({ v: 1, version: 7, ts, config: { machines } }).success).toBe(
      true,
    );
    const checked = checkGatewayConfig({ machines });
    expect(checked.ok).toBe(true);
    expect(
      reportedConfigMessageSchema.safeParse({
        v: 1,
        seq: 1_767_592_800_000_001,
        version: 0,
        ts,
        status: 'applied',
        config: { machines: ['press-1'] },
      }).success,
    ).toBe(true);
    expect(commandRequestMessageSchema.safeParse({ v: 1, seq: 1, name: 'ping', expiresAt: ts }).success).toBe(
      true,
    );
    expect(
      commandResponseMessageSchema.safeParse({
        v: 1,
        seq: 5,
        status: 'succeeded',
        ts,
        result: { uptimeS: 3 },
      }).success,
    ).toBe(true);
  });

  it('fills in the defaults the agent runs with, so desired and reported compare equal', () => {
    const checked = checkGatewayConfig({ machines });
    if (!checked.ok) throw new Error(checked.problems.join('; '));
    expect(checked.config.machines[0]).toEqual({
      key: 'press-1',
      source: { kind: 'simulator', sensorSampleMs: 5_000, sensorDeadband: 0 },
      counters: [],
    });
    expect(checked.config.machines[1]?.source).toMatchObject({ kind: 'modbus', port: 502, unitId: 1 });
    expect(checkGatewayConfig(checked.config)).toEqual(checked);
  });

  it('names the field and the rule of every problem in a configuration', () => {
    expect(
      checkGatewayConfig({ machines: [{ key: 'press-2', source: { kind: 'modbus', tags: [] } }] }),
    ).toEqual({
      ok: false,
      problems: [
        'config.machines.0.source.host: required: the PLC address',
        'config.machines.0.source.tags: list at least one tag',
      ],
    });
    expect(checkGatewayConfig({ machines: ['a', 'a'] })).toEqual({
      ok: false,
      problems: ['config.machines: duplicate machine key "a"'],
    });
    expect(checkGatewayConfig({ machines: [], colour: 'red' })).toEqual({
      ok: false,
      problems: ['config.machines: required: at least one machine key', 'config: Unrecognized key: "colour"'],
    });
  });

  it('refuses unknown commands, missing sequence numbers and configurations too large to publish', () => {
    expect(
      commandRequestMessageSchema.safeParse({ v: 1, seq: 1, name: 'format-disk', expiresAt: ts }).success,
    ).toBe(false);
    expect(commandResponseMessageSchema.safeParse({ v: 1, status: 'succeeded', ts }).success).toBe(false);
    const huge = { v: 1 as const, version: 1, ts, config: { machines: [{ key: 'x'.repeat(140_000) }] } };
    expect(desiredMessageTooLarge(huge)).toMatch(
      /^the configuration is \d+ bytes as a message, the limit is 131072$/,
    );
    expect(desiredMessageTooLarge({ v: 1, version: 1, ts, config: { machines } })).toBeNull();
  });

  it('lets ingest replicas share the reply channels', () => {
    expect(controlReplySubscriptionFilters()).toEqual([
      '$share/ingest/cvg/+/config/reported',
      '$share/ingest/cvg/+/cmd/res',
    ]);
  });
});
