import { describe, expect, it } from '@jest/globals';
import { at } from './spec-helpers';
import { isoWeekKey, offsetMs, offsetRuns, parseLocalDate, zonedInstant } from './zoned-time';

const BERLIN = 'Europe/Berlin';

describe('zoned time on Intl', () => {
  it('reads the Berlin offset in winter and summer', () => {
    expect(offsetMs(at('2026-01-15T12:00:00Z').getTime(), BERLIN)).toBe(3_600_000);
    expect(offsetMs(at('2026-07-15T12:00:00Z').getTime(), BERLIN)).toBe(7_200_000);
  });

  it('resolves an ordinary wall-clock time', () => {
    expect(new Date(zonedInstant({ year: 2026, month: 3, day: 27 }, 6 * 60, BERLIN)).toISOString()).toBe(
      '2026-03-27T05:00:00.000Z',
    );
  });

  it('moves a wall-clock time inside the spring-forward gap forward by the gap (02:30 -> 03:30 CEST)', () => {
    expect(new Date(zonedInstant({ year: 2026, month: 3, day: 29 }, 2 * 60 + 30, BERLIN)).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('takes the first occurrence of a wall-clock time repeated on the fall-back night', () => {
    expect(
      new Date(zonedInstant({ year: 2026, month: 10, day: 25 }, 2 * 60 + 30, BERLIN)).toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
  });

  it('finds the exact instant of a DST change', () => {
    const runs = offsetRuns(
      at('2026-03-28T00:00:00Z').getTime(),
      at('2026-03-30T00:00:00Z').getTime(),
      BERLIN,
    );
    expect(runs.map((r) => [new Date(r.start).toISOString(), r.offset])).toEqual([
      ['2026-03-28T00:00:00.000Z', 3_600_000],
      ['2026-03-29T01:00:00.000Z', 7_200_000],
    ]);
  });

  it('names ISO weeks by the year of their Thursday', () => {
    expect(isoWeekKey({ year: 2026, month: 3, day: 23 })).toBe('2026-W13');
    expect(isoWeekKey({ year: 2026, month: 12, day: 28 })).toBe('2026-W53');
    expect(isoWeekKey({ year: 2024, month: 12, day: 30 })).toBe('2025-W01');
  });

  it('rejects impossible dates and unknown zones instead of guessing', () => {
    expect(() => parseLocalDate('2026-02-30')).toThrow(RangeError);
    expect(() => offsetMs(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
