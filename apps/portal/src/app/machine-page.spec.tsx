import { render, screen, within } from '@testing-library/react';
import { createApi } from './api';
import { formatDuration, formatHour, formatRatio } from './format';
import { MachinePage } from './machine-page';
import { asset, assetPage, graphQlError, kpiBucket, mockGraphQl, sentRequest } from './spec-helpers';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1_000;
const api = createApi('token-1', () => undefined);
const now = () => new Date('2026-03-10T12:20:00Z');

const assets = [
  asset('s1', 'site', null, { name: 'Berlin plant', timeZone: 'Europe/Berlin' }),
  asset('l1', 'line', 's1', { name: 'Line 1', siteId: 's1' }),
  asset('m1', 'machine', 'l1', { name: 'Press 1', siteId: 's1' }),
];

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

// The cell of a row under the column with this header.
function cell(table: HTMLElement, row: HTMLElement, column: string): string {
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((h) => h.textContent);
  const index = headers.indexOf(column);
  expect(index).toBeGreaterThan(0);
  // The first column is the row header, not a cell.
  return cells(row)[index - 1] ?? '';
}

function totalRow(table: HTMLElement): HTMLElement {
  return within(table).getByRole('rowheader', { name: 'Total' }).closest('tr') as HTMLElement;
}

function summaryValue(label: string): string {
  const term = within(screen.getByLabelText('Last 24 hours')).getByText(label);
  return term.nextElementSibling?.textContent ?? '';
}

