import {
  commandRequestMessageSchema,
  commandResponseMessageSchema,
  twinDesiredMessageSchema,
  twinReportedMessageSchema,
} from './device-control';
import { controlReplySubscriptionFilters } from './topics';

const ts = 1_767_592_800_000;

describe('device control messages', () => {
  it('accepts the documented examples', () => {
    expect(
      twinDesiredMessageSchema.safeParse({
        v: 1,
        version: 7,
        ts,
        config: { publishIntervalMs: 10_000, machines: { 'press-1': { enabled: false } } },
      }).success,
    ).toBe(true);
    expect(
      twinReportedMessageSchema.safeParse({ v: 1, version: 0, ts, status: 'applied', config: {} }).success,
    ).toBe(true);
    expect(commandRequestMessageSchema.safeParse({ v: 1, name: 'ping', expiresAt: ts }).success).toBe(true);
    expect(
      commandResponseMessageSchema.safeParse({ v: 1, status: 'succeeded', ts, result: { uptimeS: 3 } })
        .success,
    ).toBe(true);
  });

  it('refuses unknown fields, unknown commands and out-of-range settings', () => {
    expect(
      twinDesiredMessageSchema.safeParse({ v: 1, version: 1, ts, config: { colour: 'red' } }).success,
    ).toBe(false);
    expect(
      twinDesiredMessageSchema.safeParse({ v: 1, version: 1, ts, config: { publishIntervalMs: 10 } }).success,
    ).toBe(false);
    expect(commandRequestMessageSchema.safeParse({ v: 1, name: 'format-disk', expiresAt: ts }).success).toBe(
      false,
    );
  });

  it('lets ingest replicas share the reply channels', () => {
    expect(controlReplySubscriptionFilters()).toEqual([
      '$share/ingest/cvg/+/config/reported',
      '$share/ingest/cvg/+/cmd/res',
    ]);
  });
});
