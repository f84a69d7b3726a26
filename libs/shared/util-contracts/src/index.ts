export * from './machine-state';
export * from './topics';
export * from './device-payloads';
export * from './queues';
export * from './errors';
export * from './live-events';
export * from './gateway-machines';
export * from './device-control';
