import { describe, expect, it } from 'vitest';
import { resolveHistoryRange, type HistoryChoice } from './history-range';

const now = new Date('2026-03-10T12:20:00Z');
const BERLIN = 'Europe/Berlin';
const choice = (preset: HistoryChoice['preset'], from = '', to = ''): HistoryChoice => ({ preset, from, to });

describe('resolveHistoryRange', () => {
  it('ends the presets at now, the day at a whole hour of the site, the shift at its start', () => {
    expect(resolveHistoryRange(choice('last-hour'), now, BERLIN, null)).toEqual({
      ok: true,
      from: new Date('2026-03-10T11:20:00Z'),
      to: now,
    });
    // 13:20 in Berlin: the 24 hours start at 14:00 the day before, local time.
    expect(resolveHistoryRange(choice('last-24h'), now, BERLIN, null)).toMatchObject({
      from: new Date('2026-03-09T13:00:00Z'),
    });
    const shiftStart = new Date('2026-03-10T05:00:00Z');
    expect(resolveHistoryRange(choice('shift'), now, BERLIN, shiftStart)).toEqual({
      ok: true,
      from: shiftStart,
      to: now,
    });
    expect(resolveHistoryRange(choice('shift'), now, BERLIN, null)).toEqual({
      ok: false,
      problem: 'No shift is in progress: choose another range.',
    });
  });

  it("reads a custom range as the site's wall time, cut at now, and says what is wrong with a bad one", () => {
    expect(
      resolveHistoryRange(choice('custom', '2026-03-10T08:00', '2026-03-10T18:00'), now, BERLIN, null),
    ).toEqual({
      ok: true,
      from: new Date('2026-03-10T07:00:00Z'),
      to: now,
    });
    // The spring-forward night in Berlin: 01:00 local is still UTC+1, 04:00 already UTC+2.
    expect(
      resolveHistoryRange(
        choice('custom', '2026-03-29T01:00', '2026-03-29T04:00'),
        new Date('2026-04-01T00:00:00Z'),
        BERLIN,
        null,
      ),
    ).toEqual({
      ok: true,
      from: new Date('2026-03-29T00:00:00Z'),
      to: new Date('2026-03-29T02:00:00Z'),
    });
    const problem = (from: string, to: string) =>
      (resolveHistoryRange(choice('custom', from, to), now, BERLIN, null) as { problem?: string }).problem;
    expect(problem('', '2026-03-10T10:00')).toBe('Choose a start and an end.');
    expect(problem('2026-03-10T10:00', '2026-03-10T09:00')).toBe('The end is not after the start.');
    expect(problem('2026-03-11T10:00', '2026-03-11T11:00')).toBe('The start is in the future.');
    expect(problem('2026-01-01T00:00', '2026-03-01T00:00')).toBe('Choose at most 31 days.');
  });
});
