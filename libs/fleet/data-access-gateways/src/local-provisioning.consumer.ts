import {
  CREATE_CERTIFICATE_FROM_CSR_TOPIC,
  acceptedTopic,
  isValidTemplateName,
  parseJson,
  registerThingTopic,
  rejectedTopic,
  type MqttConnection,
} from '@convergent/platform-data-access-iot';
import type {
  FleetProvisioningService,
  ProvisioningLogger,
  ProvisioningReply,
} from './fleet-provisioning.service';

// Carries fleet provisioning requests from Mosquitto to the service and its replies back, on
// AWS's topics, so a gateway's identity client cannot tell the local profile from AWS IoT Core.
// Thin on purpose: parsing and decisions live in FleetProvisioningService.
export class LocalProvisioningConsumer {
  private readonly registerTopic: string;
  private readonly inFlight = new Set<Promise<void>>();
  private detach: (() => void) | undefined;

  constructor(
    private readonly connection: MqttConnection,
    private readonly service: FleetProvisioningService,
    private readonly logger: ProvisioningLogger,
    templateName: string,
  ) {
    if (!isValidTemplateName(templateName)) {
      throw new Error(`invalid provisioning template name "${templateName}": use 1-36 of A-Z a-z 0-9 _ -`);
    }
    this.registerTopic = registerThingTopic(templateName);
  }

  // The connection must be started. Not a shared subscription: Mosquitto 2.0.11 was seen not to
  // deliver `$share/<group>/$aws/...` at all, so run one responder per broker (IOT_PROFILE=local is a
  // single-ingest set-up); two would both answer, and the second RegisterThing reply says "used".
  async start(): Promise<void> {
    this.detach = this.connection.onMessage((topic, payload) => {
      if (topic !== CREATE_CERTIFICATE_FROM_CSR_TOPIC && topic !== this.registerTopic) return;
      const handled = this.handle(topic, payload).finally(() => this.inFlight.delete(handled));
      this.inFlight.add(handled);
    });
    await this.connection.subscribe([
      { topic: CREATE_CERTIFICATE_FROM_CSR_TOPIC, qos: 1 },
      { topic: this.registerTopic, qos: 1 },
    ]);
    this.logger.info(
      `answering fleet provisioning on ${CREATE_CERTIFICATE_FROM_CSR_TOPIC} and ${this.registerTopic}`,
    );
  }

  // Lets requests being answered finish; the caller stops the connection afterwards.
  async stop(): Promise<void> {
    this.detach?.();
    await Promise.allSettled([...this.inFlight]);
  }

  private async handle(topic: string, payload: Buffer): Promise<void> {
    const json = parseJson(payload);
    const reply: ProvisioningReply<object> =
      topic === CREATE_CERTIFICATE_FROM_CSR_TOPIC
        ? await this.service.createCertificateFromCsr(json, payload)
        : await this.service.registerThing(json, payload);
    const replyTopic = reply.accepted ? acceptedTopic(topic) : rejectedTopic(topic);
    try {
      await this.connection.publish(replyTopic, JSON.stringify(reply.body), 1);
    } catch (error) {
      this.logger.error(
        `cannot answer on ${replyTopic}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
