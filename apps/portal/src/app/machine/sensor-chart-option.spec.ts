import { describe, expect, it } from 'vitest';
import { seriesWithGaps, timeLabel } from './sensor-chart-option';

const point = (at: string, avg: number) => ({ at, min: avg - 1, avg, max: avg + 1 });

describe('seriesWithGaps', () => {
  it('breaks the line where buckets have no readings, and only there', () => {
    const points = [
      point('2026-03-10T08:00:00Z', 20),
      point('2026-03-10T08:01:00Z', 21),
      point('2026-03-10T08:05:00Z', 25),
    ];
    expect(seriesWithGaps(points, 'avg', 60_000)).toEqual([
      [Date.parse('2026-03-10T08:00:00Z'), 20],
      [Date.parse('2026-03-10T08:01:00Z'), 21],
      [Date.parse('2026-03-10T08:02:00Z'), null],
      [Date.parse('2026-03-10T08:05:00Z'), 25],
    ]);
    expect(seriesWithGaps(points, 'max', 5 * 60_000).map(([, v]) => v)).toEqual([21, 22, 26]);
  });
});

describe('timeLabel', () => {
  it("labels in the site's zone, with the day once the range is longer than a day", () => {
    const at = Date.parse('2026-03-10T12:20:00Z');
    expect(timeLabel(at, 3_600_000, 'Europe/Berlin')).toMatch(/13:20/);
    expect(timeLabel(at, 3_600_000, 'America/New_York')).toMatch(/08:20/);
    expect(timeLabel(at, 3 * 86_400_000, 'Europe/Berlin')).toMatch(/Tue.*13:20/);
  });
});
