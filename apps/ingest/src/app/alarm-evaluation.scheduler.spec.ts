import { alarmSamplesOf } from './alarm-evaluation.scheduler';

const key = { tenantId: 't-1', machineId: 'm-1', gatewayId: 'g-1', seq: 1 };

describe('alarmSamplesOf', () => {
  it('joins the metrics of one machine and instant into one sample and keeps state changes', () => {
    const at = new Date('2026-11-25T10:00:00Z');
    const later = new Date('2026-11-25T10:00:01Z');
    expect(
      alarmSamplesOf({
        telemetry: [
          { ...key, idx: 0, ts: at, metric: 'temperature', value: 81 },
          { ...key, idx: 1, ts: at, metric: 'vibration', value: 2.5 },
          { ...key, idx: 2, ts: later, metric: 'temperature', value: 82 },
        ],
        states: [{ ...key, idx: 0, ts: later, state: 'down', reason: null }],
      }),
    ).toEqual([
      { tenantId: 't-1', machineId: 'm-1', ts: at.getTime(), values: { temperature: 81, vibration: 2.5 } },
      { tenantId: 't-1', machineId: 'm-1', ts: later.getTime(), values: { temperature: 82 } },
      { tenantId: 't-1', machineId: 'm-1', ts: later.getTime(), state: 'down' },
    ]);
  });
});
