export const DATABASE = Symbol('DATABASE');
export const JOB_QUEUES = Symbol('JOB_QUEUES');
