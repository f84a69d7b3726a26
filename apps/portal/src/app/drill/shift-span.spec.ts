import { shiftSpan } from './shift-span';

const bucket = (start: string, end: string, shiftName: string | null = null) => ({
  bucketStart: start,
  bucketEnd: end,
  shiftName,
});

describe('shiftSpan', () => {
  it("names the shift and its times in the site's zone", () => {
    expect(
      shiftSpan([bucket('2026-03-10T05:00:00Z', '2026-03-10T13:00:00Z', 'Early')], 'Europe/Berlin', 'en-GB'),
    ).toBe('Early 06:00–14:00');
  });

  it('gives only the times of an unnamed shift (a site without a calendar runs a day-long one)', () => {
    expect(
      shiftSpan([bucket('2026-03-10T04:00:00Z', '2026-03-11T04:00:00Z')], 'America/New_York', 'en-GB'),
    ).toBe('00:00–00:00');
  });

  it('spans several shifts in progress at once, from the earliest start to the latest end', () => {
    expect(
      shiftSpan(
        [
          bucket('2026-03-10T06:00:00Z', '2026-03-10T14:00:00Z', 'Early'),
          bucket('2026-03-10T05:00:00Z', '2026-03-10T13:00:00Z', 'A'),
        ],
        'UTC',
        'en-GB',
      ),
    ).toBe('2 shifts, 05:00–14:00');
  });

  it('is nothing off shift', () => {
    expect(shiftSpan([], 'UTC')).toBeNull();
  });
});
