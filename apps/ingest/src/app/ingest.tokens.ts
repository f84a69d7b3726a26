export const MQTT_CONNECTION = Symbol('MQTT_CONNECTION');
export const DATABASE = Symbol('DATABASE');
export const JOB_QUEUES = Symbol('JOB_QUEUES');
export const INGEST_METRICS = Symbol('INGEST_METRICS');
export const LIVE_EVENTS = Symbol('LIVE_EVENTS');
