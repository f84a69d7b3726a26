import { localBrokerPaths } from './local-broker';
import { registerLocalGateway, revokeLocalGateway } from './local-gateway-registry';
import { recordIssuedCertificate } from './local-revocation';

// What the platform asks of the IoT service about a gateway, whichever service that is: AWS IoT
// Core (`aws`, through @aws-sdk/client-iot) or the local Mosquitto with its CA (`local`).

export interface GatewayRegistration {
  thingName: string;
  siteId: string;
  // AWS: the certificate id; local: the SHA-256 fingerprint of the certificate.
  certificateId: string;
}

export interface GatewayControlPlane {
  // A certificate was signed for a thing name (before RegisterThing; it grants nothing yet).
  certificateIssued(certificatePem: string): Promise<void>;
  // The gateway was registered: from now on its certificate may use its own topics, and only them.
  activateGateway(gateway: GatewayRegistration): Promise<void>;
  // Disconnect the gateway and make sure it can never connect again with the certificates it has.
  revokeGateway(gateway: Pick<GatewayRegistration, 'thingName' | 'certificateId'>): Promise<void>;
}

// The local profile: Mosquitto's dynamic-security plugin and the local CA's revocation list, in the
// state folder the broker runs from.
export class LocalGatewayControlPlane implements GatewayControlPlane {
  constructor(private readonly stateDir: string) {}

  async certificateIssued(certificatePem: string): Promise<void> {
    await recordIssuedCertificate(localBrokerPaths(this.stateDir), certificatePem);
  }

  async activateGateway(gateway: GatewayRegistration): Promise<void> {
    await registerLocalGateway(this.stateDir, gateway.thingName);
  }

  async revokeGateway(gateway: Pick<GatewayRegistration, 'thingName'>): Promise<void> {
    await revokeLocalGateway(this.stateDir, gateway.thingName);
  }
}
