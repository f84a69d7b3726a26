export * from './parse-config';
export * from './env-fields';
export * from './redis-url';
