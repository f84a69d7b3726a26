import { addDays, localDate, startOfLocalDate, startOfLocalDay } from './time-zone';

describe('time zone arithmetic', () => {
  it('finds local midnight on ordinary and daylight-saving days', () => {
    expect(startOfLocalDate('2026-03-10', 'Europe/Berlin').toISOString()).toBe('2026-03-09T23:00:00.000Z');
    // Berlin springs forward at 02:00 on 29 March 2026; that day still starts at 00:00 CET.
    expect(startOfLocalDate('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDate('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // New York falls back on 1 November 2026.
    expect(startOfLocalDate('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(startOfLocalDate('2026-11-02', 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
    // A zone half an hour off the hour.
    expect(startOfLocalDate('2026-03-10', 'Asia/Kolkata').toISOString()).toBe('2026-03-09T18:30:00.000Z');
  });

  it("tells the site's calendar date, which may differ from UTC's", () => {
    const instant = new Date('2026-03-10T23:30:00Z');
    expect(localDate(instant, 'Europe/Berlin')).toBe('2026-03-11');
    expect(localDate(instant, 'America/New_York')).toBe('2026-03-10');
    expect(startOfLocalDay(instant, 'Europe/Berlin').toISOString()).toBe('2026-03-10T23:00:00.000Z');
  });

  it('counts calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => startOfLocalDate('10.03.2026', 'Europe/Berlin')).toThrow('not a calendar date');
  });
});
