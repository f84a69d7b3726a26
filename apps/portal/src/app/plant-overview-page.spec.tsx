import { render, screen, within } from '@testing-library/react';
import { createApi } from './api';
import { PlantOverviewPage } from './plant-overview-page';
import { asset, assetPage, mockGraphQl } from './spec-helpers';

const api = createApi('token-1', () => undefined);

function linksIn(region: HTMLElement): string[] {
  return within(region)
    .getAllByRole('link')
    .map((a) => a.textContent ?? '');
}

describe('PlantOverviewPage', () => {
  it('groups machines under their lines, areas and sites, with each site’s time zone', async () => {
    mockGraphQl({
      PlantAssets: () => ({
        data: {
          assets: assetPage([
            asset('e', 'enterprise', null, { name: 'Acme' }),
            asset('s1', 'site', 'e', { name: 'Berlin plant', timeZone: 'Europe/Berlin' }),
            asset('s2', 'site', 'e', { name: 'Chicago plant', timeZone: 'America/Chicago' }),
            asset('a1', 'area', 's1', { name: 'Pressing', siteId: 's1' }),
            asset('l1', 'line', 'a1', { name: 'Line 1', siteId: 's1' }),
            asset('l2', 'line', 'a1', { name: 'Line 2', siteId: 's1' }),
            asset('l3', 'line', 's2', { name: 'Line 3', siteId: 's2' }),
            asset('m1', 'machine', 'l1', { name: 'Press 1', siteId: 's1' }),
            asset('m2', 'machine', 'l1', { name: 'Press 2', siteId: 's1' }),
            asset('m3', 'machine', 'l2', { name: 'Press 3', siteId: 's1' }),
            asset('m4', 'machine', 'l3', { name: 'Lathe 1', siteId: 's2' }),
          ]),
        },
      }),
    });
    render(<PlantOverviewPage api={api} />);
    expect(screen.getByRole('status').textContent).toContain('Loading');

    const berlin = await screen.findByRole('region', { name: 'Berlin plant' });
    const chicago = screen.getByRole('region', { name: 'Chicago plant' });

    expect(within(berlin).getByText(/Europe\/Berlin/)).toBeTruthy();
    expect(within(chicago).getByText(/America\/Chicago/)).toBeTruthy();
    expect(linksIn(within(berlin).getByRole('region', { name: 'Pressing' }))).toEqual([
      'Press 1',
      'Press 2',
      'Press 3',
    ]);
    expect(linksIn(within(berlin).getByRole('region', { name: 'Line 1' }))).toEqual(['Press 1', 'Press 2']);
    expect(linksIn(within(berlin).getByRole('region', { name: 'Line 2' }))).toEqual(['Press 3']);
    expect(linksIn(chicago)).toEqual(['Lathe 1']);
    expect(screen.getByRole('link', { name: 'Press 2' }).getAttribute('href')).toBe('#/machines/m2');
    // Sites are the top groups; the enterprise is not a heading of its own.
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Berlin plant',
      'Chicago plant',
    ]);
    expect(screen.queryByRole('region', { name: 'Acme' })).toBeNull();
  });

  it('says so when there is nothing to show', async () => {
    mockGraphQl({ PlantAssets: () => ({ data: { assets: assetPage([]) } }) });
    render(<PlantOverviewPage api={api} />);
    expect((await screen.findByText(/No sites to show/)).textContent).toContain('ask your administrator');
  });

  it('shows why the tree could not be loaded', async () => {
    mockGraphQl({
      PlantAssets: () => ({
        errors: [{ message: 'too many requests', extensions: { code: 'RATE_LIMITED' } }],
      }),
    });
    render(<PlantOverviewPage api={api} />);
    expect((await screen.findByRole('alert')).textContent).toContain('too many requests');
  });
});
