// What can go wrong talking MQTT, with the broker's MQTT 5 reason code where it gave one, so callers
// can tell "not allowed" (135: a policy/ACL said no, retrying will not help) from "not reachable".

export const MQTT_REASON_NOT_AUTHORIZED = 135;

export const MQTT_CONNECT_ERROR_CODES = ['unreachable', 'refused', 'invalid-options', 'stopped'] as const;
export type MqttConnectErrorCode = (typeof MQTT_CONNECT_ERROR_CODES)[number];

export class MqttConnectError extends Error {
  override readonly name = 'MqttConnectError';
  constructor(
    readonly code: MqttConnectErrorCode,
    message: string,
    // The CONNACK reason code when the broker answered and said no.
    readonly reasonCode?: number,
  ) {
    super(message);
  }
}

export class MqttPublishError extends Error {
  override readonly name = 'MqttPublishError';
  constructor(
    readonly topic: string,
    message: string,
    // The PUBACK reason code; undefined when the publish failed without an answer (stopped, timeout).
    readonly reasonCode?: number,
  ) {
    super(message);
  }

  get notAuthorized(): boolean {
    return this.reasonCode === MQTT_REASON_NOT_AUTHORIZED;
  }
}

export class MqttSubscribeError extends Error {
  override readonly name = 'MqttSubscribeError';
  constructor(
    message: string,
    // One per requested filter, in order; undefined when there was no SUBACK.
    readonly reasonCodes?: number[],
  ) {
    super(message);
  }
}
