import { describe, expect, it } from '@jest/globals';
import { intersectSpans, normalizeSpans, subtractSpans, toSpan } from './interval';

describe('span arithmetic', () => {
  it('merges overlapping and touching spans and drops empty ones', () => {
    expect(
      normalizeSpans([
        { start: 5, end: 8 },
        { start: 0, end: 3 },
        { start: 3, end: 4 },
        { start: 7, end: 10 },
        { start: 12, end: 12 },
      ]),
    ).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 10 },
    ]);
  });

  it('intersects and subtracts calendars', () => {
    const shifts = [
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ];
    const stops = [
      { start: 8, end: 22 },
      { start: 25, end: 26 },
    ];
    expect(intersectSpans(shifts, stops)).toEqual([
      { start: 8, end: 10 },
      { start: 20, end: 22 },
      { start: 25, end: 26 },
    ]);
    expect(subtractSpans(shifts, stops)).toEqual([
      { start: 0, end: 8 },
      { start: 22, end: 25 },
      { start: 26, end: 30 },
    ]);
  });

  it('refuses a backwards or invalid interval', () => {
    expect(() => toSpan({ start: new Date(10), end: new Date(5) }, 'bucket')).toThrow(RangeError);
    expect(() => toSpan({ start: new Date(Number.NaN), end: new Date(5) }, 'bucket')).toThrow(RangeError);
  });
});
