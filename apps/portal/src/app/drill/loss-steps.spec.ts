import { lossSteps, waterfallBars } from './loss-steps';

const waterfall = {
  plannedOperationTimeMs: 8 * 3_600_000,
  plannedDowntimeMs: 1_800_000,
  plannedBusyTimeMs: 27_000_000,
  setupMs: 1_000_000,
  breakdownsMs: 2_000_000,
  minorStopsMs: 500_000,
  unknownMs: 500_000,
  runTimeMs: 23_000_000,
  reducedSpeedMs: 3_000_000,
  startupRejectsMs: 0,
  productionRejectsMs: 1_000_000,
  fullyProductiveTimeMs: 19_000_000,
  speedAboveIdeal: false,
};

describe('loss waterfall steps', () => {
  it('hangs each loss from what is left and stands each total on zero', () => {
    const bars = waterfallBars(lossSteps(waterfall));
    expect(bars.slice(0, 6)).toEqual([
      { base: 0, value: 27_000_000 },
      { base: 26_000_000, value: 1_000_000 },
      { base: 24_000_000, value: 2_000_000 },
      { base: 23_500_000, value: 500_000 },
      { base: 23_000_000, value: 500_000 },
      { base: 0, value: 23_000_000 },
    ]);
    expect(bars[9]).toEqual({ base: 0, value: 19_000_000 });
  });

  it('leaves performance and quality losses unknown without an ideal cycle time', () => {
    const steps = lossSteps({ ...waterfall, reducedSpeedMs: null, fullyProductiveTimeMs: null });
    expect(steps[6]?.ms).toBeNull();
    expect(waterfallBars(steps)[9]).toEqual({ base: 0, value: null });
  });
});
