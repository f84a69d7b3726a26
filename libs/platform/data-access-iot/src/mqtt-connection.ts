import { iot, mqtt5 } from 'aws-iot-device-sdk-v2';
import { MqttConnectError, MqttPublishError, MqttSubscribeError } from './mqtt-errors';

// The one way this code base talks MQTT: the AWS IoT Device SDK v2 MQTT 5 client, so the same code
// runs against AWS IoT Core and the local Mosquitto. See STACK.md for the SDK's pitfalls handled here.

export type MqttQos = 0 | 1;

// Certificate and key from files or from memory; the CA to trust likewise (caPath or caPem). No CA:
// the system trust store, which holds the Amazon root CA that AWS IoT Core's endpoints chain to.
export type MqttTlsCredentials = (
  { certPath: string; keyPath: string } | { certPem: string; keyPem: string }
) & {
  caPath?: string;
  caPem?: string;
};

export interface MqttWill {
  topic: string;
  payload: string | Uint8Array;
  qos: MqttQos;
  retain?: boolean;
  // Give a reconnecting client this long before the broker announces it gone.
  delaySeconds?: number;
}

export interface MqttConnectionOptions {
  host: string;
  // Default 8883.
  port?: number;
  clientId: string;
  tls: MqttTlsCredentials;
  // true (default): every process start begins a fresh session. false: rejoin the broker's stored
  // session, also after a restart, so QoS 1 messages and subscriptions queued meanwhile survive.
  cleanStart?: boolean;
  // How long the broker keeps the session after a disconnect. Default 0 with clean start (then
  // a value above 0 keeps the session across reconnects of this process only), 3600 otherwise.
  sessionExpiryIntervalSeconds?: number;
  // Default 60; AWS IoT Core accepts 30-1200.
  keepAliveSeconds?: number;
  // Exponential back-off with jitter between reconnect attempts; defaults 1 s and 60 s.
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
  will?: MqttWill;
  // Platform services: lifts the SDK's AWS IoT Core client-side limits (100 publishes/s,
  // 8 filters per SUBSCRIBE, 7 slashes per topic), which would throttle ingest.
  backend?: boolean;
  // How long start() waits for the first connection. Default 10 s.
  connectTimeoutMs?: number;
  // Fail a QoS 1 publish without PUBACK after this long (0 or absent: wait, it is retried on reconnect).
  ackTimeoutSeconds?: number;
  // Received QoS 1 messages are acknowledged (PUBACK) only when a handler calls
  // properties.acknowledge(), not on delivery: a consumer acknowledges what it has made durable, and
  // the broker redelivers the rest to the next connection of the same persistent session.
  manualAcknowledgement?: boolean;
  // How many unacknowledged QoS 1 messages the broker may send at once (CONNECT Receive Maximum,
  // 1-65535; MQTT's default 65535). Bounds what a manually acknowledging consumer holds in memory.
  receiveMaximum?: number;
}

export interface MqttPublishOptions {
  correlationData?: string | Uint8Array;
  responseTopic?: string;
  retain?: boolean;
  // MQTT 5 message expiry: the broker drops the message if it cannot deliver it within this long
  // (a command whose caller has given up).
  messageExpiryIntervalSeconds?: number;
  // QoS 1 only: reject (reason code 16) when the broker accepted the message but nobody
  // subscribes to it, so that a sender that keeps what is not delivered can send it again (a
  // broker that restarted has no subscriptions until its subscribers are back).
  requireSubscriber?: boolean;
}

export interface MqttSubscription {
  topic: string;
  qos: MqttQos;
}

export interface MqttMessageProperties {
  qos: MqttQos;
  retain: boolean;
  correlationData?: Buffer;
  responseTopic?: string;
  contentType?: string;
  userProperties?: { name: string; value: string }[];
  // With manualAcknowledgement, for QoS 1: sends the PUBACK (once, however often it is called).
  acknowledge?: () => void;
}

export type MqttMessageHandler = (topic: string, payload: Buffer, properties: MqttMessageProperties) => void;

