import { bucketLabel, parseGranularity, withGranularity } from './granularity';

const zone = 'Europe/Berlin';
const early = { bucketStart: '2026-03-10T05:00:00Z', bucketEnd: '2026-03-10T13:00:00Z', shiftName: 'Early' };

describe('KPI granularity', () => {
  it('reads the bucket size from the address, hours when absent or unknown', () => {
    expect(parseGranularity(new URLSearchParams('range=today&by=shift'))).toBe('SHIFT');
    expect(parseGranularity(new URLSearchParams('by=day'))).toBe('DAY');
    expect(parseGranularity(new URLSearchParams('by=fortnight'))).toBe('HOUR');
    expect(parseGranularity(new URLSearchParams('range=today'))).toBe('HOUR');
  });

  it('keeps the range in the address and leaves the default out', () => {
    const search = new URLSearchParams('range=last-7-days');
    expect(withGranularity(search, 'DAY').toString()).toBe('range=last-7-days&by=day');
    expect(withGranularity(new URLSearchParams('range=today&by=day'), 'HOUR').toString()).toBe('range=today');
  });

  it("names buckets in the site's zone: hours, shifts with their times, days", () => {
    expect(bucketLabel(early, 'HOUR', zone, 'en-US')).toBe('Tue 06:00');
    expect(bucketLabel(early, 'SHIFT', zone, 'en-US')).toBe('Tue, Mar 10 · Early 06:00–14:00');
    expect(bucketLabel({ ...early, shiftName: null }, 'SHIFT', zone, 'en-US')).toBe(
      'Tue, Mar 10 · 06:00–14:00',
    );
    expect(bucketLabel({ ...early, bucketStart: '2026-03-09T23:00:00Z' }, 'DAY', zone, 'en-US')).toBe(
      'Tue, Mar 10',
    );
  });
});
