import { screen, within } from '@testing-library/react';
import { formatDateTime } from '../format/format';
import { assetPage, graphQlError, mockGraphQl, plantAssets, renderPortal, signedInAs } from '../spec-helpers';

// The first test also loads the asset page's lazy chunks.
const LOAD = { timeout: 15_000 };

const modbusConfig = JSON.stringify({
  machines: [
    {
      key: 'press-1',
      source: {
        kind: 'modbus',
        host: '10.0.0.5',
        port: 502,
        tags: [
          { name: 'spindle.speed', area: 'holding', address: 100, type: 'float32', sampleMs: 1000 },
          { name: 'parts', area: 'input', address: 7, sampleMs: 500 },
        ],
      },
      counters: [{ counter: 'produced', tag: 'parts' }],
    },
  ],
});

function gateway(overrides: Record<string, unknown> = {}) {
  return {
    id: 'g1',
    name: 'Hall 1 gateway',
    serialNumber: 'SN-0042',
    thingName: 'gw-hall-1',
    status: 'active',
    online: true,
    lastSeenAt: '2026-03-10T12:19:00.000Z',
    desiredConfig: null,
    reportedConfig: modbusConfig,
    machines: [{ machineId: 'm1', sourceKey: 'press-1', tagMapping: [] }],
    ...overrides,
  };
}

function machinePage(feeding: () => unknown) {
  return mockGraphQl({
    ...signedInAs(),
    Assets: () => ({ data: { assets: assetPage(plantAssets) } }),
    AssetKpis: () => ({ data: { assetKpis: [] } }),
    CurrentShiftKpis: () => ({ data: { currentShiftKpis: [] } }),
    KpiLossWaterfall: () => graphQlError('NOT_FOUND', 'not part of this test'),
    DowntimePareto: () => ({ data: { downtimePareto: [] } }),
    MaintenanceWarnings: () => ({ data: { maintenanceWarnings: { totalCount: 0, edges: [] } } }),
    MachineStateTimeline: () => ({ data: { machineStateTimeline: [] } }),
    MachineSensorSeries: () => ({
      data: { machineSensorSeries: { source: 'RAW', bucketMs: 6_000, series: [] } },
    }),
    FeedingGateways: feeding,
  });
}

describe('the gateway and tags on the machine page', { timeout: 60_000 }, () => {
  it('names the gateway with its presence and last contact in site time, and the tags it reads', async () => {
    machinePage(() => ({ data: { feedingGateways: [gateway()] } }));
    renderPortal('#/assets/m1');
    const card = await screen.findByRole('article', { name: 'Hall 1 gateway' }, LOAD);
    expect(within(card).getByText('serial SN-0042')).toBeTruthy();
    expect(within(card).getByText('online')).toBeTruthy();
    expect(
      within(card).getByText(
        new RegExp(`Last seen ${formatDateTime(new Date('2026-03-10T12:19:00Z'), 'Europe/Berlin')}`),
      ),
    ).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Open the fleet' }).getAttribute('href')).toBe('#/fleet');
    expect(card.textContent).toContain(
      'Reads it as press-1 over modbus at 10.0.0.5:502 (as the gateway reports running)',
    );
    const rows = within(within(card).getByRole('table', { name: 'Tags it reads' })).getAllByRole('row');
    expect(rows.slice(1).map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))).toEqual([
      ['spindle.speed', 'holding 100 (float32)', '1 s', 'sensor'],
      ['parts', 'input 7', '0.5 s', 'produced count'],
    ]);
  });

  it('falls back to the desired configuration, then the tag mapping, and says when nothing is known', async () => {
    machinePage(() => ({
      data: {
        feedingGateways: [
          gateway({ reportedConfig: null, desiredConfig: modbusConfig, online: false }),
          gateway({
            id: 'g2',
            name: 'Spare gateway',
            serialNumber: null,
            reportedConfig: null,
            status: 'suspended',
            machines: [
              { machineId: 'm1', sourceKey: 'press-1', tagMapping: [{ signal: 'state', source: 'HR100' }] },
            ],
          }),
          gateway({ id: 'g3', name: 'Bare gateway', reportedConfig: null }),
        ],
      },
    }));
    renderPortal('#/assets/m1');
    const first = await screen.findByRole('article', { name: 'Hall 1 gateway' }, LOAD);
    expect(within(first).getByText('offline')).toBeTruthy();
    expect(first.textContent).toContain('(as configured; not yet reported)');
    const spare = screen.getByRole('article', { name: 'Spare gateway' });
    expect(within(spare).getByText('gw-hall-1')).toBeTruthy();
    expect(within(spare).getByText('suspended')).toBeTruthy();
    expect(within(spare).getByRole('table', { name: 'Tag mapping' }).textContent).toContain('HR100');
    expect(
      within(screen.getByRole('article', { name: 'Bare gateway' })).getByText(/No tags known/),
    ).toBeTruthy();
  });

  it('says when no gateway reads the machine, and shows the API error', async () => {
    machinePage(() => ({ data: { feedingGateways: [] } }));
    const { unmount } = renderPortal('#/assets/m1');
    expect(await screen.findByText(/No gateway reads this machine yet/, {}, LOAD)).toBeTruthy();
    unmount();

    machinePage(() => graphQlError('FORBIDDEN', 'this API key may not read fleet data'));
    renderPortal('#/assets/m1');
    expect(await screen.findByText('The gateways could not be loaded.', {}, LOAD)).toBeTruthy();
    expect(screen.getByText('this API key may not read fleet data')).toBeTruthy();
  });
});
