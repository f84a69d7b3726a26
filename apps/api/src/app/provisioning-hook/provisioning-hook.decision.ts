import { X509Certificate } from 'node:crypto';
import { isValidThingName } from '@convergent/shared-util-contracts';
import {
  PROVISIONING_PARAMETERS,
  certificateFingerprint,
  isReservedIdentity,
} from '@convergent/platform-data-access-iot';
import {
  claimRefusal,
  looksLikeClaimToken,
  type ConsumeClaimResult,
  type GatewayRegistration,
} from '@convergent/fleet-data-access-gateways';

// What AWS IoT's pre-provisioning hook (infra/aws) forwards: the new certificate and the
// parameters the gateway sent with RegisterThing.
export interface HookRequest {
  certificateId: string;
  certificatePem: string;
  parameters: Record<string, string>;
}

export type HookDecision =
  { allow: true; siteId: string; gatewayId: string } | { allow: false; reason: string };

export type ParsedHookRequest =
  { ok: true; token: string; registration: GatewayRegistration } | { ok: false; decision: HookDecision };

const refuse = (reason: string): ParsedHookRequest => ({ ok: false, decision: { allow: false, reason } });

// Everything that can be refused without the database: shape, thing name, token format, certificate.
export function parseHookRequest(body: unknown): ParsedHookRequest {
  if (typeof body !== 'object' || body === null) return refuse('InvalidPayload');
  const { certificateId, certificatePem, parameters } = body as Partial<HookRequest>;
  if (typeof certificateId !== 'string' || typeof certificatePem !== 'string')
    return refuse('InvalidPayload');
  if (typeof parameters !== 'object' || parameters === null) return refuse('InvalidPayload');
  const thingName = parameters[PROVISIONING_PARAMETERS.thingName] ?? '';
  if (!isValidThingName(thingName) || isReservedIdentity(thingName)) return refuse('InvalidThingName');
  const token = parameters[PROVISIONING_PARAMETERS.claimToken] ?? '';
  if (!looksLikeClaimToken(token)) return refuse(claimRefusal('unknown').errorCode);
  let expiresAt: Date;
  let fingerprint: string;
  try {
    expiresAt = new Date(new X509Certificate(certificatePem).validTo);
    fingerprint = certificateFingerprint(certificatePem);
  } catch {
    return refuse('InvalidCertificate');
  }
  return {
    ok: true,
    token,
    registration: {
      thingName,
      serialNumber: parameters[PROVISIONING_PARAMETERS.serialNumber]?.trim() || undefined,
      certificateId,
      certificateFingerprint: fingerprint,
      certificateExpiresAt: expiresAt,
    },
  };
}

export function decisionFor(result: ConsumeClaimResult): HookDecision {
  return result.outcome === 'accepted'
    ? { allow: true, siteId: result.siteId, gatewayId: result.gatewayId }
    : { allow: false, reason: claimRefusal(result.outcome).errorCode };
}
