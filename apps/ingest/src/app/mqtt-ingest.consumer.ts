import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ingestSubscriptionFilters } from '@convergent/shared-util-contracts';
import type { MqttConnection } from '@convergent/platform-data-access-iot';
import { IngestPipeline } from './ingest-pipeline';
import { MQTT_CONNECTION } from './ingest.tokens';

// Subscribes to every gateway's ingest channels through one shared subscription, so any number
// of ingest replicas split the stream, and hands each message to the pipeline.
@Injectable()
export class MqttIngestConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MqttIngestConsumer.name);

  constructor(
    @Inject(MQTT_CONNECTION) private readonly connection: MqttConnection,
    private readonly pipeline: IngestPipeline,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection.onMessage((topic, payload) => {
      this.pipeline
        .accept(topic, payload)
        .catch((error: unknown) => this.logger.error(`message on ${topic}: ${String(error)}`));
    });
    this.connection.onConnectionEvent((event) => this.logger.log(`broker ${event.type}`));
    await this.connection.start();
    await this.connection.subscribe(ingestSubscriptionFilters().map((topic) => ({ topic, qos: 1 as const })));
    this.logger.log(`consuming ${ingestSubscriptionFilters().join(', ')} from ${this.connection.endpoint}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.stop(5000);
    const lost = await this.pipeline.stop();
    if (lost > 0) this.logger.error(`${lost} buffered items could not be written before shutdown`);
  }
}
