// The clock that auth decisions read; tests override it to move time without sleeping.
export const CLOCK = Symbol('CLOCK');
