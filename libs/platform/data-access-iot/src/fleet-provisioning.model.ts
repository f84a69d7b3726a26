import { createHash } from 'node:crypto';

// AWS IoT fleet provisioning's MQTT API (CreateCertificateFromCsr, RegisterThing), as the SDK's
// identity client speaks it: topics and JSON shapes shared by the gateway (edge agent) and the
// local profile's responder, which answers them on Mosquitto in place of AWS IoT Core.
// https://docs.aws.amazon.com/iot/latest/developerguide/fleet-provision-api.html

export const DEFAULT_PROVISIONING_TEMPLATE = 'convergent-gateway';

// The template parameters a gateway sends with RegisterThing.
export const PROVISIONING_PARAMETERS = {
  claimToken: 'ClaimToken',
  thingName: 'ThingName',
  serialNumber: 'SerialNumber',
} as const;

export const CREATE_CERTIFICATE_FROM_CSR_TOPIC = '$aws/certificates/create-from-csr/json';

export function registerThingTopic(templateName: string): string {
  return `$aws/provisioning-templates/${templateName}/provision/json`;
}

export function acceptedTopic(requestTopic: string): string {
  return `${requestTopic}/accepted`;
}

export function rejectedTopic(requestTopic: string): string {
  return `${requestTopic}/rejected`;
}

// A template name as AWS allows it; it becomes a topic level, so no wildcards or slashes.
export function isValidTemplateName(name: string): boolean {
  return /^[0-9A-Za-z_-]{1,36}$/.test(name);
}

export interface CreateCertificateFromCsrRequest {
  certificateSigningRequest: string;
}

export interface CreateCertificateFromCsrResponse {
  certificateId: string;
  certificatePem: string;
  certificateOwnershipToken: string;
  // Local profile only, see requestDigest().
  requestDigest?: string;
}

export interface RegisterThingRequest {
  certificateOwnershipToken: string;
  parameters: Record<string, string>;
}

export interface RegisterThingResponse {
  thingName: string;
  deviceConfiguration: Record<string, string>;
  requestDigest?: string;
}

export interface ProvisioningErrorResponse {
  statusCode: number;
  errorCode: string;
  errorMessage: string;
  requestDigest?: string;
}

// Error codes in the replies: AWS's own where AWS has one, the claim refusals otherwise (AWS gives a
// pre-provisioning hook's refusal as 400 with the hook's reason; ours name the reason).
export const PROVISIONING_ERROR_CODES = [
  'InvalidPayload',
  'InvalidCsr',
  'InvalidCertificateOwnershipToken',
  'ThingNameTaken',
  'ClaimTokenUnknown',
  'ClaimTokenUsed',
  'ClaimTokenExpired',
  'ClaimSerialMismatch',
  'ClaimLocked',
  'Throttled',
  'InternalError',
] as const;
export type ProvisioningErrorCode = (typeof PROVISIONING_ERROR_CODES)[number];

export function isProvisioningErrorCode(value: string): value is ProvisioningErrorCode {
  return (PROVISIONING_ERROR_CODES as readonly string[]).includes(value);
}

// Reply topics are the same for every client, and on Mosquitto every provisioning gateway receives
// every reply (AWS IoT Core delivers each to its requester only). So the local responder adds this
// digest of what the request carried (the CSR, or the ownership token) to its replies and a gateway
// ignores replies that carry another request's digest. AWS's replies carry none: they are all ours.
export function requestDigest(requestSecretOrCsr: string): string {
  return createHash('sha256').update(requestSecretOrCsr, 'utf8').digest('hex');
}

export function parseCreateCertificateFromCsrRequest(
  payload: unknown,
): CreateCertificateFromCsrRequest | null {
  if (!isRecord(payload)) return null;
  const csr = payload['certificateSigningRequest'];
  return typeof csr === 'string' && csr.length > 0 && csr.length <= 16_384
    ? { certificateSigningRequest: csr }
    : null;
}

export function parseRegisterThingRequest(payload: unknown): RegisterThingRequest | null {
  if (!isRecord(payload)) return null;
  const token = payload['certificateOwnershipToken'];
  const parameters = payload['parameters'] ?? {};
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return null;
  if (!isRecord(parameters)) return null;
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(parameters)) {
    if (typeof value !== 'string' || value.length > 1024) return null;
    strings[key] = value;
  }
  return { certificateOwnershipToken: token, parameters: strings };
}

export function parseJson(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
