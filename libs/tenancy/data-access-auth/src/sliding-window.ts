import { randomBytes } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

export interface SlidingWindowPolicy {
  // Attempts allowed per window.
  max: number;
  windowMs: number;
}

export type WindowAttempt = { allowed: false; retryAt: Date } | { allowed: true; member: string };

// One sorted set per subject, scored by attempt time. Checking and adding happen in one script, so
// a parallel burst from several API replicas cannot all pass the check. Times come from the
// caller's clock (tests move it), not from Redis's.
const BEGIN = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, oldest[2]}
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, ARGV[1]}
`;

// A sliding window of attempts per subject (a network address, an API key) kept in Redis, so the
// limit holds across every API replica rather than once per process.
export class SlidingWindowLimiter {
  constructor(
    // One key per subject and script, so a Redis Cluster serves it as well as one server.
    private readonly redis: Redis | Cluster,
    // Namespaces the keys: one per purpose, and per test run.
    private readonly keyPrefix: string,
    private readonly policy: SlidingWindowPolicy,
  ) {}

  async begin(subject: string, now: Date): Promise<WindowAttempt> {
    const nowMs = now.getTime();
    const member = `${nowMs}:${randomBytes(6).toString('hex')}`;
    const [allowed, score] = (await this.redis.eval(
      BEGIN,
      1,
      this.key(subject),
      nowMs,
      this.policy.windowMs,
      this.policy.max,
      member,
    )) as [number, string];
    // The window slides: one more attempt is allowed once the oldest leaves it.
    return allowed === 1
      ? { allowed: true, member }
      : { allowed: false, retryAt: new Date(Number(score) + this.policy.windowMs) };
  }

  // Takes back an attempt that turned out not to count (e.g. a sign-in with the right password).
  async release(subject: string, member: string): Promise<void> {
    await this.redis.zrem(this.key(subject), member);
  }

  private key(subject: string): string {
    return `${this.keyPrefix}${subject}`;
  }
}
