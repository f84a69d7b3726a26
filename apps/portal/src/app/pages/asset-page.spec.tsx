import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { formatDuration, formatHour, formatRatio } from '../format/format';
import {
  assetPage,
  connectionOf,
  graphQlError,
  kpiBucket,
  mockGraphQl,
  plantAssets,
  renderPortal,
  sentRequest,
  signedInAs,
} from '../spec-helpers';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1_000;

const assets = plantAssets;

const buckets = [
  // A full planned hour, half of it running: 80 parts of 18 s ideal (24 min), 72 good.
  kpiBucket('2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z', {
    plannedBusyTimeMs: HOUR,
    runTimeMs: 30 * MINUTE,
    unplannedStopTimeMs: 30 * MINUTE,
    availability: 0.5,
    effectiveness: 0.8,
    quality: 0.9,
    oee: 0.36,
    idealProductionMs: 80 * 18 * SECOND,
    idealGoodMs: 72 * 18 * SECOND,
    producedQuantity: 80,
    scrapQuantity: 8,
  }),
  // Half the hour was a break. Another product (36 s ideal): 30 parts in 20 min run; the gateway
  // was silent for the other 10 min.
  kpiBucket('2026-03-10T11:00:00Z', '2026-03-10T12:00:00Z', {
    plannedBusyTimeMs: 30 * MINUTE,
    runTimeMs: 20 * MINUTE,
    unknownTimeMs: 10 * MINUTE,
    availability: 2 / 3,
    effectiveness: 0.9,
    quality: 1,
    oee: 0.6,
    idealProductionMs: 30 * 36 * SECOND,
    idealGoodMs: 30 * 36 * SECOND,
    producedQuantity: 30,
  }),
  // The open hour, nothing planned yet.
  kpiBucket('2026-03-10T12:00:00Z', '2026-03-10T12:20:00Z', { final: false }),
];

function cells(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
}

async function hourTable(): Promise<HTMLElement> {
  return screen.findByRole('table', { name: /by hour/ });
}

function totalRow(table: HTMLElement): HTMLElement {
  return within(table).getByRole('rowheader', { name: 'Total' }).closest('tr') as HTMLElement;
}

function summaryValue(summary: string, label: string): string {
  const term = within(screen.getByLabelText(summary)).getByText(label);
  return term.nextElementSibling?.textContent ?? '';
}

