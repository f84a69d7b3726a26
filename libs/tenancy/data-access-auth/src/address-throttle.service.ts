import type { Cluster, Redis } from 'ioredis';
import { SlidingWindowLimiter, type WindowAttempt } from './sliding-window';

export interface AddressThrottlePolicy {
  maxFailures: number;
  windowMs: number;
}

// Credential stuffing spreads guesses over many accounts, which the per-account lock never sees:
// 20 failed sign-ins per 10 minutes per client address, across accounts.
export const DEFAULT_ADDRESS_THROTTLE: AddressThrottlePolicy = { maxFailures: 20, windowMs: 10 * 60_000 };

export type AddressAttempt = WindowAttempt;

// Like the account lockout, an attempt counts from the moment it starts (a parallel burst cannot
// all pass the check) and is taken back when it turns out not to be a guess (release()). Kept in
// Redis, so the 20 hold for the address across all API replicas.
export class AddressThrottle {
  private readonly window: SlidingWindowLimiter;

  constructor(
    redis: Redis | Cluster,
    keyPrefix: string,
    policy: AddressThrottlePolicy = DEFAULT_ADDRESS_THROTTLE,
  ) {
    this.window = new SlidingWindowLimiter(redis, `${keyPrefix}signin-address:`, {
      max: policy.maxFailures,
      windowMs: policy.windowMs,
    });
  }

  begin(address: string, now: Date): Promise<AddressAttempt> {
    return this.window.begin(address, now);
  }

  // The attempt was no guess (the password was right, or the account was locked and nothing was
  // checked).
  release(address: string, member: string): Promise<void> {
    return this.window.release(address, member);
  }
}
