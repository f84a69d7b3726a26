export { JobQueues, redisConnection, DEFAULT_JOB_OPTIONS } from './job-queues';
export { LiveEventPublisher, LiveEventSubscriber, type LiveEventListener } from './live-events';
export { DeviceControlQueue } from './device-control-queue';
