export { JobQueues, DEFAULT_JOB_OPTIONS } from './job-queues';
export { QueueConnection } from './queue-connection';
export { createRedisClient, type RedisClient, type RedisClientOptions } from './redis-client';
export { LiveEventPublisher, LiveEventSubscriber, type LiveEventListener } from './live-events';
export { DeviceControlQueue } from './device-control-queue';
