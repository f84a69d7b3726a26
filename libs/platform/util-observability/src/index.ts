export * from './ops-config';
export * from './ops-server';
export * from './job-metrics';
export * from './http-metrics';
export * from './logger';
export * from './process-ops';
export * from './request-id';
export * from './tracing';
