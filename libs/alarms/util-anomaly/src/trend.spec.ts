import { ruleLimits } from './limits';
import { describeCrossing, estimateCrossing, theilSen } from './trend';
import { gaussian, HOUR, MIN, series, T0 } from './synthetic.spec-helpers';
import { assertRuleDefinition } from '@convergent/alarms-util-rules';

const horizon = { horizonMs: 14 * 24 * HOUR };

describe('trend-to-limit', () => {
  it('estimates the crossing of synthetic drifts within 15 % of the true lead time, the truth inside the band', () => {
    let inBand = 0;
    let cases = 0;
    let worst = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rate = 0.05 + (seed % 8) * 0.05; // 0.05 .. 0.4 °C per hour
      const noise = gaussian(seed);
      const outliers = gaussian(seed + 101);
      const points = series(T0, T0 + 48 * HOUR, 10 * MIN, (ts) => {
        const clean = 70 + (rate * (ts - T0)) / HOUR;
        // A few sensor glitches, which least squares would follow and Theil–Sen does not.
        const glitch = Math.abs(outliers()) > 2.3 ? 15 : 0;
        return clean + 0.5 * noise() + glitch;
      });
      const last = points[points.length - 1]!.ts;
      const trueAt = T0 + ((90 - 70) / rate) * HOUR;
      const estimate = estimateCrossing(
        points,
        { metric: 'bearing_temp', value: 90, direction: 'above' },
        {
          horizonMs: 30 * 24 * HOUR,
        },
      );
      expect(estimate).not.toBeNull();
      const lead = trueAt - last;
      worst = Math.max(worst, Math.abs(estimate!.at - trueAt) / lead);
      expect(Math.abs(estimate!.at - trueAt)).toBeLessThanOrEqual(0.15 * lead);
      cases += 1;
      if (estimate!.earliest <= trueAt && trueAt <= estimate!.latest) inBand += 1;
    }
    console.info(
      `trend-to-limit: ${cases} drifts, worst error ${(100 * worst).toFixed(1)} % of the lead time, ` +
        `truth inside the band in ${inBand} of ${cases}`,
    );
    expect(inBand / cases).toBeGreaterThanOrEqual(0.9);
  });

  it('says nothing about a flat series, one moving away from the limit, or one beyond the horizon', () => {
    const noise = gaussian(3);
    const flat = series(T0, T0 + 48 * HOUR, 10 * MIN, () => 70 + 0.5 * noise());
    const cooling = series(
      T0,
      T0 + 48 * HOUR,
      10 * MIN,
      (ts) => 80 - ((ts - T0) / HOUR) * 0.2 + 0.5 * noise(),
    );
    const slow = series(T0, T0 + 48 * HOUR, 10 * MIN, (ts) => 70 + ((ts - T0) / HOUR) * 0.02 + 0.1 * noise());
    const limit = { metric: 't', value: 90, direction: 'above' as const };
    expect(estimateCrossing(flat, limit, horizon)).toBeNull();
    expect(estimateCrossing(cooling, limit, horizon)).toBeNull();
    expect(estimateCrossing(slow, limit, { horizonMs: 7 * 24 * HOUR })).toBeNull();
    expect(estimateCrossing(slow.slice(0, 5), limit, horizon)).toBeNull();
  });

  it('forecasts a falling pressure against a lower limit and words it for people', () => {
    const noise = gaussian(9);
    const points = series(
      T0,
      T0 + 24 * HOUR,
      5 * MIN,
      (ts) => 6 - ((ts - T0) / HOUR) * 0.05 + 0.02 * noise(),
    );
    const estimate = estimateCrossing(
      points,
      { metric: 'oil pressure', value: 4, direction: 'below' },
      horizon,
    );
    const last = points[points.length - 1]!.ts;
    // 6 - 0.05 h = 4 at h = 40, 16 h after the last point (at 24 h).
    expect((estimate!.at - last) / HOUR).toBeCloseTo(16, 0);
    expect(describeCrossing(estimate!, last, 'bar')).toMatch(
      /^oil pressure falls to 4 bar in about 16 h \(between 1[56] h and 1[67] h\)$/,
    );
  });

  it('fits the median slope: one wild reading does not tilt it', () => {
    const points = series(T0, T0 + 10 * HOUR, HOUR, (ts) => (ts - T0) / HOUR);
    points[9] = { ts: points[9]!.ts, value: 1000 };
    expect(theilSen(points)!.slope).toBeCloseTo(1, 6);
  });

  it('takes the limits to forecast against from an alarm rule', () => {
    const rule = assertRuleDefinition({
      v: 1,
      severity: 'major',
      condition: {
        kind: 'any',
        conditions: [
          { kind: 'threshold', metric: 'bearing_temp', op: '>', value: 90 },
          { kind: 'range', metric: 'pressure', min: 4, max: 8 },
          { kind: 'state', states: ['down'] },
        ],
      },
    });
    expect(ruleLimits(rule)).toEqual([
      { metric: 'bearing_temp', value: 90, direction: 'above' },
      { metric: 'pressure', value: 8, direction: 'above' },
      { metric: 'pressure', value: 4, direction: 'below' },
    ]);
  });
});
