import { screen, within } from '@testing-library/react';
import { formatHour, formatRatio } from '../format/format';
import {
  plantAssets,
  graphQlError,
  kpiBucket,
  mockGraphQl,
  renderPortal,
  sentRequest,
  signedInAs,
  assetPage,
} from '../spec-helpers';

const HOUR = 3_600_000;
const MINUTE = 60_000;

const assets = plantAssets;

// The shift so far, as the API rolls up the site's machines: Early 12:00-20:00 in Berlin.
const berlinShift = kpiBucket('2026-03-10T11:00:00Z', '2026-03-10T19:00:00Z', {
  shiftName: 'Early',
  final: false,
  plannedBusyTimeMs: 2 * HOUR,
  runTimeMs: 90 * MINUTE,
  unknownTimeMs: 12 * MINUTE,
  effectiveness: 0.9,
  idealProductionMs: 81 * MINUTE,
  idealGoodMs: 72 * MINUTE,
  producedQuantity: 100,
  scrapQuantity: 10,
});

function figure(card: HTMLElement, label: string): string {
  return within(card).getByText(label).nextElementSibling?.textContent ?? '';
}

describe('sites page', () => {
  it("shows each site's current shift so far, summed over its machines, in its own zone, or that none is running", async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      CurrentShiftKpis: (v) => ({ data: { currentShiftKpis: v['assetId'] === 's1' ? [berlinShift] : [] } }),
      // 06:00 tomorrow in Ohio.
      NextShiftStart: () => ({ data: { nextShiftStart: '2026-03-11T10:00:00.000Z' } }),
      SiteStatus: (v) => ({
        data: {
          machineStateCounts:
            v['siteId'] === 's1'
              ? { running: 1, idle: 0, setup: 0, plannedStop: 0, down: 1, unknown: 0, total: 2 }
              : { running: 0, idle: 0, setup: 0, plannedStop: 0, down: 0, unknown: 0, total: 0 },
          activeAlarms: {
            nextCursor: null,
            nodes: v['siteId'] === 's1' ? [{ id: 'al1', state: 'active_unacknowledged' }] : [],
          },
          gateways: { totalCount: 2 },
          offlineGateways: { totalCount: v['siteId'] === 's1' ? 1 : 0 },
        },
      }),
    });
    renderPortal('#/');

    const berlin = await screen.findByRole('region', { name: /Berlin plant/ });
    await within(berlin).findByText('OEE');
    expect(figure(berlin, 'OEE')).toBe(formatRatio(72 / 120));
    expect(figure(berlin, 'Availability')).toBe(formatRatio(90 / 120));
    expect(figure(berlin, 'Performance')).toBe(formatRatio(81 / 90));
    expect(figure(berlin, 'Quality')).toBe(formatRatio(0.9));
    expect(within(berlin).getByText('2 machines')).toBeTruthy();
    expect(within(berlin).getByText(/No machine data for 12 min of 2 h planned time/)).toBeTruthy();
    expect(
      within(berlin).getByText(/Current shift Early 12:00–20:00, so far · 13:20 in Europe\/Berlin/),
    ).toBeTruthy();

    const ohio = screen.getByRole('region', { name: /Ohio plant/ });
    expect(await within(ohio).findByText('No shift running.')).toBeTruthy();
    expect(
      await within(ohio).findByText(
        `The next shift starts ${formatHour(new Date('2026-03-11T10:00:00Z'), 'America/New_York')}.`,
      ),
    ).toBeTruthy();
    expect(within(ohio).getByText(/08:20 in America\/New_York/)).toBeTruthy();
    // Open alarms and gateways offline, each a link to its page.
    expect(
      within(berlin).getByRole('link', { name: '1 active alarm (1 unacknowledged)' }).getAttribute('href'),
    ).toBe('#/alarms');
    expect(within(berlin).getByRole('link', { name: '1 of 2 gateways offline' }).getAttribute('href')).toBe(
      '#/fleet',
    );
    expect(await within(ohio).findByRole('link', { name: 'No active alarms' })).toBeTruthy();
    // Machines by state now.
    const states = within(berlin).getByRole('list', { name: 'Machines by state now' });
    expect(
      within(states)
        .getAllByRole('listitem')
        .map((i) => i.textContent),
    ).toEqual(['1 running', '1 down']);
    expect(within(ohio).getByText('No machines in service.')).toBeTruthy();
    expect(within(ohio).getByRole('link', { name: '2 gateways, all online' })).toBeTruthy();
    // Off shift is said, not shown as 0 %.
    expect(within(ohio).queryByText('OEE')).toBeNull();
    expect(
      fetchMock.mock.calls
        .map((_, i) => sentRequest(fetchMock, i).operationName)
        .filter((n) => n === 'AssetKpis'),
    ).toEqual([]);
  });

  it('says when the shift has no planned production time yet instead of showing dashes', async () => {
    mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      CurrentShiftKpis: () => ({
        data: {
          currentShiftKpis: [
            kpiBucket('2026-03-10T11:00:00Z', '2026-03-10T19:00:00Z', { shiftName: 'Early' }),
          ],
        },
      }),
    });
    renderPortal('#/');
    const berlin = await screen.findByRole('region', { name: /Berlin plant/ });
    expect(await within(berlin).findByText(/No planned production time in this shift so far/)).toBeTruthy();
  });

  it("says what went wrong with one site's shift without hiding the others", async () => {
    mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      CurrentShiftKpis: (v) =>
        v['assetId'] === 's1'
          ? graphQlError('RATE_LIMITED', 'too many requests: try again in 20 s')
          : { data: { currentShiftKpis: [] } },
      NextShiftStart: () => ({ data: { nextShiftStart: null } }),
    });
    renderPortal('#/');
    const berlin = await screen.findByRole('region', { name: /Berlin plant/ });
    expect((await within(berlin).findByRole('alert')).textContent).toContain(
      'The current shift of Berlin plant could not be loaded.',
    );
    const ohio = screen.getByRole('region', { name: /Ohio plant/ });
    expect(await within(ohio).findByText('No shift running.')).toBeTruthy();
    expect(await within(ohio).findByText('No shift is planned within the next week.')).toBeTruthy();
  });

  it('flags performance above 100 % instead of hiding it', async () => {
    mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      AssetKpis: () => ({
        data: {
          assetKpis: [
            kpiBucket('2026-03-10T11:00:00Z', '2026-03-10T12:00:00Z', {
              plannedBusyTimeMs: HOUR,
              runTimeMs: HOUR,
              effectiveness: 1.2,
              idealProductionMs: 1.2 * HOUR,
              idealGoodMs: 1.2 * HOUR,
              producedQuantity: 10,
            }),
          ],
        },
      }),
    });
    renderPortal('#/assets/s1');
    expect(
      await screen.findByText(/Performance above 100 % \(120\.0%\)/, {}, { timeout: 5000 }),
    ).toBeTruthy();
  });

  it('explains an empty list', async () => {
    mockGraphQl({ ...signedInAs(), Assets: () => ({ data: { assets: assetPage([]) } }) });
    renderPortal('#/');
    expect(await screen.findByText(/No sites to show/)).toBeTruthy();
  });

  it('says what went wrong when the sites cannot be loaded', async () => {
    mockGraphQl({
      ...signedInAs(),
      Assets: () => graphQlError('RATE_LIMITED', 'too many requests: try again in 20 s'),
    });
    renderPortal('#/');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your sites could not be loaded.');
    expect(alert.textContent).toContain('too many requests: try again in 20 s');
    expect(alert.textContent).toContain('Wait a moment and try again.');
  });
});
