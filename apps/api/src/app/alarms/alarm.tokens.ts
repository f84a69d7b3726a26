export const ALARM_LIVE_EVENTS = Symbol('ALARM_LIVE_EVENTS');
