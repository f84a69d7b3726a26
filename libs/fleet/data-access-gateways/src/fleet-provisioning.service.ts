import { createHash } from 'node:crypto';
import { isValidThingName } from '@convergent/shared-util-contracts';
import {
  LocalCaError,
  PROVISIONING_PARAMETERS,
  csrCommonName,
  isReservedIdentity,
  parseCreateCertificateFromCsrRequest,
  parseRegisterThingRequest,
  requestDigest,
  signCsr,
  type CreateCertificateFromCsrResponse,
  type GatewayControlPlane,
  type LocalCa,
  type ProvisioningErrorResponse,
  type RegisterThingResponse,
} from '@convergent/platform-data-access-iot';
import { looksLikeClaimToken } from './claim-token';
import { issueOwnershipToken, verifyOwnershipToken } from './ownership-token';
import type { ProvisioningClaimRepository } from './provisioning-claim.repository';
import { claimRefusal, internalError, invalidRequest } from './provisioning-refusal';

// The platform's side of CreateCertificateFromCsr and RegisterThing in the local profile: what AWS
// IoT Core plus the template's pre-provisioning hook decide, without MQTT (the responder carries
// requests and replies).
//
// Identity: the certificate's common name is the MQTT username on Mosquitto (use_identity_as_username)
// and so the gateway's topic subtree (%u). In AWS the certificate's subject is the CSR's and the
// template decides the thing name; here the CSR's CN must be the thing name the gateway intends to
// register, and RegisterThing only accepts that name, so CN, thing name and ACL always agree.

export type ProvisioningReply<T> =
  | { accepted: true; body: T & { requestDigest: string } }
  | { accepted: false; body: ProvisioningErrorResponse & { requestDigest: string } };

export interface ProvisioningLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface FleetProvisioningServiceOptions {
  ca: LocalCa;
  claims: Pick<ProvisioningClaimRepository, 'consume' | 'thingNameTaken'>;
  logger: ProvisioningLogger;
  // Tells the broker about issued certificates and registered gateways: a certificate grants
  // nothing until RegisterThing accepted its gateway.
  controlPlane: Pick<GatewayControlPlane, 'certificateIssued' | 'activateGateway'>;
  certificateValidityDays?: number;
}

export class FleetProvisioningService {
  private readonly ownershipKey: Buffer;

  constructor(private readonly options: FleetProvisioningServiceOptions) {
    // Derived from the CA key, so every responder replica that can sign can also check the tokens.
    this.ownershipKey = createHash('sha256')
      .update('convergent/certificate-ownership-token\0')
      .update(options.ca.privateKeyPem)
      .digest();
  }

  async createCertificateFromCsr(
    payload: unknown,
    rawPayload: Buffer,
  ): Promise<ProvisioningReply<CreateCertificateFromCsrResponse>> {
    const request = parseCreateCertificateFromCsrRequest(payload);
    if (request === null) {
      return rejected(
        requestDigest(rawPayload.toString('utf8')),
        invalidRequest('InvalidPayload', 'the request needs a certificateSigningRequest (PEM)'),
      );
    }
    const digest = requestDigest(request.certificateSigningRequest);
    let thingName: string | undefined;
    try {
      thingName = csrCommonName(request.certificateSigningRequest);
    } catch {
      return rejected(digest, invalidRequest('InvalidCsr', 'the CSR cannot be parsed'));
    }
    if (thingName === undefined || !isValidThingName(thingName) || isReservedIdentity(thingName)) {
      return rejected(
        digest,
        invalidRequest(
          'InvalidCsr',
          "the CSR's common name must be the gateway's thing name (1-128 of A-Z a-z 0-9 : _ -)",
        ),
      );
    }
    try {
      // A certificate for a registered gateway's name would let its holder act as that gateway.
      if (await this.options.claims.thingNameTaken(thingName)) {
        return rejected(digest, claimRefusal('thing-name-taken'));
      }
      const issued = await signCsr(this.options.ca, request.certificateSigningRequest, {
        commonName: thingName,
        validityDays: this.options.certificateValidityDays ?? 365,
      });
      await this.options.controlPlane.certificateIssued(issued.certificatePem);
      this.options.logger.info(`issued certificate ${issued.fingerprint.slice(0, 12)} for ${thingName}`);
      return {
        accepted: true,
        body: {
          certificateId: issued.fingerprint,
          certificatePem: issued.certificatePem,
          certificateOwnershipToken: issueOwnershipToken(this.ownershipKey, {
            certificateId: issued.fingerprint,
            thingName,
            notAfter: issued.notAfter,
          }),
          requestDigest: digest,
        },
      };
    } catch (error) {
      if (error instanceof LocalCaError) return rejected(digest, invalidRequest('InvalidCsr', error.message));
      this.options.logger.error(`CreateCertificateFromCsr failed: ${describe(error)}`);
      return rejected(digest, internalError());
    }
  }

