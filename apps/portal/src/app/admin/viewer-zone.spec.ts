import { asset } from '../spec-helpers';
import { viewerZone, zoneLabel } from './viewer-zone';

describe('viewerZone', () => {
  it("uses the sites' zone when they share one", () => {
    const zone = viewerZone([
      asset('s1', 'site', null, { timeZone: 'Europe/Berlin' }),
      asset('s2', 'site', null, { timeZone: 'Europe/Berlin' }),
      asset('m1', 'machine', 's1'),
    ]);
    expect(zone).toEqual({ timeZone: 'Europe/Berlin', utcBecause: null });
    expect(zoneLabel(zone)).toBe('Times in Europe/Berlin');
  });

  it('falls back to UTC and says why', () => {
    const several = viewerZone([
      asset('s1', 'site', null, { timeZone: 'Europe/Berlin' }),
      asset('s2', 'site', null, { timeZone: 'America/New_York' }),
    ]);
    expect(zoneLabel(several)).toBe('Times in UTC (your sites are in several time zones)');
    expect(zoneLabel(viewerZone([asset('s1', 'site', null, { timeZone: 'Mars/Olympus' })]))).toBe(
      'Times in UTC (your site has no known time zone)',
    );
    expect(zoneLabel(viewerZone([asset('s1', 'site', null)]))).toBe(
      'Times in UTC (your site has no known time zone)',
    );
    expect(zoneLabel(viewerZone([]))).toBe('Times in UTC (you see no site)');
  });
});