describe('MachinePage', () => {
  it('totals the hours from summed times and ideal times, not by averaging percentages', async () => {
    const fetchMock = mockGraphQl({
      PlantAssets: () => ({ data: { assets: assetPage(assets) } }),
      MachineKpis: () => ({ data: { machineKpis: buckets } }),
    });
    render(<MachinePage api={api} machineId="m1" now={now} />);

    const table = await screen.findByRole('table');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Press 1');

    const [oee, availability, performance, quality] = cells(totalRow(table));
    // Σrun / ΣplannedBusy = 50 min / 90 min; the average of 50 % and 66.7 % would be 58.3 %.
    expect(availability).toBe(formatRatio(50 / 90));
    expect(availability).not.toBe(formatRatio((0.5 + 2 / 3) / 2));
    // Σ ideal production / Σ run = (24 + 18) min / 50 min = 84 %, not the average 85 %.
    expect(performance).toBe(formatRatio(0.84));
    expect(performance).not.toBe(formatRatio(0.85));
    // Σ ideal good / Σ planned busy = (72 × 18 s + 30 × 36 s) / 90 min = 44 %, not the average 48 %.
    expect(oee).toBe(formatRatio(0.44));
    expect(oee).not.toBe(formatRatio(0.48));
    expect(quality).toBe(formatRatio(102 / 110));
    // The cards show the same totals.
    expect(summaryValue('OEE')).toBe(formatRatio(0.44));
    expect(summaryValue('Performance')).toBe(formatRatio(0.84));

    // The ideal times are asked for.
    expect(sentRequest(fetchMock, 1).query).toMatch(/idealProductionMs\s+idealGoodMs/);
    // The current local hour (13:00 in Berlin) and the 23 before it.
    expect(sentRequest(fetchMock, 1).variables).toEqual({
      machineId: 'm1',
      from: '2026-03-09T13:00:00.000Z',
      to: '2026-03-10T12:20:00.000Z',
    });
    expect(screen.getByText(/Times in Europe\/Berlin/)).toBeTruthy();
  });

  it('shows performance and OEE as unknown when an hour with parts has no ideal cycle time', async () => {
    const withoutCycleTime = [
      buckets[0],
      // Parts were made, but the machine has no ideal cycle time for them.
      kpiBucket('2026-03-10T11:00:00Z', '2026-03-10T12:00:00Z', {
        plannedBusyTimeMs: HOUR,
        runTimeMs: HOUR,
        availability: 1,
        quality: 1,
        producedQuantity: 40,
      }),
    ];
    mockGraphQl({
      PlantAssets: () => ({ data: { assets: assetPage(assets) } }),
      MachineKpis: () => ({ data: { machineKpis: withoutCycleTime } }),
    });
    render(<MachinePage api={api} machineId="m1" now={now} />);

    const table = await screen.findByRole('table');
    const [oee, availability, performance, quality] = cells(totalRow(table));
    // Not 24 min / 90 min and 1296 s / 2 h, which would leave the hour's 40 parts out.
    expect(oee).toBe('—');
    expect(performance).toBe('—');
    expect(availability).toBe(formatRatio(90 / 120));
    expect(quality).toBe(formatRatio(112 / 120));
    expect(summaryValue('OEE')).toBe('—');
    expect(summaryValue('Performance')).toBe('—');
    expect(summaryValue('Availability')).toBe(formatRatio(90 / 120));
  });

  it('shows the planned time without machine data and that it counts as lost', async () => {
    mockGraphQl({
      PlantAssets: () => ({ data: { assets: assetPage(assets) } }),
      MachineKpis: () => ({ data: { machineKpis: buckets } }),
    });
    render(<MachinePage api={api} machineId="m1" now={now} />);

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(cell(table, rows[1] as HTMLElement, 'No data')).toBe(formatDuration(0));
    expect(cell(table, rows[2] as HTMLElement, 'No data')).toBe('10 min');
    expect(cell(table, totalRow(table), 'No data')).toBe('10 min');

    const note = `No machine data for 10 min of ${formatDuration(90 * MINUTE)} planned time (${formatRatio(
      10 / 90,
    )}): availability and OEE count that time as lost.`;
    expect(screen.getByText(note)).toBeTruthy();
    // Read out with the availability card, too.
    const availability = screen.getByRole('definition', { description: note });
    expect(availability.textContent).toBe(formatRatio(50 / 90));
  });

  it('says nothing about missing machine data when there was none', async () => {
    mockGraphQl({
      PlantAssets: () => ({ data: { assets: assetPage(assets) } }),
      MachineKpis: () => ({ data: { machineKpis: [buckets[0]] } }),
    });
    render(<MachinePage api={api} machineId="m1" now={now} />);

    const table = await screen.findByRole('table');
    expect(cell(table, totalRow(table), 'No data')).toBe(formatDuration(0));
    expect(screen.queryByText(/No machine data/)).toBeNull();
    expect(screen.queryByRole('definition', { description: /No machine data/ })).toBeNull();
  });

  it('shows hours in the site’s time zone and null ratios as a dash', async () => {
    mockGraphQl({
      PlantAssets: () => ({ data: { assets: assetPage(assets) } }),
      MachineKpis: () => ({ data: { machineKpis: buckets } }),
    });
    render(<MachinePage api={api} machineId="m1" now={now} />);

    const rows = within(await screen.findByRole('table')).getAllByRole('row');
    // header, three hours, total
    expect(rows).toHaveLength(5);
    const firstHour = within(rows[1] as HTMLElement).getByRole('rowheader').textContent;
    expect(firstHour).toBe(formatHour(new Date('2026-03-10T10:00:00Z'), 'Europe/Berlin'));
    expect(firstHour).toContain('11:00');

    const openHour = rows[3] as HTMLElement;
    expect(cells(openHour).slice(0, 4)).toEqual(['—', '—', '—', '—']);
    expect(within(openHour).getByText('provisional')).toBeTruthy();
    expect(screen.getByRole('img', { name: /OEE per hour/ }).querySelectorAll('rect.bar')).toHaveLength(3);
  });

  it('says when the machine is not there or not visible', async () => {
    mockGraphQl({ PlantAssets: () => ({ data: { assets: assetPage(assets) } }) });
    render(<MachinePage api={api} machineId="m404" now={now} />);
    expect((await screen.findByRole('alert')).textContent).toContain('no such machine');
  });

  it('shows the API error for the KPI query', async () => {
    mockGraphQl({
      PlantAssets: () => ({ data: { assets: assetPage(assets) } }),
      MachineKpis: () => graphQlError('BAD_USER_INPUT', 'the range may be at most 31 days'),
    });
    render(<MachinePage api={api} machineId="m1" now={now} />);
    expect((await screen.findByRole('alert')).textContent).toContain('at most 31 days');
  });
});
