// The clock that auth decisions read; tests override it to move time without sleeping.
export const CLOCK = Symbol('CLOCK');

// The Redis connection of the API (rate limits shared by every replica).
export const REDIS = Symbol('REDIS');
export const API_KEY_RATE_LIMITER = Symbol('API_KEY_RATE_LIMITER');
