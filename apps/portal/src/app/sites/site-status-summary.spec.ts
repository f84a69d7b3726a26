import { siteStatusLine } from './site-status-summary';

const NO_MACHINES = { running: 0, idle: 0, setup: 0, plannedStop: 0, down: 0, unknown: 0, total: 0 };

const status = (
  states: string[],
  gateways: number,
  offline: number,
  nextCursor: string | null = null,
  machineStateCounts = NO_MACHINES,
) => ({
  machineStateCounts,
  activeAlarms: { nextCursor, nodes: states.map((state, i) => ({ id: `a${i}`, state: state as never })) },
  gateways: { totalCount: gateways },
  offlineGateways: { totalCount: offline },
});

describe('siteStatusLine', () => {
  it('counts active alarms and the unacknowledged among them, and gateways offline', () => {
    expect(
      siteStatusLine(status(['active_unacknowledged', 'active_acknowledged', 'active_acknowledged'], 2, 1)),
    ).toEqual({
      machines: [],
      alarms: '3 active alarms (1 unacknowledged)',
      alarmsNeedAttention: true,
      gateways: '1 of 2 gateways offline',
      gatewaysNeedAttention: true,
    });
  });

  it('says when all is quiet, in the singular where it fits', () => {
    expect(siteStatusLine(status(['active_acknowledged'], 1, 0))).toEqual({
      machines: [],
      alarms: '1 active alarm',
      alarmsNeedAttention: false,
      gateways: '1 gateway, all online',
      gatewaysNeedAttention: false,
    });
    expect(siteStatusLine(status([], 0, 0))).toMatchObject({
      alarms: 'No active alarms',
      gateways: 'No gateways',
    });
  });

  it('says "200+" when there are more alarms than one page', () => {
    const many = Array.from({ length: 200 }, () => 'active_unacknowledged');
    expect(siteStatusLine(status(many, 1, 0, 'next')).alarms).toBe(
      '200+ active alarms (200+ unacknowledged)',
    );
  });

  it('names the states machines are in now, producing first, those needing help last', () => {
    const counts = { running: 4, idle: 0, setup: 1, plannedStop: 0, down: 2, unknown: 1, total: 8 };
    expect(siteStatusLine(status([], 1, 0, null, counts)).machines).toEqual([
      { state: 'running', label: '4 running', count: 4 },
      { state: 'setup', label: '1 in setup', count: 1 },
      { state: 'down', label: '2 down', count: 2 },
      { state: 'unknown', label: '1 unknown (no data for 15 min)', count: 1 },
    ]);
  });
});
