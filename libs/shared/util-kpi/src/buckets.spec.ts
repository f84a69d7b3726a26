import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dayBuckets, hourBuckets, weekBuckets, type Bucket } from './buckets';
import { hours, interval, ms } from './spec-helpers';

const BERLIN = 'Europe/Berlin';

describe('day buckets', () => {
  it('start at local midnight, not UTC midnight', () => {
    const [day] = dayBuckets(interval('2026-06-09T22:00:00Z', '2026-06-10T22:00:00Z'), BERLIN);
    expect(day).toEqual({
      start: new Date('2026-06-09T22:00:00Z'),
      end: new Date('2026-06-10T22:00:00Z'),
      key: '2026-06-10',
    });
  });

  it('make 2026-03-29 a 23-hour day and 2026-10-25 a 25-hour day in Berlin', () => {
    const spring = dayBuckets(interval('2026-03-27T23:00:00Z', '2026-03-30T22:00:00Z'), BERLIN);
    expect(spring.map((b) => [b.key, hours(b)])).toEqual([
      ['2026-03-28', 24],
      ['2026-03-29', 23],
      ['2026-03-30', 24],
    ]);
    const autumn = dayBuckets(interval('2026-10-24T22:00:00Z', '2026-10-26T23:00:00Z'), BERLIN);
    expect(autumn.map((b) => [b.key, hours(b)])).toEqual([
      ['2026-10-25', 25],
      ['2026-10-26', 24],
    ]);
  });

  it('clip the first and last bucket to the range', () => {
    const buckets = dayBuckets(interval('2026-06-10T10:00:00Z', '2026-06-11T10:00:00Z'), BERLIN);
    expect(buckets.map((b) => [b.key, hours(b)])).toEqual([
      ['2026-06-10', 12],
      ['2026-06-11', 12],
    ]);
  });
});

describe('hour buckets', () => {
  it('give 23 hours on the spring-forward day and 25 on the fall-back day, the repeated 02:00 told apart', () => {
    const spring = hourBuckets(interval('2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'), BERLIN);
    expect(spring).toHaveLength(23);
    expect(spring.map((b) => b.key).slice(1, 3)).toEqual([
      '2026-03-29T01:00+01:00',
      '2026-03-29T03:00+02:00',
    ]);

    const autumn = hourBuckets(interval('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'), BERLIN);
    expect(autumn).toHaveLength(25);
    expect(autumn.map((b) => b.key).slice(2, 4)).toEqual([
      '2026-10-25T02:00+02:00',
      '2026-10-25T02:00+01:00',
    ]);
    expect(autumn.every((b) => hours(b) === 1)).toBe(true);
  });

  it('follow local hours in a quarter-hour zone', () => {
    const [first, second] = hourBuckets(
      interval('2026-06-10T00:00:00Z', '2026-06-10T02:00:00Z'),
      'Asia/Kathmandu',
    );
    expect(first?.end.toISOString()).toBe('2026-06-10T00:15:00.000Z');
    expect(second?.key).toBe('2026-06-10T06:00+05:45');
  });
});

describe('week buckets', () => {
  it('run Monday local midnight to Monday local midnight, 167 hours over the spring change', () => {
    const weeks = weekBuckets(interval('2026-03-22T23:00:00Z', '2026-04-05T22:00:00Z'), BERLIN);
    expect(weeks.map((b) => [b.key, b.start.toISOString(), hours(b)])).toEqual([
      ['2026-W13', '2026-03-22T23:00:00.000Z', 167],
      ['2026-W14', '2026-03-29T22:00:00.000Z', 168],
    ]);
  });

  it('give 169 hours to the week with the autumn change', () => {
    const [week] = weekBuckets(interval('2026-10-18T22:00:00Z', '2026-10-25T23:00:00Z'), BERLIN);
    expect(week?.key).toBe('2026-W43');
    expect(hours(week as Bucket)).toBe(169);
  });
});

describe('every bucketing', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'UTC',
    'America/Santiago',
  ];
  const kinds = [hourBuckets, dayBuckets, weekBuckets];

  it('partitions the range exactly: contiguous, non-empty, from start to end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.integer({ min: 0, max: 20 * 24 * 60 }),
        fc.constantFrom(...zones),
        fc.constantFrom(...kinds),
        (start, lengthMin, zone, bucketsOf) => {
          const end = start + lengthMin * 60_000;
          const buckets = bucketsOf(ms(start, end), zone);
          if (end === start) return buckets.length === 0;
          const edges = buckets.every(
            (b, i) => b.end > b.start && (i === 0 || buckets[i - 1]?.end.getTime() === b.start.getTime()),
          );
          return (
            edges &&
            buckets[0]?.start.getTime() === start &&
            buckets[buckets.length - 1]?.end.getTime() === end
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
