import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  CONTROL_REPLY_CHANNELS,
  controlReplySubscriptionFilters,
  ingestSubscriptionFilters,
  parseDeviceTopic,
  type DeviceChannel,
} from '@convergent/shared-util-contracts';
import type { MqttConnection } from '@convergent/platform-data-access-iot';
import { IngestPipeline } from './ingest-pipeline';
import { ControlReplyHandler } from './control-replies';
import { MQTT_CONNECTION } from './ingest.tokens';

// Subscribes to every gateway's ingest channels through one shared subscription, so any number
// of ingest replicas split the stream, and hands each message to the pipeline, which acknowledges
// it (PUBACK) only after the batch holding it is committed. Gateways' replies to the cloud
// (configuration reports, command answers) go to the control-reply handler instead.
const REPLY_CHANNELS: readonly DeviceChannel[] = CONTROL_REPLY_CHANNELS;
const FILTERS = [...ingestSubscriptionFilters(), ...controlReplySubscriptionFilters()];

@Injectable()
export class MqttIngestConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MqttIngestConsumer.name);

  constructor(
    @Inject(MQTT_CONNECTION) private readonly connection: MqttConnection,
    private readonly pipeline: IngestPipeline,
    private readonly replies: ControlReplyHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection.onMessage((topic, payload, properties) => {
      const channel = parseDeviceTopic(topic)?.channel;
      const handled =
        channel !== undefined && REPLY_CHANNELS.includes(channel)
          ? this.replies.accept(topic, payload, properties.correlationData, properties.acknowledge ?? noop)
          : this.pipeline.accept(topic, payload, properties.acknowledge);
      handled.catch((error: unknown) => this.logger.error(`message on ${topic}: ${String(error)}`));
    });
    let started = false;
    this.connection.onConnectionEvent((event) => {
      this.logger.log(`broker ${event.type}`);
      // A broker that restarted may resume our persistent session without its shared
      // subscriptions (Mosquitto 2.0 does not restore them): subscribe on every reconnection.
      if (event.type === 'connected' && started)
        this.subscribe().catch((error: unknown) =>
          this.logger.error(`subscribing again after a reconnection: ${String(error)}`),
        );
    });
    await this.connection.start();
    await this.subscribe();
    started = true;
  }

  private async subscribe(): Promise<void> {
    await this.connection.subscribe(FILTERS.map((topic) => ({ topic, qos: 1 as const })));
    this.logger.log(`consuming ${FILTERS.join(', ')} from ${this.connection.endpoint}`);
  }

  // Write what is buffered while the connection can still acknowledge it; whatever stays
  // unacknowledged is redelivered by the broker to the next start (persistent session).
  async onApplicationShutdown(): Promise<void> {
    const unwritten = await this.pipeline.stop();
    await this.connection.stop(5000);
    if (unwritten > 0)
      this.logger.warn(`${unwritten} buffered items were not written; the broker will redeliver them`);
  }
}

const noop = (): void => undefined;
