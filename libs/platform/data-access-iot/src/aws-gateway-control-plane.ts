import {
  AddThingToThingGroupCommand,
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreatePolicyCommand,
  CreateThingCommand,
  CreateThingGroupCommand,
  DescribeCertificateCommand,
  DetachPolicyCommand,
  DetachThingPrincipalCommand,
  ResourceAlreadyExistsException,
  UpdateCertificateCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { gatewayPolicyDocument, type AwsPolicyScope } from './aws-gateway-policy';
import type { GatewayControlPlane, GatewayRegistration } from './gateway-control-plane';

export interface AwsGatewayControlPlaneOptions extends AwsPolicyScope {
  // The policy attached to every gateway certificate (gatewayPolicyDocument).
  policyName: string;
  // Thing groups per site are named <prefix><siteId>.
  thingGroupPrefix?: string;
}

// AWS IoT Core's registry: a thing per gateway in a thing group per site, its certificate active
// with the gateway policy; revocation sets the certificate REVOKED (AWS IoT Core then refuses its
// connections) and detaches it from the thing and the policy.
export class AwsGatewayControlPlane implements GatewayControlPlane {
  constructor(
    private readonly client: Pick<IoTClient, 'send'>,
    private readonly options: AwsGatewayControlPlaneOptions,
  ) {}

  // AWS IoT Core keeps its own record of the certificates it issued.
  certificateIssued(): Promise<void> {
    return Promise.resolve();
  }

  // Once per account and region (deployment): the gateway policy, left as it is when it exists.
  async ensureGatewayPolicy(): Promise<void> {
    await ignoreExisting(
      this.client.send(
        new CreatePolicyCommand({
          policyName: this.options.policyName,
          policyDocument: JSON.stringify(gatewayPolicyDocument(this.options)),
        }),
      ),
    );
  }

  async activateGateway({ thingName, siteId, certificateId }: GatewayRegistration): Promise<void> {
    const certificateArn = await this.certificateArn(certificateId);
    const thingGroupName = `${this.options.thingGroupPrefix ?? 'site-'}${siteId}`;
    await ignoreExisting(
      this.client.send(new CreateThingCommand({ thingName, attributePayload: { attributes: { siteId } } })),
    );
    await ignoreExisting(this.client.send(new CreateThingGroupCommand({ thingGroupName })));
    await this.client.send(new AddThingToThingGroupCommand({ thingGroupName, thingName }));
    await this.client.send(
      new AttachPolicyCommand({ policyName: this.options.policyName, target: certificateArn }),
    );
    await this.client.send(new AttachThingPrincipalCommand({ thingName, principal: certificateArn }));
    await this.client.send(new UpdateCertificateCommand({ certificateId, newStatus: 'ACTIVE' }));
  }

  async revokeGateway({
    thingName,
    certificateId,
  }: Pick<GatewayRegistration, 'thingName' | 'certificateId'>) {
    // First, so the gateway is out even if a detach below fails.
    await this.client.send(new UpdateCertificateCommand({ certificateId, newStatus: 'REVOKED' }));
    const certificateArn = await this.certificateArn(certificateId);
    await this.client.send(new DetachThingPrincipalCommand({ thingName, principal: certificateArn }));
    await this.client.send(
      new DetachPolicyCommand({ policyName: this.options.policyName, target: certificateArn }),
    );
  }

  private async certificateArn(certificateId: string): Promise<string> {
    const { certificateDescription } = await this.client.send(
      new DescribeCertificateCommand({ certificateId }),
    );
    const arn = certificateDescription?.certificateArn;
    if (arn === undefined) throw new Error(`AWS IoT has no certificate ${certificateId}`);
    return arn;
  }
}

async function ignoreExisting(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
}
