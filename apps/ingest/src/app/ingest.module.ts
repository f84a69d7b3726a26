import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Database } from '@convergent/platform-data-access-db';
import { JobQueues, LiveEventPublisher } from '@convergent/platform-data-access-queue';
import { MqttConnection } from '@convergent/platform-data-access-iot';
import {
  GatewayDirectory,
  GatewayRouteRepository,
  GatewayTwinRepository,
} from '@convergent/fleet-data-access-gateways';
import { DeadLetterRepository, EventBatchRepository } from '@convergent/telemetry-data-access-events';
import { INGEST_CONFIG, type IngestConfig } from './ingest-config';
import { IngestPipeline } from './ingest-pipeline';
import { MqttIngestConsumer } from './mqtt-ingest.consumer';
import { DATABASE, INGEST_METRICS, JOB_QUEUES, LIVE_EVENTS, MQTT_CONNECTION } from './ingest.tokens';
import { IngestMetrics } from './ingest-metrics';
import { scheduleMachineHourRecompute } from './kpi-recompute.scheduler';
import { scheduleAlarmEvaluation } from './alarm-evaluation.scheduler';
import { LocalProvisioningHost } from './local-provisioning.host';
import { ControlReplyHandler } from './control-replies';
import { DeviceControlHost } from './device-control.host';

class IngestResources implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
    @Inject(LIVE_EVENTS) private readonly live: LiveEventPublisher,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.live.close();
    await this.queues.close();
    await this.db.close();
  }
}

@Module({})
export class IngestModule {
  static forConfig(config: IngestConfig): DynamicModule {
    return {
      module: IngestModule,
      providers: [
        { provide: INGEST_CONFIG, useValue: config },
        {
          provide: DATABASE,
          useFactory: () => new Database({ url: config.DATABASE_URL, applicationName: 'convergent-ingest' }),
        },
        {
          provide: JOB_QUEUES,
          useFactory: () => new JobQueues(config.REDIS_URL, config.QUEUE_PREFIX),
        },
        {
          provide: MQTT_CONNECTION,
          useFactory: () =>
            new MqttConnection({
              host: config.MQTT_HOST,
              port: config.MQTT_PORT,
              clientId: config.MQTT_CLIENT_ID,
              tls: {
                certPath: config.MQTT_CERT_PATH,
                keyPath: config.MQTT_KEY_PATH,
                caPath: config.MQTT_CA_PATH,
              },
              backend: true,
              cleanStart: false,
              sessionExpiryIntervalSeconds: config.MQTT_SESSION_EXPIRY_SECONDS,
              manualAcknowledgement: true,
              receiveMaximum: config.INGEST_MAX_UNACKNOWLEDGED,
            }),
        },
        {
          provide: IngestPipeline,
          inject: [DATABASE, JOB_QUEUES, INGEST_METRICS, LIVE_EVENTS],
          useFactory: (db: Database, queues: JobQueues, metrics: IngestMetrics, live: LiveEventPublisher) => {
            const directory = new GatewayDirectory(new GatewayRouteRepository(db));
            const events = new EventBatchRepository(db);
            const deadLetters = new DeadLetterRepository(db);
            const pipeline = new IngestPipeline(
              {
                resolveGateway: (thingName) => directory.resolve(thingName),
                writeBatch: (batch) => events.write(batch),
                recordPresence: (seen) => events.recordPresence(seen),
                recordDeadLetters: (letters) => deadLetters.record(letters),
                scheduleRecompute: (hours) => scheduleMachineHourRecompute(queues, hours),
                evaluateAlarms: (batch) => scheduleAlarmEvaluation(queues, batch),
                publishLiveEvents: (events) => live.publish(events),
              },
              {
                maxBatchItems: config.INGEST_BATCH_MAX_ITEMS,
                // Half the receive maximum: the broker keeps sending while a batch is written.
                maxBatchMessages: Math.max(1, Math.floor(config.INGEST_MAX_UNACKNOWLEDGED / 2)),
                maxBatchDelayMs: config.INGEST_BATCH_MAX_DELAY_MS,
                maxConcurrentWrites: config.INGEST_CONCURRENT_WRITES,
                retryDelayMs: 1000,
                observer: metrics,
              },
            );
            metrics.observe(() => pipeline.stats);
            return pipeline;
          },
        },
        {
          provide: ControlReplyHandler,
          inject: [DATABASE, LIVE_EVENTS],
          useFactory: (db: Database, live: LiveEventPublisher) => {
            const directory = new GatewayDirectory(new GatewayRouteRepository(db));
            const twins = new GatewayTwinRepository(db);
            const deadLetters = new DeadLetterRepository(db);
            return new ControlReplyHandler({
              resolveGateway: (thingName) => directory.resolve(thingName),
              recordReport: (route, report, at) =>
                twins.recordReport(route.tenantId, route.gatewayId, report, at),
              recordCommandAnswer: (route, commandId, answer, at) =>
                twins.recordCommandAnswer(route.tenantId, route.gatewayId, commandId, answer, at),
              recordDeadLetters: (letters) => deadLetters.record(letters),
              publishLiveEvents: (events) => live.publish(events),
            });
          },
        },
        { provide: INGEST_METRICS, useFactory: () => new IngestMetrics() },
        {
          provide: LIVE_EVENTS,
          useFactory: () => new LiveEventPublisher(config.REDIS_URL, config.QUEUE_PREFIX),
        },
        IngestResources,
        MqttIngestConsumer,
        LocalProvisioningHost,
        DeviceControlHost,
      ],
      exports: [IngestPipeline, DATABASE, MQTT_CONNECTION, INGEST_METRICS],
    };
  }
}
