import { render, screen, within } from '@testing-library/react';
import { createApi } from './api';
import { formatHour, formatRatio } from './format';
import { MachinePage } from './machine-page';
import { asset, graphQlError, mockGraphQl, sentRequest } from './spec-helpers';

const HOUR = 3_600_000;
const api = createApi('token-1', () => undefined);
const now = () => new Date('2026-03-10T12:20:00Z');

const assets = [
  asset('s1', 'site', null, { name: 'Berlin plant', timeZone: 'Europe/Berlin' }),
  asset('l1', 'line', 's1', { name: 'Line 1', siteId: 's1' }),
  asset('m1', 'machine', 'l1', { name: 'Press 1', siteId: 's1' }),
];

function kpiBucket(start: string, end: string, values: Record<string, unknown>) {
  return {
    bucketStart: start,
    bucketEnd: end,
    availability: null,
    effectiveness: null,
    quality: null,
    oee: null,
    plannedBusyTimeMs: 0,
    runTimeMs: 0,
    setupTimeMs: 0,
    unplannedStopTimeMs: 0,
    unknownTimeMs: 0,
    producedQuantity: 0,
    scrapQuantity: 0,
    reworkQuantity: 0,
    final: true,
    ...values,
  };
}

const buckets = [
  // A full planned hour, half of it running.
  kpiBucket('2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z', {
    plannedBusyTimeMs: HOUR,
    runTimeMs: HOUR / 2,
    unplannedStopTimeMs: HOUR / 2,
    availability: 0.5,
    effectiveness: 0.8,
    quality: 0.9,
    oee: 0.36,
    producedQuantity: 100,
    scrapQuantity: 10,
  }),
  // Half the hour was a break; the machine ran all of the other half.
  kpiBucket('2026-03-10T11:00:00Z', '2026-03-10T12:00:00Z', {
    plannedBusyTimeMs: HOUR / 2,
    runTimeMs: HOUR / 2,
    availability: 1,
    effectiveness: 1,
    quality: 1,
    oee: 1,
    producedQuantity: 50,
  }),
  // The open hour, nothing planned yet.
  kpiBucket('2026-03-10T12:00:00Z', '2026-03-10T12:20:00Z', { final: false }),
];

function cells(row: HTMLElement): string[] {
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
}

describe('MachinePage', () => {
  it('totals availability by summing time, not by averaging the hours', async () => {
    const fetchMock = mockGraphQl({
      PlantAssets: () => ({ data: { assets } }),
      MachineKpis: () => ({ data: { machineKpis: buckets } }),
    });
    render(<MachinePage api={api} machineId="m1" now={now} />);

    const table = await screen.findByRole('table');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Press 1');

    const total = within(table).getByRole('rowheader', { name: 'Total' }).closest('tr') as HTMLElement;
    const [oee, availability, performance, quality] = cells(total);
    // Σrun / ΣplannedBusy = 1 h / 1.5 h; the average of 50 % and 100 % would be 75 %.
    expect(availability).toBe(formatRatio(2 / 3));
    expect(availability).not.toBe(formatRatio(0.75));
    expect(oee).toBe(formatRatio((0.36 * HOUR + 1 * 0.5 * HOUR) / (1.5 * HOUR)));
    expect(performance).toBe(formatRatio(0.9));
    expect(quality).toBe(formatRatio(140 / 150));

    // The current local hour (13:00 in Berlin) and the 23 before it.
    expect(sentRequest(fetchMock, 1).variables).toEqual({
      machineId: 'm1',
      from: '2026-03-09T13:00:00.000Z',
      to: '2026-03-10T12:20:00.000Z',
    });
    expect(screen.getByText(/Times in Europe\/Berlin/)).toBeTruthy();
  });

  it('shows hours in the site’s time zone and null ratios as a dash', async () => {
    mockGraphQl({
      PlantAssets: () => ({ data: { assets } }),
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
    mockGraphQl({ PlantAssets: () => ({ data: { assets } }) });
    render(<MachinePage api={api} machineId="m404" now={now} />);
    expect((await screen.findByRole('alert')).textContent).toContain('no such machine');
  });

  it('shows the API error for the KPI query', async () => {
    mockGraphQl({
      PlantAssets: () => ({ data: { assets } }),
      MachineKpis: () => graphQlError('BAD_USER_INPUT', 'the range may be at most 31 days'),
    });
    render(<MachinePage api={api} machineId="m1" now={now} />);
    expect((await screen.findByRole('alert')).textContent).toContain('at most 31 days');
  });
});