export type MqttConnectionEvent =
  | { type: 'connected'; sessionPresent: boolean }
  | { type: 'disconnected'; reason: string; reasonCode?: number }
  | { type: 'connection-failed'; reason: string; reasonCode?: number }
  // A message handler threw, or the client reported an error outside any operation.
  | { type: 'error'; error: Error };

export type MqttConnectionEventHandler = (event: MqttConnectionEvent) => void;

type ConnectionState = 'new' | 'starting' | 'running' | 'stopped';

const DEFAULT_PORT = 8883;
const DEFAULT_STOP_TIMEOUT_MS = 5_000;

export class MqttConnection {
  private client: mqtt5.Mqtt5Client | undefined;
  private state: ConnectionState = 'new';
  private connected = false;
  private stopping: Promise<void> | undefined;
  // Set while start() waits: lets stop() end that wait at once.
  private abortStart: ((error: Error) => void) | undefined;
  private readonly messageHandlers = new Set<MqttMessageHandler>();
  private readonly eventHandlers = new Set<MqttConnectionEventHandler>();

  constructor(private readonly options: MqttConnectionOptions) {}

  get endpoint(): string {
    return `${this.options.host}:${this.options.port ?? DEFAULT_PORT}`;
  }

  get clientId(): string {
    return this.options.clientId;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  // Resolves on the first CONNACK that accepts us. Rejects when the broker refuses the connection,
  // or when none got through within connectTimeoutMs (the client is then stopped: no retries behind
  // the caller's back). Later drops are reconnected automatically and reported as events.
  async start(): Promise<void> {
    if (this.state !== 'new') {
      throw new MqttConnectError(
        'invalid-options',
        `start() was already called for ${this.options.clientId}`,
      );
    }
    this.state = 'starting';
    let client: mqtt5.Mqtt5Client;
    try {
      client = new mqtt5.Mqtt5Client(buildClientConfig(this.options));
    } catch (error) {
      this.state = 'stopped';
      throw new MqttConnectError(
        'invalid-options',
        `cannot set up the MQTT client ${this.options.clientId}: ${describe(error)}`,
      );
    }
    this.client = client;
    this.attach(client);

    const timeoutMs = this.options.connectTimeoutMs ?? 10_000;
    try {
      await new Promise<void>((resolve, reject) => {
        let lastFailure = `no answer within ${timeoutMs} ms`;
        const finish = (error?: Error): void => {
          this.abortStart = undefined;
          clearTimeout(timer);
          client.removeListener('connectionSuccess', onSuccess);
          client.removeListener('connectionFailure', onFailure);
          if (error === undefined) resolve();
          else reject(error);
        };
        const onSuccess = (): void => finish();
        const onFailure = (event: mqtt5.ConnectionFailureEvent): void => {
          lastFailure = describe(event.error);
          const reasonCode = event.connack?.reasonCode;
          // The broker answered and said no: retrying until the timeout would not change its mind.
          if (reasonCode !== undefined && !mqtt5.isSuccessfulConnectReasonCode(reasonCode)) {
            finish(
              new MqttConnectError(
                'refused',
                `the broker at ${this.endpoint} refused the connection: ${reasonName(mqtt5.ConnectReasonCode, reasonCode)}`,
                reasonCode,
              ),
            );
          }
        };
        const timer = setTimeout(
          () =>
            finish(
              new MqttConnectError(
                'unreachable',
                `cannot reach the broker at ${this.endpoint}: ${lastFailure}`,
              ),
            ),
          timeoutMs,
        );
        this.abortStart = finish;
        client.on('connectionSuccess', onSuccess);
        client.on('connectionFailure', onFailure);
        client.start();
      });
    } catch (error) {
      // Nothing to disconnect gracefully; and a TLS handshake in progress delays 'stopped' by ~10 s.
      await this.stop(1_000);
      throw error;
    }
    // stop() may have been called while we were connecting.
    if (this.state === 'starting') this.state = 'running';
  }

  // QoS 1 resolves on PUBACK and rejects with MqttPublishError carrying the reason code when the
  // broker refuses (135: not authorized). QoS 0 resolves once written: a broker drops a refused
  // QoS 0 message silently.
  async publish(
    topic: string,
    payload: string | Uint8Array,
    qos: MqttQos,
    options: MqttPublishOptions = {},
  ): Promise<void> {
    const client = this.usableClient();
    const packet: mqtt5.PublishPacket = { topicName: topic, payload, qos: toSdkQos(qos) };
    if (options.retain !== undefined) packet.retain = options.retain;
    if (options.responseTopic !== undefined) packet.responseTopic = options.responseTopic;
    if (options.correlationData !== undefined) packet.correlationData = toBytes(options.correlationData);
    if (options.messageExpiryIntervalSeconds !== undefined)
      packet.messageExpiryIntervalSeconds = options.messageExpiryIntervalSeconds;
    let result: mqtt5.PublishCompletionResult;
    try {
      result = await client.publish(packet);
    } catch (error) {
      throw new MqttPublishError(topic, `publish to ${topic} failed: ${describe(error)}`);
    }
    if (options.requireSubscriber && result?.reasonCode === mqtt5.PubackReasonCode.NoMatchingSubscribers) {
      throw new MqttPublishError(
        topic,
        `the broker has no subscriber for ${topic}: the message was not delivered`,
        result.reasonCode,
      );
    }
    if (result !== undefined && !mqtt5.isSuccessfulPubackReasonCode(result.reasonCode)) {
      const reason = reasonName(mqtt5.PubackReasonCode, result.reasonCode);
      throw new MqttPublishError(
        topic,
        `the broker refused the publish to ${topic}: ${reason}${result.reasonString ? ` (${result.reasonString})` : ''}`,
        result.reasonCode,
      );
    }
  }

  // Resolves with the granted QoS per filter; rejects when the broker refuses any of them. Note
  // that Mosquitto's acl_file does not check subscriptions (it filters on delivery instead).
  async subscribe(filters: MqttSubscription[]): Promise<MqttQos[]> {
    const client = this.usableClient();
    let suback: mqtt5.SubackPacket;
    try {
      suback = await client.subscribe({
        subscriptions: filters.map(({ topic, qos }) => ({ topicFilter: topic, qos: toSdkQos(qos) })),
      });
    } catch (error) {
      throw new MqttSubscribeError(`subscribe to ${describeFilters(filters)} failed: ${describe(error)}`);
    }
    const codes = suback.reasonCodes.map((code) => Number(code));
    const refused = filters.filter(
      (_, index) => !mqtt5.isSuccessfulSubackReasonCode(suback.reasonCodes[index] ?? 0x80),
    );
    if (refused.length > 0 || codes.length !== filters.length) {
      throw new MqttSubscribeError(
        `the broker refused the subscription to ${describeFilters(refused)}: ` +
          suback.reasonCodes.map((code) => reasonName(mqtt5.SubackReasonCode, code)).join(', '),
        codes,
      );
    }
    return codes.map((code) => (code >= 1 ? 1 : 0));
  }

  // For the SDK's own service clients (fleet provisioning's IotIdentityClient), which run over the
  // same native client rather than a second connection. Only valid while started.
  sdkClient(): mqtt5.Mqtt5Client {
    return this.usableClient();
  }

  // Returns a function that removes the handler.
  onMessage(handler: MqttMessageHandler): () => void {
    this.messageHandlers.add(handler);
    return () => this.messageHandlers.delete(handler);
  }

  onConnectionEvent(handler: MqttConnectionEventHandler): () => void {
    this.eventHandlers.add(handler);
    return () => this.eventHandlers.delete(handler);
  }

  // Disconnects normally (the broker does not send the will) and frees the native client. Never
  // takes much longer than timeoutMs: the SDK's stop() was seen to hang.
  stop(timeoutMs = DEFAULT_STOP_TIMEOUT_MS): Promise<void> {
    this.stopping ??= this.shutDown(timeoutMs);
    return this.stopping;
  }

  private async shutDown(timeoutMs: number): Promise<void> {
    const client = this.client;
    const wasStarted = this.state !== 'new';
    this.state = 'stopped';
    this.abortStart?.(
      new MqttConnectError(
        'stopped',
        `the MQTT connection ${this.options.clientId} was stopped while connecting`,
      ),
    );
    this.connected = false;
    if (client === undefined) return;
    if (wasStarted) {
      let timer: NodeJS.Timeout | undefined;
      const stopped = new Promise<void>((resolve) => {
        client.once('stopped', () => resolve());
        timer = setTimeout(resolve, timeoutMs);
      });
      try {
        client.stop({ reasonCode: mqtt5.DisconnectReasonCode.NormalDisconnection });
        await stopped;
      } catch {
        // Already stopped or never connected: nothing left to disconnect.
      } finally {
        clearTimeout(timer);
      }
    }
    try {
      client.close();
    } catch {
      // close() on a client whose native side is gone; nothing to free.
    }
    this.messageHandlers.clear();
  }

  private usableClient(): mqtt5.Mqtt5Client {
    if (this.client === undefined || this.state === 'new') {
      throw new MqttConnectError(
        'stopped',
        `call start() before using the MQTT connection ${this.options.clientId}`,
      );
    }
    if (this.state === 'stopped') {
      throw new MqttConnectError('stopped', `the MQTT connection ${this.options.clientId} is stopped`);
    }
    return this.client;
  }

  private attach(client: mqtt5.Mqtt5Client): void {
    client.on('connectionSuccess', (event) => {
      this.connected = true;
      this.emit({ type: 'connected', sessionPresent: event.connack.sessionPresent });
    });
    client.on('connectionFailure', (event) => {
      const failure: MqttConnectionEvent = { type: 'connection-failed', reason: describe(event.error) };
      if (event.connack !== undefined) failure.reasonCode = event.connack.reasonCode;
      this.emit(failure);
    });
    client.on('disconnection', (event) => {
      this.connected = false;
      const reasonCode = event.disconnect?.reasonCode;
      const disconnected: MqttConnectionEvent = {
        type: 'disconnected',
        reason:
          reasonCode === undefined
            ? describe(event.error)
            : `${reasonName(mqtt5.DisconnectReasonCode, reasonCode)}${event.disconnect?.reasonString ? ` (${event.disconnect.reasonString})` : ''}`,
      };
      if (reasonCode !== undefined) disconnected.reasonCode = reasonCode;
      this.emit(disconnected);
    });
    // An EventEmitter without an 'error' listener throws the error at whoever emitted it.
    client.on('error', (error) => this.emit({ type: 'error', error: toError(error) }));
    client.on('messageReceived', (event) => this.deliver(event));
  }

  private deliver({ message, acknowledgementControl }: mqtt5.MessageReceivedEvent): void {
    const properties: MqttMessageProperties = {
      qos: message.qos === mqtt5.QoS.AtMostOnce ? 0 : 1,
      retain: message.retain ?? false,
    };
    if (message.correlationData !== undefined) properties.correlationData = toBuffer(message.correlationData);
    if (message.responseTopic !== undefined) properties.responseTopic = message.responseTopic;
    if (message.contentType !== undefined) properties.contentType = message.contentType;
    if (message.userProperties !== undefined && message.userProperties.length > 0)
      properties.userProperties = message.userProperties;
    // The handle must be taken while the event is being emitted, or the SDK acknowledges on return.
    const handle =
      this.options.manualAcknowledgement === true && this.messageHandlers.size > 0
        ? acknowledgementControl?.acquireHandle()
        : undefined;
    if (handle) {
      let acknowledged = false;
      properties.acknowledge = () => {
        // After stop() the native client is freed; the broker redelivers to the next session.
        if (acknowledged || this.state === 'stopped') return;
        acknowledged = true;
        handle.invokeAcknowledgement();
      };
    }
    const payload = message.payload === undefined ? Buffer.alloc(0) : toBuffer(message.payload);
    for (const handler of this.messageHandlers) {
      try {
        handler(message.topicName, payload, properties);
      } catch (error) {
        this.emit({ type: 'error', error: toError(error) });
      }
    }
  }

  private emit(event: MqttConnectionEvent): void {
    for (const handler of this.eventHandlers) {
      try {
        handler(event);
      } catch {
        // An event handler's own failure has nowhere better to go; it must not break the client.
      }
    }
  }
}

function buildClientConfig(options: MqttConnectionOptions): mqtt5.Mqtt5ClientConfig {
  const { tls } = options;
  const builder =
    'certPath' in tls
      ? iot.AwsIotMqtt5ClientConfigBuilder.newDirectMqttBuilderWithMtlsFromPath(
          options.host,
          tls.certPath,
          tls.keyPath,
        )
      : iot.AwsIotMqtt5ClientConfigBuilder.newDirectMqttBuilderWithMtlsFromMemory(
          options.host,
          tls.certPem,
          tls.keyPem,
        );
  if (tls.caPath !== undefined && tls.caPem !== undefined)
    throw new Error('give the CA as caPath or as caPem, not both');
  if (tls.caPath !== undefined) builder.withCertificateAuthorityFromPath(undefined, tls.caPath);
  if (tls.caPem !== undefined) builder.withCertificateAuthority(tls.caPem);

  const cleanStart = options.cleanStart ?? true;
  const sessionExpiry = options.sessionExpiryIntervalSeconds ?? (cleanStart ? 0 : 3600);
  if (!cleanStart && sessionExpiry <= 0) {
    throw new Error('a persistent session (cleanStart: false) needs sessionExpiryIntervalSeconds above 0');
  }
  const connect: mqtt5.ConnectPacket = {
    clientId: options.clientId,
    keepAliveIntervalSeconds: options.keepAliveSeconds ?? 60,
    sessionExpiryIntervalSeconds: sessionExpiry,
  };
  if (options.receiveMaximum !== undefined) connect.receiveMaximum = options.receiveMaximum;
  if (options.will !== undefined) {
    connect.will = {
      topicName: options.will.topic,
      payload: options.will.payload,
      qos: toSdkQos(options.will.qos),
      retain: options.will.retain ?? false,
    };
    if (options.will.delaySeconds !== undefined) connect.willDelayIntervalSeconds = options.will.delaySeconds;
  }
  builder
    .withPort(options.port ?? DEFAULT_PORT)
    .withConnectProperties(connect)
    .withSessionBehavior(
      !cleanStart
        ? mqtt5.ClientSessionBehavior.RejoinAlways
        : sessionExpiry > 0
          ? mqtt5.ClientSessionBehavior.RejoinPostSuccess
          : mqtt5.ClientSessionBehavior.Clean,
    )
    .withMinReconnectDelayMs(options.reconnect?.minDelayMs ?? 1_000)
    .withMaxReconnectDelayMs(options.reconnect?.maxDelayMs ?? 60_000);
  if (options.ackTimeoutSeconds !== undefined) builder.withAckTimeoutSeconds(options.ackTimeoutSeconds);
  if (options.backend === true) {
    builder.withExtendedValidationAndFlowControlOptions(mqtt5.ClientExtendedValidationAndFlowControl.None);
  }
  // The builder has no switch for metrics; without this the SDK appends them to the MQTT username.
  return { ...builder.build(), disableMetrics: true, metrics: undefined };
}

function toSdkQos(qos: MqttQos): mqtt5.QoS {
  return qos === 1 ? mqtt5.QoS.AtLeastOnce : mqtt5.QoS.AtMostOnce;
}

function toBytes(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

// Received payloads arrive as ArrayBuffer (STACK.md); the other shapes are what the SDK types allow.
function toBuffer(value: mqtt5.Payload): Buffer {
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return Buffer.from(JSON.stringify(value), 'utf8');
}

function reasonName(codes: Record<number, string>, code: number): string {
  const name = codes[code];
  return name === undefined ? `reason code ${code}` : `${name} (reason code ${code})`;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (
    typeof error === 'object' &&
    error !== null &&
    'error_name' in error &&
    typeof error.error_name === 'string'
  ) {
    return error.error_name;
  }
  return String(error);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(describe(error));
}

function describeFilters(filters: MqttSubscription[]): string {
  return filters.map((filter) => filter.topic).join(', ');
}
