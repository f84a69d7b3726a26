export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
export const DATABASE = Symbol('DATABASE');
export const JOB_QUEUES = Symbol('JOB_QUEUES');
export const LIVE_EVENTS = Symbol('LIVE_EVENTS');
