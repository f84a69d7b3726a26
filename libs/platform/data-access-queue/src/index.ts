export { JobQueues, redisConnection, DEFAULT_JOB_OPTIONS } from './job-queues';
