import { AddressThrottle } from './address-throttle.service';

const t0 = new Date('2026-03-01T10:00:00Z').getTime();
const at = (ms: number) => new Date(t0 + ms);

describe('AddressThrottle', () => {
  const policy = { maxFailures: 3, windowMs: 60_000 };

  it('refuses an address after maxFailures attempts in the window, and says until when', () => {
    const throttle = new AddressThrottle(policy);
    for (const ms of [0, 10_000, 20_000]) expect(throttle.begin('10.0.0.1', at(ms)).allowed).toBe(true);
    expect(throttle.begin('10.0.0.1', at(30_000))).toEqual({ allowed: false, retryAt: at(60_000) });
    expect(throttle.begin('10.0.0.2', at(30_000)).allowed).toBe(true);
  });

  it('slides: the oldest attempt leaving the window lets one more in', () => {
    const throttle = new AddressThrottle(policy);
    for (const ms of [0, 10_000, 20_000]) throttle.begin('a', at(ms));
    expect(throttle.begin('a', at(60_001)).allowed).toBe(true);
    expect(throttle.begin('a', at(60_002))).toEqual({ allowed: false, retryAt: at(70_000) });
  });

  it('does not count released attempts (right password, locked account)', () => {
    const throttle = new AddressThrottle(policy);
    for (let i = 0; i < 10; i++) {
      const attempt = throttle.begin('a', at(i));
      if (!attempt.allowed) throw new Error('refused');
      throttle.release('a', attempt.at);
    }
    expect(throttle.begin('a', at(11)).allowed).toBe(true);
  });
});
