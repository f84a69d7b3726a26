import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AddressThrottle } from './address-throttle.service';

const t0 = new Date('2026-03-01T10:00:00Z').getTime();
const at = (ms: number) => new Date(t0 + ms);

// Against the real Redis, under a prefix of this run's own.
describe('AddressThrottle', () => {
  const policy = { maxFailures: 3, windowMs: 60_000 };
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const throttle = () => new AddressThrottle(redis, `test:${randomUUID()}:`, policy);

  afterAll(async () => {
    await redis.quit();
  });

  it('refuses an address after maxFailures attempts in the window, and says until when', async () => {
    const limiter = throttle();
    for (const ms of [0, 10_000, 20_000])
      expect((await limiter.begin('10.0.0.1', at(ms))).allowed).toBe(true);
    expect(await limiter.begin('10.0.0.1', at(30_000))).toEqual({ allowed: false, retryAt: at(60_000) });
    expect((await limiter.begin('10.0.0.2', at(30_000))).allowed).toBe(true);
  });

  it('holds across replicas: two throttles on one Redis share the window', async () => {
    const prefix = `test:${randomUUID()}:`;
    const replicas = [
      new AddressThrottle(redis, prefix, policy),
      new AddressThrottle(redis, prefix, policy),
    ] as const;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (replicas[i % 2] ?? replicas[0]).begin('10.0.0.9', at(i))),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });

  it('slides: the oldest attempt leaving the window lets one more in', async () => {
    const limiter = throttle();
    for (const ms of [0, 10_000, 20_000]) await limiter.begin('a', at(ms));
    expect((await limiter.begin('a', at(60_001))).allowed).toBe(true);
    expect(await limiter.begin('a', at(60_002))).toEqual({ allowed: false, retryAt: at(70_000) });
  });

  it('does not count released attempts (right password, locked account)', async () => {
    const limiter = throttle();
    for (let i = 0; i < 10; i++) {
      const attempt = await limiter.begin('a', at(i));
      if (!attempt.allowed) throw new Error('refused');
      await limiter.release('a', attempt.member);
    }
    expect((await limiter.begin('a', at(11))).allowed).toBe(true);
  });
});