  async registerThing(
    payload: unknown,
    rawPayload: Buffer,
  ): Promise<ProvisioningReply<RegisterThingResponse>> {
    const request = parseRegisterThingRequest(payload);
    if (request === null) {
      return rejected(
        requestDigest(rawPayload.toString('utf8')),
        invalidRequest(
          'InvalidPayload',
          'the request needs a certificateOwnershipToken and string parameters',
        ),
      );
    }
    const digest = requestDigest(request.certificateOwnershipToken);
    const certificate = verifyOwnershipToken(this.ownershipKey, request.certificateOwnershipToken);
    if (certificate === null) {
      return rejected(
        digest,
        invalidRequest(
          'InvalidCertificateOwnershipToken',
          'the certificate ownership token is invalid or expired: run provisioning again',
        ),
      );
    }
    const parameters = request.parameters;
    const requestedThing = parameters[PROVISIONING_PARAMETERS.thingName];
    if (requestedThing !== undefined && requestedThing !== certificate.thingName) {
      return rejected(
        digest,
        invalidRequest(
          'InvalidPayload',
          `the thing name must be the certificate's common name (${certificate.thingName})`,
        ),
      );
    }
    const token = parameters[PROVISIONING_PARAMETERS.claimToken] ?? '';
    const serialNumber = parameters[PROVISIONING_PARAMETERS.serialNumber]?.trim() || undefined;
    if (!looksLikeClaimToken(token)) {
      this.options.logger.warn(`refused ${certificate.thingName}: malformed claim token`);
      return rejected(digest, claimRefusal('unknown'));
    }
    try {
      const result = await this.options.claims.consume(token, {
        thingName: certificate.thingName,
        serialNumber,
        certificateId: certificate.certificateId,
        certificateFingerprint: certificate.certificateId,
        certificateExpiresAt: certificate.notAfter,
      });
      if (result.outcome !== 'accepted') {
        this.options.logger.warn(
          `refused ${certificate.thingName}: claim ${result.claimId ?? '(unknown)'} ${result.outcome}`,
        );
        return rejected(digest, claimRefusal(result.outcome));
      }
      await this.options.controlPlane.activateGateway({
        thingName: certificate.thingName,
        siteId: result.siteId,
        certificateId: certificate.certificateId,
      });
      this.options.logger.info(
        `registered ${certificate.thingName} as gateway ${result.gatewayId} (tenant ${result.tenantId}, site ${result.siteId})`,
      );
      return {
        accepted: true,
        body: {
          thingName: certificate.thingName,
          deviceConfiguration: { siteId: result.siteId, gatewayId: result.gatewayId },
          requestDigest: digest,
        },
      };
    } catch (error) {
      this.options.logger.error(`RegisterThing failed for ${certificate.thingName}: ${describe(error)}`);
      return rejected(digest, internalError());
    }
  }
}

function rejected<T>(
  digest: string,
  error: Omit<ProvisioningErrorResponse, 'requestDigest'>,
): ProvisioningReply<T> {
  return { accepted: false, body: { ...error, requestDigest: digest } };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
