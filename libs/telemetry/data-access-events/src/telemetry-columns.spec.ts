import { telemetryColumns } from './telemetry-columns';

describe('telemetryColumns', () => {
  it('sends what a message shares once, and each point by message number, offset and metric number', () => {
    const key = { tenantId: 't-1', machineId: 'm-1', gatewayId: 'g-1' };
    const columns = telemetryColumns([
      {
        ...key,
        seq: 7,
        points: [
          { ts: 1_764_000_000_500, metric: 'temp', value: 71.5 },
          { ts: 1_764_000_000_490, metric: 'load', value: -2 },
        ],
      },
      { ...key, machineId: 'm-2', seq: 8, points: [{ ts: 1_764_000_001_000, metric: 'temp', value: 3 }] },
    ]);
    expect(columns).toEqual({
      messages: {
        gatewayIds: '{"g-1","g-1"}',
        machineIds: '{"m-1","m-2"}',
        seqs: '{7,8}',
        firstTs: '{1764000000500,1764000001000}',
      },
      metricNames: '{"temp","load"}',
      points: {
        message: '{1,1,2}',
        idx: '{0,1,0}',
        tsOffset: '{0,-10,0}',
        metric: '{1,2,1}',
        value: '{71.5,-2,3}',
      },
    });
  });
});
