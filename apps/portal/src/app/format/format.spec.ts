import { formatDuration, formatRatio, NOT_APPLICABLE, startOfLocalHour, usableTimeZone } from './format';

describe('formatRatio', () => {
  it('shows a null ratio as a dash, not as 0 %', () => {
    expect(formatRatio(null)).toBe('—');
    expect(NOT_APPLICABLE).toBe('—');
    expect(formatRatio(0, 'en-US')).toBe('0.0%');
  });

  it('shows fractions as percentages with one decimal', () => {
    expect(formatRatio(0.8125, 'en-US')).toBe('81.3%');
    expect(formatRatio(1.05, 'en-US')).toBe('105.0%');
  });
});

describe('formatDuration', () => {
  it('rounds to minutes', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(42 * 60_000 + 20_000)).toBe('42 min');
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
  });
});

describe('time zones', () => {
  it('starts the hour where the local clock does', () => {
    const instant = new Date('2026-03-10T12:20:30.500Z');
    expect(startOfLocalHour(instant, 'Europe/Berlin').toISOString()).toBe('2026-03-10T12:00:00.000Z');
    // UTC+05:30: local 17:50:30, so the hour began at 11:30 UTC.
    expect(startOfLocalHour(instant, 'Asia/Kolkata').toISOString()).toBe('2026-03-10T11:30:00.000Z');
  });

  it('falls back to UTC for a missing or unknown zone', () => {
    expect(usableTimeZone(null)).toBe('UTC');
    expect(usableTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(usableTimeZone('America/Chicago')).toBe('America/Chicago');
  });
});
