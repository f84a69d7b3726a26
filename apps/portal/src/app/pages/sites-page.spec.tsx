import { screen, within } from '@testing-library/react';
import { formatRatio } from '../format/format';
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

const berlinHour = kpiBucket('2026-03-10T11:00:00Z', '2026-03-10T12:00:00Z', {
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
  it("shows each site's figures for its own today, summed over its machines, and the unknown time", async () => {
    const fetchMock = mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      AssetKpis: (v) => ({ data: { assetKpis: v['assetId'] === 's1' ? [berlinHour] : [] } }),
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
    expect(within(berlin).getByText(/13:20 in Europe\/Berlin/)).toBeTruthy();

    const ohio = screen.getByRole('region', { name: /Ohio plant/ });
    expect(await within(ohio).findByText(/No figures for today yet/)).toBeTruthy();
    expect(within(ohio).getByText(/08:20 in America\/New_York/)).toBeTruthy();

    // Each site's day starts at its own midnight.
    const kpiRequests = fetchMock.mock.calls
      .map((_, i) => sentRequest(fetchMock, i))
      .filter((r) => r.operationName === 'AssetKpis');
    expect(kpiRequests.map((r) => r.variables['from']).sort()).toEqual([
      '2026-03-09T23:00:00.000Z',
      '2026-03-10T04:00:00.000Z',
    ]);
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

  it("shows each site's current shift so far, or that none is in progress", async () => {
    mockGraphQl({
      ...signedInAs(),
      Assets: () => ({ data: { assets: assetPage(assets) } }),
      AssetKpis: () => ({ data: { assetKpis: [] } }),
      CurrentShiftKpis: (v) => ({ data: { currentShiftKpis: v['assetId'] === 's1' ? [berlinHour] : [] } }),
    });
    renderPortal('#/');

    const berlin = await screen.findByRole('region', { name: /Berlin plant/ });
    expect((await within(berlin).findByText(/Current shift so far/, {}, { timeout: 5000 })).textContent).toBe(
      `Current shift so far: OEE ${formatRatio(72 / 120)} (availability ${formatRatio(90 / 120)}, performance ${formatRatio(0.9)}, quality ${formatRatio(0.9)})`,
    );
    const other = screen.getAllByRole('region').find((r) => r !== berlin);
    expect(await within(other!).findByText('No shift in progress.')).toBeTruthy();
  });
});
