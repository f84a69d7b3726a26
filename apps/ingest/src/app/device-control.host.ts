import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { Database } from '@convergent/platform-data-access-db';
import type { MqttConnection } from '@convergent/platform-data-access-iot';
import { GatewayTwinRepository } from '@convergent/fleet-data-access-gateways';
import { LiveEventPublisher, QueueConnection } from '@convergent/platform-data-access-queue';
import { INGEST_CONFIG, type IngestConfig } from './ingest-config';
import { startDeviceControlWorker } from './device-control.processor';
import { DATABASE, LIVE_EVENTS, MQTT_CONNECTION } from './ingest.tokens';

// Runs the device-control queue's worker over ingest's broker connection for as long as ingest runs.
@Injectable()
export class DeviceControlHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('device-control');
  private worker: Worker | undefined;
  private queues: QueueConnection | undefined;

  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(MQTT_CONNECTION) private readonly connection: MqttConnection,
    @Inject(LIVE_EVENTS) private readonly live: LiveEventPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.queues = new QueueConnection(this.config.REDIS_URL, this.config.QUEUE_PREFIX);
    this.worker = startDeviceControlWorker(
      {
        twins: new GatewayTwinRepository(this.db),
        connection: this.connection,
        publishLiveEvents: (events) => this.live.publish(events),
      },
      this.queues,
    );
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed: ${error.message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queues?.close();
  }
}
