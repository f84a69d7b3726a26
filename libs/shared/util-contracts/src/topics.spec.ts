import { deviceTopic, ingestSubscriptionFilters, parseDeviceTopic } from './topics';
import { machineHourJobId } from './queues';

describe('device topics', () => {
  it('builds and parses a gateway topic', () => {
    const topic = deviceTopic('demo-stuttgart-pl1', 'config/desired');
    expect(topic).toBe('cvg/demo-stuttgart-pl1/config/desired');
    expect(parseDeviceTopic(topic)).toEqual({ thingName: 'demo-stuttgart-pl1', channel: 'config/desired' });
  });

  it('refuses thing names that would escape the gateway subtree', () => {
    expect(() => deviceTopic('a/b', 'state')).toThrow(/invalid thing name "a\/b"/);
    expect(() => deviceTopic('+', 'state')).toThrow(/invalid thing name/);
    expect(parseDeviceTopic('cvg/#/state')).toBeNull();
    expect(parseDeviceTopic('cvg/gw-1/state/extra')).toBeNull();
    expect(parseDeviceTopic('other/gw-1/state')).toBeNull();
  });

  it('lets ingest replicas share one subscription per ingested channel', () => {
    expect(ingestSubscriptionFilters()).toEqual([
      '$share/ingest/cvg/+/telemetry',
      '$share/ingest/cvg/+/state',
      '$share/ingest/cvg/+/counts',
      '$share/ingest/cvg/+/presence',
    ]);
  });

  it('derives one job id per machine-hour, without the ":" BullMQ reserves', () => {
    const id = machineHourJobId('m-1', new Date('2026-11-25T10:00:00Z'));
    expect(id).toBe(machineHourJobId('m-1', new Date('2026-11-25T10:00:00.000Z')));
    expect(id).not.toContain(':');
    expect(id).not.toBe(machineHourJobId('m-1', new Date('2026-11-25T11:00:00Z')));
  });
});
