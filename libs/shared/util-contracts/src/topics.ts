// The per-gateway topic tree. The gateway's MQTT client id and certificate identity are its thing
// name, so broker policies can say "your own subtree only" with one pattern (AWS policy
// variable ${iot:Connection.Thing.ThingName}, Mosquitto %u).
export const TOPIC_ROOT = 'cvg';

export const DEVICE_CHANNELS = [
  'telemetry',
  'state',
  'counts',
  'presence',
  'config/desired',
  'config/reported',
  'cmd/req',
  'cmd/res',
] as const;
export type DeviceChannel = (typeof DEVICE_CHANNELS)[number];

// Channels the cloud ingests; the others flow from the cloud to the gateway or are request/response.
export const INGEST_CHANNELS = ['telemetry', 'state', 'counts', 'presence'] as const;
export type IngestChannel = (typeof INGEST_CHANNELS)[number];

// Gateway replies to the cloud's configuration and commands; ingest stores them.
export const CONTROL_REPLY_CHANNELS = ['config/reported', 'cmd/res'] as const;
export type ControlReplyChannel = (typeof CONTROL_REPLY_CHANNELS)[number];

export const INGEST_SHARE_GROUP = 'ingest';

const THING_NAME = /^[A-Za-z0-9:_-]{1,128}$/;

export function isValidThingName(name: string): boolean {
  return THING_NAME.test(name);
}

export function deviceTopic(thingName: string, channel: DeviceChannel): string {
  if (!isValidThingName(thingName)) {
    throw new Error(`invalid thing name "${thingName}": use 1-128 of A-Z a-z 0-9 : _ -`);
  }
  return `${TOPIC_ROOT}/${thingName}/${channel}`;
}

// Ingest replicas share one subscription per channel so the broker splits gateways' messages
// between them (MQTT 5 shared subscriptions; AWS IoT Core supports the same syntax).
export function ingestSubscriptionFilters(): string[] {
  return INGEST_CHANNELS.map((channel) => `$share/${INGEST_SHARE_GROUP}/${TOPIC_ROOT}/+/${channel}`);
}

export function controlReplySubscriptionFilters(): string[] {
  return CONTROL_REPLY_CHANNELS.map((channel) => `$share/${INGEST_SHARE_GROUP}/${TOPIC_ROOT}/+/${channel}`);
}

export interface ParsedDeviceTopic {
  thingName: string;
  channel: DeviceChannel;
}

export function parseDeviceTopic(topic: string): ParsedDeviceTopic | null {
  const [root, thingName, ...rest] = topic.split('/');
  if (root !== TOPIC_ROOT || thingName === undefined || !isValidThingName(thingName)) return null;
  const channel = rest.join('/');
  return (DEVICE_CHANNELS as readonly string[]).includes(channel)
    ? { thingName, channel: channel as DeviceChannel }
    : null;
}
