import { dirname, join } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Database } from '@convergent/platform-data-access-db';
import { LocalGatewayControlPlane, MqttConnection, readLocalCa } from '@convergent/platform-data-access-iot';
import {
  FleetProvisioningService,
  LocalProvisioningConsumer,
  ProvisioningClaimRepository,
} from '@convergent/fleet-data-access-gateways';
import { INGEST_CONFIG, type IngestConfig } from './ingest-config';
import { DATABASE } from './ingest.tokens';

// In the local profile the platform plays AWS IoT Core's fleet provisioning: this answers the
// identity client's requests on Mosquitto. Its own connection (clean session): provisioning
// requests are only worth answering while the gateway waits.
@Injectable()
export class LocalProvisioningHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('provisioning');
  private connection: MqttConnection | undefined;
  private consumer: LocalProvisioningConsumer | undefined;

  constructor(
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.IOT_PROFILE !== 'local') return;
    const caCertPath = this.config.LOCAL_CA_CERT_PATH ?? this.config.MQTT_CA_PATH;
    const ca = await readLocalCa(
      caCertPath,
      this.config.LOCAL_CA_KEY_PATH ?? join(dirname(caCertPath), 'ca.key'),
    );
    const logger = {
      info: (message: string) => this.logger.log(message),
      warn: (message: string) => this.logger.warn(message),
      error: (message: string) => this.logger.error(message),
    };
    this.connection = new MqttConnection({
      host: this.config.MQTT_HOST,
      port: this.config.MQTT_PORT,
      clientId: `${this.config.MQTT_CLIENT_ID}-provisioning`,
      tls: {
        certPath: this.config.MQTT_CERT_PATH,
        keyPath: this.config.MQTT_KEY_PATH,
        caPath: this.config.MQTT_CA_PATH,
      },
      backend: true,
    });
    await this.connection.start();
    const service = new FleetProvisioningService({
      ca,
      claims: new ProvisioningClaimRepository(this.db),
      logger,
      controlPlane: new LocalGatewayControlPlane(this.config.IOT_STATE_DIR ?? dirname(dirname(caCertPath))),
    });
    this.consumer = new LocalProvisioningConsumer(
      this.connection,
      service,
      logger,
      this.config.PROVISIONING_TEMPLATE_NAME,
    );
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.connection?.stop(5000);
  }
}
