import { describe, expect, it } from '@jest/globals';
import { shiftWindows, type ShiftCalendar } from './shift-calendar';
import { hours, interval } from './spec-helpers';

const BERLIN = 'Europe/Berlin';
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

const nightShift: ShiftCalendar = {
  shifts: [{ name: 'night', start: '22:00', end: '06:00', days: EVERY_DAY }],
  plannedStops: [{ shiftName: 'night', start: '02:00', end: '02:30', reason: 'meal break' }],
  holidays: [],
};

const iso = (d: Date): string => d.toISOString();

describe('shift calendar', () => {
  it('runs a 22:00-06:00 night shift across midnight and books it to the day it starts', () => {
    const { shifts, plannedStops } = shiftWindows(
      nightShift,
      interval('2026-06-10T00:00:00Z', '2026-06-11T00:00:00Z'),
      BERLIN,
    );
    expect(shifts.map((s) => [s.shiftDate, iso(s.start), iso(s.end)])).toEqual([
      ['2026-06-09', '2026-06-09T20:00:00.000Z', '2026-06-10T04:00:00.000Z'],
      ['2026-06-10', '2026-06-10T20:00:00.000Z', '2026-06-11T04:00:00.000Z'],
    ]);
    // The 02:00 break of a night shift falls on the morning after the shift's date.
    expect(plannedStops.map((p) => [p.shiftDate, iso(p.start), iso(p.end)])).toEqual([
      ['2026-06-09', '2026-06-10T00:00:00.000Z', '2026-06-10T00:30:00.000Z'],
      ['2026-06-10', '2026-06-11T00:00:00.000Z', '2026-06-11T00:30:00.000Z'],
    ]);
  });

  it('gives the night shift 7 hours when clocks spring forward and 9 when they fall back', () => {
    const spring = shiftWindows(nightShift, interval('2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z'), BERLIN);
    const springShift = spring.shifts.find((s) => s.shiftDate === '2026-03-28');
    expect(springShift && hours(springShift)).toBe(7);
    // 02:00 does not exist that night: the break moves to 03:00-03:30 CEST and keeps its 30 minutes.
    const springBreak = spring.plannedStops.find((s) => s.shiftDate === '2026-03-28');
    expect(springBreak && [iso(springBreak.start), iso(springBreak.end)]).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);

    const autumn = shiftWindows(nightShift, interval('2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z'), BERLIN);
    const autumnShift = autumn.shifts.find((s) => s.shiftDate === '2026-10-24');
    expect(autumnShift && hours(autumnShift)).toBe(9);
    // 02:00 happens twice: the break is taken at the first one (CEST).
    const autumnBreak = autumn.plannedStops.find((s) => s.shiftDate === '2026-10-24');
    expect(autumnBreak && iso(autumnBreak.start)).toBe('2026-10-25T00:00:00.000Z');
  });

  it('drops shifts on holidays and days the shift is not worked, but keeps a night shift running into a holiday', () => {
    const calendar: ShiftCalendar = {
      shifts: [
        { name: 'early', start: '06:00', end: '14:00', days: [1, 2, 3, 4, 5] },
        { name: 'night', start: '22:00', end: '06:00', days: [1, 2, 3, 4, 5] },
      ],
      plannedStops: [],
      holidays: ['2026-12-25'],
    };
    // Thu 24 Dec to Sun 27 Dec; Wednesday's night shift runs into the range.
    const { shifts } = shiftWindows(
      calendar,
      interval('2026-12-23T23:00:00Z', '2026-12-27T23:00:00Z'),
      BERLIN,
    );
    expect(shifts.map((s) => `${s.shiftDate} ${s.shiftName}`)).toEqual([
      '2026-12-23 night',
      '2026-12-24 early',
      '2026-12-24 night',
    ]);
    expect(iso(shifts[2]?.end ?? new Date(0))).toBe('2026-12-25T05:00:00.000Z');
  });

  it('applies a site-wide wall-clock stop only where it overlaps shifts, and only on its weekdays', () => {
    const calendar: ShiftCalendar = {
      shifts: [
        { name: 'early', start: '06:00', end: '14:00', days: EVERY_DAY },
        { name: 'late', start: '14:00', end: '22:00', days: EVERY_DAY },
      ],
      // Saturday maintenance straddling the shift change.
      plannedStops: [{ start: '12:00', end: '16:00', days: [6], reason: 'planned maintenance' }],
      holidays: [],
    };
    const { plannedStops } = shiftWindows(
      calendar,
      interval('2026-06-12T22:00:00Z', '2026-06-14T22:00:00Z'),
      BERLIN,
    );
    expect(plannedStops.map((p) => [p.shiftName, p.shiftDate, iso(p.start), iso(p.end)])).toEqual([
      ['early', '2026-06-13', '2026-06-13T10:00:00.000Z', '2026-06-13T12:00:00.000Z'],
      ['late', '2026-06-13', '2026-06-13T12:00:00.000Z', '2026-06-13T14:00:00.000Z'],
    ]);
  });

  it('returns whole shifts that overlap the range, so a shift can be its own bucket', () => {
    const { shifts } = shiftWindows(
      nightShift,
      interval('2026-06-10T03:00:00Z', '2026-06-10T03:30:00Z'),
      BERLIN,
    );
    expect(shifts.map((s) => [s.shiftDate, hours(s)])).toEqual([['2026-06-09', 8]]);
  });

  it('rejects malformed times, weekdays and holidays rather than guessing', () => {
    const range = interval('2026-06-10T00:00:00Z', '2026-06-11T00:00:00Z');
    const withShift = (start: string, days: number[]): ShiftCalendar => ({
      shifts: [{ name: 'x', start, end: '14:00', days }],
      plannedStops: [],
      holidays: [],
    });
    expect(() => shiftWindows(withShift('6:00', [1]), range, BERLIN)).toThrow(RangeError);
    expect(() => shiftWindows(withShift('24:00', [1]), range, BERLIN)).toThrow(RangeError);
    expect(() => shiftWindows(withShift('06:00', [0]), range, BERLIN)).toThrow(RangeError);
    expect(() =>
      shiftWindows({ ...withShift('06:00', [1]), holidays: ['25.12.2026'] }, range, BERLIN),
    ).toThrow(RangeError);
    const misspelledBreak = { shiftName: 'x ', start: '09:00', end: '09:20', reason: 'break' };
    expect(() =>
      shiftWindows({ ...withShift('06:00', [1]), plannedStops: [misspelledBreak] }, range, BERLIN),
    ).toThrow(RangeError);
  });
});
