// Every time-dependent auth decision (token expiry, lockout, throttling) reads this, so tests move
// time forward instead of sleeping.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
