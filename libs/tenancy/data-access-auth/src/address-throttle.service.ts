export interface AddressThrottlePolicy {
  maxFailures: number;
  windowMs: number;
}

// Credential stuffing spreads guesses over many accounts, which the per-account lock never sees:
// 20 failed sign-ins per 10 minutes per client address, across accounts.
export const DEFAULT_ADDRESS_THROTTLE: AddressThrottlePolicy = { maxFailures: 20, windowMs: 10 * 60_000 };

// Beyond this many tracked addresses, stale ones are swept so a spray from many addresses cannot
// grow the map without bound.
const SWEEP_ABOVE = 10_000;

export type AddressAttempt = { allowed: false; retryAt: Date } | { allowed: true; at: number };

// A sliding window of attempt times per address, in this process's memory. Like the account
// lockout, an attempt counts from the moment it starts (a parallel burst cannot all pass the
// check) and is taken back when it turns out not to be a guess (release()).
// TODO(issue 9): with several API replicas each keeps its own window (20 × replicas); use Redis.
export class AddressThrottle {
  // Per address, at most maxFailures attempt times, oldest first.
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly policy: AddressThrottlePolicy = DEFAULT_ADDRESS_THROTTLE) {}

  begin(address: string, now: Date): AddressAttempt {
    const nowMs = now.getTime();
    const recent = this.recent(address, nowMs);
    if (recent.length >= this.policy.maxFailures)
      // The window slides: one more attempt is allowed once the oldest leaves it.
      return { allowed: false, retryAt: new Date((recent[0] ?? nowMs) + this.policy.windowMs) };
    recent.push(nowMs);
    this.attempts.set(address, recent);
    if (this.attempts.size > SWEEP_ABOVE) this.sweep(nowMs);
    return { allowed: true, at: nowMs };
  }

  // The attempt begun at `at` was no guess (the password was right, or the account was locked
  // and nothing was checked).
  release(address: string, at: number): void {
    const times = this.attempts.get(address);
    const index = times?.indexOf(at) ?? -1;
    if (times && index >= 0) times.splice(index, 1);
  }

  private recent(address: string, nowMs: number): number[] {
    return (this.attempts.get(address) ?? []).filter((t) => t > nowMs - this.policy.windowMs);
  }

  private sweep(nowMs: number): void {
    for (const [address, times] of this.attempts) {
      if ((times[times.length - 1] ?? 0) <= nowMs - this.policy.windowMs) this.attempts.delete(address);
    }
  }
}
