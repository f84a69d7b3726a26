import { chooseSensorResolution } from './sensor-resolution';

const t = (iso: string) => new Date(iso);
const pointsIn = (from: Date, to: Date, r: ReturnType<typeof chooseSensorResolution>) =>
  Math.ceil((to.getTime() - r.origin.getTime()) / r.bucketMs);

describe('chooseSensorResolution', () => {
  it('reads raw points for an hour, in buckets narrow enough to show them', () => {
    const from = t('2026-03-10T08:00:00Z');
    const to = t('2026-03-10T09:00:00Z');
    expect(chooseSensorResolution(from, to, 600)).toEqual({ source: 'raw', origin: from, bucketMs: 6_000 });
  });

  it('reads minute rollups for a day and hour rollups for a week', () => {
    const from = t('2026-03-10T08:00:00Z');
    expect(chooseSensorResolution(from, t('2026-03-11T08:00:00Z'), 500)).toMatchObject({
      source: '1m',
      bucketMs: 3 * 60_000,
    });
    expect(chooseSensorResolution(from, t('2026-03-17T08:00:00Z'), 100)).toMatchObject({
      source: '1h',
      bucketMs: 2 * 3_600_000,
    });
  });

  it('aligns rollup points to whole minutes and hours and stays within the point cap', () => {
    const from = t('2026-03-10T08:00:30.500Z');
    const to = t('2026-03-11T08:00:00Z');
    for (const maxPoints of [1, 7, 500, 1440]) {
      const r = chooseSensorResolution(from, to, maxPoints);
      const unit = { raw: 1, '1m': 60_000, '1h': 3_600_000 }[r.source];
      expect(r.origin.getTime() % unit).toBe(0);
      expect(r.bucketMs % unit).toBe(0);
      expect(pointsIn(from, to, r)).toBeLessThanOrEqual(maxPoints);
    }
  });

  it('refuses an empty or reversed range and a cap below one', () => {
    const from = t('2026-03-10T08:00:00Z');
    expect(() => chooseSensorResolution(from, from, 10)).toThrow('the range must end after it starts');
    expect(() => chooseSensorResolution(from, t('2026-03-10T09:00:00Z'), 0)).toThrow(
      'maxPoints must be a positive integer',
    );
  });
});
