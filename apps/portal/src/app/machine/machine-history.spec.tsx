import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { formatDuration } from '../format/format';
import {
  assetPage,
  graphQlError,
  kpiBucket,
  mockGraphQl,
  plantAssets,
  renderPortal,
  sentRequest,
  signedInAs,
} from '../spec-helpers';

// The first test also loads the asset page's and the charts' lazy chunks.
const LOAD = { timeout: 15_000 };
const MINUTE = 60_000;

// 12:20 UTC is 13:20 in Berlin, the site of Press 1 (m1).
const timeline = [
  {
    state: 'running',
    reasonCode: null,
    reasonName: null,
    start: '2026-03-10T11:20:00.000Z',
    end: '2026-03-10T11:40:00.000Z',
  },
  {
    state: 'down',
    reasonCode: 'JAM',
    reasonName: 'Material jam',
    start: '2026-03-10T11:40:00.000Z',
    end: '2026-03-10T11:50:00.000Z',
  },
  {
    state: 'unknown',
    reasonCode: null,
    reasonName: null,
    start: '2026-03-10T11:50:00.000Z',
    end: '2026-03-10T12:00:00.000Z',
  },
  {
    state: 'running',
    reasonCode: null,
    reasonName: null,
    start: '2026-03-10T12:00:00.000Z',
    end: '2026-03-10T12:20:00.000Z',
  },
];
const sensors = {
  source: 'RAW',
  bucketMs: 6_000,
  series: [
    {
      metric: 'spindle.temperature',
      points: [
        { at: '2026-03-10T11:20:00.000Z', min: 40, avg: 41, max: 42.5 },
        { at: '2026-03-10T12:19:54.000Z', min: 44, avg: 45.25, max: 46 },
      ],
    },
  ],
};

function machinePage(extra: Record<string, (variables: Record<string, unknown>) => unknown> = {}) {
  return mockGraphQl({
    ...signedInAs(),
    Assets: () => ({ data: { assets: assetPage(plantAssets) } }),
    AssetKpis: () => ({ data: { assetKpis: [] } }),
    CurrentShiftKpis: () => ({
      data: {
        currentShiftKpis: [kpiBucket('2026-03-10T05:00:00Z', '2026-03-10T13:00:00Z', { final: false })],
      },
    }),
    KpiLossWaterfall: () => graphQlError('NOT_FOUND', 'not part of this test'),
    DowntimePareto: () => ({ data: { downtimePareto: [] } }),
    MaintenanceWarnings: () => ({ data: { maintenanceWarnings: { totalCount: 0, edges: [] } } }),
    MachineStateTimeline: () => ({ data: { machineStateTimeline: timeline } }),
    MachineSensorSeries: () => ({ data: { machineSensorSeries: sensors } }),
    ...extra,
  });
}

const requestsOf = (fetchMock: ReturnType<typeof mockGraphQl>, operation: string) =>
  fetchMock.mock.calls.map((_, i) => sentRequest(fetchMock, i)).filter((r) => r.operationName === operation);