describe('asset page', () => {
  it('totals the hours from summed times and ideal times, not by averaging percentages', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      AssetKpis: () => ({ data: { assetKpis: buckets } }),
    });
    renderPortal('#/assets/m1');

    const table = await hourTable();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Press 1');
    const [oee, availability, performance, quality] = cells(totalRow(table));
    // Σrun / ΣplannedBusy = 50 min / 90 min; the average of 50 % and 66.7 % would be 58.3 %.
    expect(availability).toBe(formatRatio(50 / 90));
    // Σ ideal production / Σ run = (24 + 18) min / 50 min = 84 %, not the average 85 %.
    expect(performance).toBe(formatRatio(0.84));
    // Σ ideal good / Σ planned busy = (72 × 18 s + 30 × 36 s) / 90 min = 44 %, not the average 48 %.
    expect(oee).toBe(formatRatio(0.44));
    expect(quality).toBe(formatRatio(102 / 110));
    expect(summaryValue('Today so far', 'OEE')).toBe(formatRatio(0.44));

    // Today in Berlin began at 23:00 UTC the day before.
    const kpiRequests = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .filter((r) => r.operationName === 'AssetKpis');
    expect(kpiRequests[0]?.variables).toEqual({
      assetId: 'm1',
      from: '2026-03-09T23:00:00.000Z',
      to: '2026-03-10T12:20:00.000Z',
      granularity: 'HOUR',
    });
    expect(screen.getByText(/Times in Europe\/Berlin/)).toBeTruthy();
  });

  it('shows the planned time without machine data and that it counts as lost', async () => {
    mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      AssetKpis: () => ({ data: { assetKpis: buckets } }),
    });
    renderPortal('#/assets/m1');
    const table = await hourTable();
    expect(cells(totalRow(table))[6]).toBe('10 min');
    const note = `No machine data for 10 min of ${formatDuration(90 * MINUTE)} planned time (${formatRatio(
      10 / 90,
    )}): availability and OEE count that time as lost.`;
    expect(screen.getAllByText(note).length).toBeGreaterThan(0);
    expect(screen.getAllByRole('definition', { description: note })[0]?.textContent).toBe(
      formatRatio(50 / 90),
    );
  });

  it("labels hours in the site's time zone, marks open hours and shows null ratios as a dash", async () => {
    mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      AssetKpis: () => ({ data: { assetKpis: buckets } }),
    });
    renderPortal('#/assets/m1');
    const rows = within(await hourTable()).getAllByRole('row');
    // header, three hours, total
    expect(rows).toHaveLength(5);
    const firstHour = within(rows[1] as HTMLElement).getByRole('rowheader').textContent;
    expect(firstHour).toBe(formatHour(new Date('2026-03-10T10:00:00Z'), 'Europe/Berlin'));
    expect(firstHour).toContain('11:00');
    const openHour = rows[3] as HTMLElement;
    expect(cells(openHour).slice(0, 4)).toEqual(['—', '—', '—', '—']);
    expect(within(openHour).getByText('provisional')).toBeTruthy();
    expect(await screen.findByRole('img', { name: /OEE per hour in Europe\/Berlin/ })).toBeTruthy();
  });

  it('lists the level below with its own figures and links to drill down', async () => {
    mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      AssetKpis: (v) => ({ data: { assetKpis: v['assetId'] === 'm2' ? [] : buckets.slice(0, 1) } }),
    });
    renderPortal('#/assets/l1');
    const heading = await screen.findByRole('heading', { name: 'Machines' });
    const table = within(heading.closest('section') as HTMLElement).getByRole('table');
    const press1 = within(table).getByRole('link', { name: 'Press 1' });
    expect(press1.getAttribute('href')).toBe('#/assets/m1');
    await waitFor(() => expect(cells(press1.closest('tr') as HTMLElement)[0]).toBe(formatRatio(0.36)));
    await waitFor(() =>
      expect(
        cells(within(table).getByRole('link', { name: 'Press 2' }).closest('tr') as HTMLElement),
      ).toEqual(['—', '—', '—', '—']),
    );
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(
      within(crumbs)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Sites', 'Berlin plant', 'Pressing']);
  });

  it('asks for a custom range in the site’s days and says what is wrong with a bad one', async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      AssetKpis: () => ({ data: { assetKpis: buckets } }),
    });
    renderPortal('#/assets/m1?range=custom&from=2026-03-05&to=2026-03-01');
    expect(await screen.findByText('The last day is before the first day.', {})).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Last day'), { target: { value: '2026-03-06' } });
    await hourTable();
    const last = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .filter((r) => r.operationName === 'AssetKpis')
      .at(-1);
    // 5 March 00:00 in Berlin to 7 March 00:00, both in winter time.
    expect(last?.variables).toEqual({
      assetId: 'm1',
      from: '2026-03-04T23:00:00.000Z',
      to: '2026-03-06T23:00:00.000Z',
      granularity: 'HOUR',
    });
    expect(window.location.hash).toBe('#/assets/m1?range=custom&from=2026-03-05&to=2026-03-06');
  });

  it('says when the asset is not there or not visible', async () => {
    mockGraphQl({ ...signedInAs(), Assets: () => ({ data: { assets: assetPage(assets) } }) });
    renderPortal('#/assets/m404');
    expect(await screen.findByText(/no such site, area, line or machine/, {})).toBeTruthy();
  });

  it('shows the API error for the KPI query', async () => {
    mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      AssetKpis: () => graphQlError('BAD_USER_INPUT', 'the range may be at most 31 days'),
    });
    renderPortal('#/assets/m1');
    expect((await screen.findAllByText('the range may be at most 31 days', {})).length).toBeGreaterThan(0);
  });

  it("shows the machine's current shift, its losses and Pareto in charts and tables, and open maintenance warnings", async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      AssetKpis: () => ({ data: { assetKpis: buckets } }),
      CurrentShiftKpis: () => ({ data: { currentShiftKpis: [buckets[0]] } }),
      KpiLossWaterfall: () => ({
        data: {
          kpiLossWaterfall: {
            plannedOperationTimeMs: 2 * HOUR,
            plannedDowntimeMs: 30 * MINUTE,
            plannedBusyTimeMs: 90 * MINUTE,
            setupMs: 0,
            breakdownsMs: 25 * MINUTE,
            minorStopsMs: 5 * MINUTE,
            unknownMs: 10 * MINUTE,
            runTimeMs: 50 * MINUTE,
            reducedSpeedMs: 8 * MINUTE,
            startupRejectsMs: 0,
            productionRejectsMs: null,
            fullyProductiveTimeMs: null,
            speedAboveIdeal: false,
          },
        },
      }),
      DowntimePareto: () => ({
        data: {
          downtimePareto: [
            {
              reasonCode: 'JAM',
              reasonName: 'Material jam',
              state: 'down',
              lossClass: 'breakdown',
              durationMs: 25 * MINUTE,
              share: 25 / 30,
              cumulativeShare: 25 / 30,
            },
            {
              reasonCode: null,
              reasonName: null,
              state: 'idle',
              lossClass: 'minor_stop',
              durationMs: 5 * MINUTE,
              share: 5 / 30,
              cumulativeShare: 1,
            },
          ],
        },
      }),
      MaintenanceWarnings: () => ({
        data: {
          maintenanceWarnings: connectionOf([
            {
              id: 'w1',
              kind: 'trend',
              metric: 'vibration',
              message: 'Vibration rising toward its limit',
              severity: 'major',
              firstSeenAt: '2026-03-09T08:00:00Z',
              lastSeenAt: '2026-03-10T12:00:00Z',
              predictedAt: '2026-03-14T09:00:00Z',
              occurrences: 4,
            },
          ]),
        },
      }),
    });
    renderPortal('#/assets/m1');

    await hourTable();
    expect(summaryValue('Current shift so far', 'OEE')).toBe(formatRatio(0.36));
    const waterfall = await screen.findByRole('table', { name: 'Loss waterfall' });
    expect(within(waterfall).getByText('Breakdowns').nextElementSibling?.textContent).toBe(
      `−${formatDuration(25 * MINUTE)}`,
    );
    expect(within(waterfall).getByText('Fully productive time').nextElementSibling?.textContent).toMatch(
      /no ideal cycle time/,
    );
    const pareto = await screen.findByRole('table', { name: 'Downtime by reason' });
    expect(within(pareto).getByText('Material jam')).toBeTruthy();
    expect(within(pareto).getByText('No reason given (idle)')).toBeTruthy();
    expect(await screen.findByRole('img', { name: /Loss waterfall/ })).toBeTruthy();
    expect(await screen.findByText('Vibration rising toward its limit')).toBeTruthy();
    // Berlin: the limit is likely reached at 10:00 local time.
    expect(screen.getByText(/limit likely reached .*10:00/)).toBeTruthy();
    expect(screen.getByText('waiting for the next change')).toBeTruthy();
    const shiftRequest = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .find((r) => r.operationName === 'CurrentShiftKpis');
    expect(shiftRequest?.variables).toEqual({ assetId: 'm1' });
  });
});
