import { hostname } from 'node:os';
import { z } from 'zod';
import {
  filePath,
  logLevel,
  port,
  positiveInt,
  postgresUrl,
  queuePrefix,
  redisUrl,
  iotProfile,
} from '@convergent/platform-util-config';

export const ingestConfigSchema = z.object({
  DATABASE_URL: postgresUrl('postgresql://convergent_app@127.0.0.1:5432/convergent'),
  REDIS_URL: redisUrl('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: queuePrefix,
  MQTT_HOST: z.string().min(1).default('127.0.0.1'),
  MQTT_PORT: port(8883),
  // Stable across restarts, so the broker keeps this replica's session (and the messages queued
  // for it) while it restarts; give each replica its own.
  MQTT_CLIENT_ID: z.string().min(1).default(`convergent-ingest-${hostname()}`),
  MQTT_SESSION_EXPIRY_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(3600),
  MQTT_CERT_PATH: filePath('.state/pki/backend.crt'),
  MQTT_KEY_PATH: filePath('.state/pki/backend.key'),
  MQTT_CA_PATH: filePath('.state/pki/ca.crt'),
  // local: Mosquitto and the local CA, and this process answers fleet provisioning (one ingest per
  // broker). aws: AWS IoT Core does, with the template's pre-provisioning hook.
  IOT_PROFILE: iotProfile,
  PROVISIONING_TEMPLATE_NAME: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,36}$/, 'use 1-36 of A-Z a-z 0-9 _ -')
    .default('convergent-gateway'),
  // The local CA that signs gateway CSRs (IOT_PROFILE=local only). Default: the CA the broker's
  // certificates chain to (MQTT_CA_PATH) and the ca.key next to it, as ensureLocalPki lays them out.
  LOCAL_CA_CERT_PATH: z.string().min(1).optional(),
  // The local broker's state folder (IOT_PROFILE=local): where gateways are registered with the
  // broker and certificates revoked. Default: the folder above the CA's pki/ (MQTT_CA_PATH).
  IOT_STATE_DIR: z.string().min(1).optional(),
  LOCAL_CA_KEY_PATH: z.string().min(1).optional(),
  INGEST_BATCH_MAX_ITEMS: positiveInt(5000),
  INGEST_BATCH_MAX_DELAY_MS: positiveInt(200),
  // Batches written at once, each in a transaction of its own: while one waits for its commit, the
  // next is already being inserted.
  INGEST_CONCURRENT_WRITES: z.coerce.number().int().min(1).max(8).default(2),
  // Messages the broker may send before ingest acknowledges (MQTT receive maximum). Ingest
  // acknowledges after the commit, so this bounds the messages held in memory per replica.
  INGEST_MAX_UNACKNOWLEDGED: z.coerce.number().int().min(2).max(65_535).default(2000),
  INGEST_HEALTH_PORT: port(3002),
  LOG_LEVEL: logLevel,
});

export type IngestConfig = z.infer<typeof ingestConfigSchema>;
export const INGEST_CONFIG = Symbol('INGEST_CONFIG');