describe('machine history on the machine page', { timeout: 60_000 }, () => {
  it('draws the last hour of states as bands, with the reason and site times on each band', async () => {
    const fetchMock = machinePage();
    renderPortal('#/assets/m1');
    const bands = await screen.findByRole('list', { name: /Machine states from/ }, LOAD);
    const items = within(bands).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('data-state'))).toEqual([
      'running',
      'down',
      'unknown',
      'running',
    ]);
    // The jam: 12:40 to 12:50 in Berlin, a sixth of the hour.
    const jam = items[1] as HTMLElement;
    expect(jam.getAttribute('aria-label')).toMatch(
      /^Down – Material jam \(JAM\): .*12:40 to .*12:50 \(10 min\)$/,
    );
    expect(jam.style.left).toBe('33.33333333333333%');
    expect(jam.style.width).toBe('16.666666666666664%');
    expect(items[2]?.getAttribute('aria-label')).toMatch(/^No data: /);
    fireEvent.focus(jam);
    expect(await screen.findByRole('tooltip', {}, LOAD)).toHaveProperty(
      'textContent',
      jam.getAttribute('aria-label'),
    );
    expect(screen.getByText(`Running ${formatDuration(40 * MINUTE)}`)).toBeTruthy();

    expect(requestsOf(fetchMock, 'MachineStateTimeline')[0]?.variables).toEqual({
      machineId: 'm1',
      from: '2026-03-10T11:20:00.000Z',
      to: '2026-03-10T12:20:00.000Z',
    });
  });

  it('charts each sensor and lists its figures, and asks again for the range chosen', async () => {
    const fetchMock = machinePage();
    renderPortal('#/assets/m1');
    expect(
      await screen.findByRole('img', { name: /spindle.temperature: minimum, average and maximum/ }, LOAD),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Sensor readings in the range' });
    const row = within(table).getByText('spindle.temperature').closest('tr') as HTMLElement;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['spindle.temperature', '40', '46', '45.25']);

    const history = screen.getByRole('region', { name: 'Machine history' });
    fireEvent.click(within(history).getByRole('radio', { name: 'Shift' }));
    await waitFor(() =>
      expect(requestsOf(fetchMock, 'MachineSensorSeries').at(-1)?.variables).toEqual({
        machineId: 'm1',
        from: '2026-03-10T05:00:00.000Z',
        to: '2026-03-10T12:20:00.000Z',
        maxPoints: 600,
      }),
    );

    fireEvent.click(within(history).getByRole('radio', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('Start (Europe/Berlin)'), {
      target: { value: '2026-03-09T06:00' },
    });
    fireEvent.change(screen.getByLabelText('End (Europe/Berlin)'), { target: { value: '2026-03-09T14:00' } });
    await waitFor(() =>
      expect(requestsOf(fetchMock, 'MachineStateTimeline').at(-1)?.variables).toMatchObject({
        from: '2026-03-09T05:00:00.000Z',
        to: '2026-03-09T13:00:00.000Z',
      }),
    );
    fireEvent.change(screen.getByLabelText('End (Europe/Berlin)'), { target: { value: '2026-03-09T05:00' } });
    expect(await screen.findByText('The end is not after the start.')).toBeTruthy();
  });

  it('says when there are no readings, and shows the API error of a query', async () => {
    machinePage({
      MachineSensorSeries: () => ({
        data: { machineSensorSeries: { source: 'RAW', bucketMs: 6_000, series: [] } },
      }),
      MachineStateTimeline: () =>
        graphQlError('BAD_USER_INPUT', 'the range is longer than 31 days: ask for a shorter range'),
    });
    renderPortal('#/assets/m1');
    expect(await screen.findByText('No sensor readings in this range.', {}, LOAD)).toBeTruthy();
    expect(
      await screen.findByText('the range is longer than 31 days: ask for a shorter range', {}, LOAD),
    ).toBeTruthy();
    expect(screen.getByText('The state timeline could not be loaded.')).toBeTruthy();
  });

  it('charts the metrics chosen by ticking boxes, kept in the address', async () => {
    const speed = {
      metric: 'spindle.speed',
      points: [{ at: '2026-03-10T11:20:00.000Z', min: 1000, avg: 1200, max: 1400 }],
    };
    machinePage({
      MachineSensorSeries: () => ({
        data: { machineSensorSeries: { ...sensors, series: [...sensors.series, speed] } },
      }),
    });
    renderPortal('#/assets/m1?by=day');
    expect(await screen.findByRole('img', { name: /spindle.speed: minimum/ }, LOAD)).toBeTruthy();
    expect(screen.getByText('Metrics to chart (2 of 2)')).toBeTruthy();

    fireEvent.click(screen.getByRole('checkbox', { name: 'spindle.temperature' }));
    await waitFor(() =>
      expect(screen.queryByRole('img', { name: /spindle.temperature: minimum/ })).toBeNull(),
    );
    expect(screen.getByRole('img', { name: /spindle.speed: minimum/ })).toBeTruthy();
    expect(window.location.hash).toBe('#/assets/m1?by=day&metrics=spindle.speed');

    fireEvent.click(screen.getByRole('checkbox', { name: 'spindle.speed' }));
    expect(await screen.findByText('No metric chosen: tick one above to chart it.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(await screen.findByRole('img', { name: /spindle.temperature: minimum/ })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'spindle.speed' })).toHaveProperty('checked', true);
  });
});
