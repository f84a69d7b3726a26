import { reconnectDelayMs } from './client';

describe('reconnectDelayMs', () => {
  it('doubles from 1 s, stops growing at 30 s, and spreads retries by up to a second', () => {
    const noSpread = () => 0;
    expect([0, 1, 2, 3, 4, 5, 12].map((retries) => reconnectDelayMs(retries, noSpread))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(reconnectDelayMs(20, () => 0.999)).toBe(30_999);
  });
});
