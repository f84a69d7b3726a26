import { iotidentity, mqtt } from 'aws-iot-device-sdk-v2';
import type { MqttConnection } from './mqtt-connection';
import { certificateMatchesKey } from './local-ca';
import {
  DEFAULT_PROVISIONING_TEMPLATE,
  PROVISIONING_PARAMETERS,
  isProvisioningErrorCode,
  requestDigest,
  type ProvisioningErrorCode,
} from './fleet-provisioning.model';

// The gateway's side of fleet provisioning by claim, through the SDK's identity client over an
// MqttConnection opened with the claim certificate. The v1 IotIdentityClient is used rather than
// IotIdentityClientv2: v2 resolves a request with the first message on the reply topic, and on
// Mosquitto that may be another gateway's reply; v1 hands us every reply, so we pick our own (the
// certificate for our key, the thing we asked for, or a rejection of our request).

export interface ProvisionByClaimRequest {
  csrPem: string;
  // Stays on the gateway; only used to check the issued certificate certifies it.
  privateKeyPem: string;
  claimToken: string;
  thingName: string;
  serialNumber?: string;
  templateName?: string;
  // Per step. Default 30 s.
  timeoutMs?: number;
}

export interface ProvisionedIdentity {
  thingName: string;
  certificateId: string;
  certificatePem: string;
  deviceConfiguration: Record<string, string>;
}

export const PROVISIONING_FAILURES = ['rejected', 'timeout', 'not-authorized', 'transport'] as const;
export type ProvisioningFailure = (typeof PROVISIONING_FAILURES)[number];

export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError';
  constructor(
    readonly failure: ProvisioningFailure,
    readonly step: 'CreateCertificateFromCsr' | 'RegisterThing',
    message: string,
    // The service's error code when it rejected the request.
    // A string: AWS (or a newer platform) may send codes this version does not know.
    readonly errorCode?: string,
    readonly statusCode?: number,
  ) {
    super(message);
  }

  get knownErrorCode(): ProvisioningErrorCode | undefined {
    return this.errorCode !== undefined && isProvisioningErrorCode(this.errorCode)
      ? this.errorCode
      : undefined;
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ProvisioningError };

export async function provisionByClaim(
  connection: MqttConnection,
  request: ProvisionByClaimRequest,
): Promise<ProvisionedIdentity> {
  const client = iotidentity.IotIdentityClient.newFromMqtt5Client(connection.sdkClient());
  const timeoutMs = request.timeoutMs ?? 30_000;
  const templateName = request.templateName ?? DEFAULT_PROVISIONING_TEMPLATE;
  const qos = mqtt.QoS.AtLeastOnce;

  const csrDigest = requestDigest(request.csrPem);
  const certificate = await awaitReply<iotidentity.model.CreateCertificateFromCsrResponse>(
    'CreateCertificateFromCsr',
    timeoutMs,
    async (settle) => {
      await client.subscribeToCreateCertificateFromCsrAccepted({}, qos, (error, response) => {
        if (error !== undefined || response === undefined) return;
        if (!isOurs(response, csrDigest)) return;
        // Someone else's certificate (another gateway's reply, AWS never sends one): not ours.
        if (response.certificatePem === undefined) return;
        if (!certificateMatchesKey(response.certificatePem, request.privateKeyPem)) return;
        settle({ ok: true, value: response });
      });
      await client.subscribeToCreateCertificateFromCsrRejected({}, qos, (error, response) => {
        if (error !== undefined || response === undefined || !isOurs(response, csrDigest)) return;
        settle({ ok: false, error: rejection('CreateCertificateFromCsr', response) });
      });
      await client.publishCreateCertificateFromCsr({ certificateSigningRequest: request.csrPem }, qos);
    },
  );
  const ownershipToken = certificate.certificateOwnershipToken;
  if (
    certificate.certificateId === undefined ||
    certificate.certificatePem === undefined ||
    ownershipToken === undefined
  ) {
    throw new ProvisioningError(
      'rejected',
      'CreateCertificateFromCsr',
      'the reply lacks the certificate id, certificate or ownership token',
    );
  }

  const parameters: Record<string, string> = {
    [PROVISIONING_PARAMETERS.claimToken]: request.claimToken,
    [PROVISIONING_PARAMETERS.thingName]: request.thingName,
  };
  if (request.serialNumber !== undefined)
    parameters[PROVISIONING_PARAMETERS.serialNumber] = request.serialNumber;
  const registerDigest = requestDigest(ownershipToken);
  const registered = await awaitReply<iotidentity.model.RegisterThingResponse>(
    'RegisterThing',
    timeoutMs,
    async (settle) => {
      await client.subscribeToRegisterThingAccepted({ templateName }, qos, (error, response) => {
        if (error !== undefined || response === undefined || !isOurs(response, registerDigest)) return;
        if (response.thingName !== request.thingName) return;
        settle({ ok: true, value: response });
      });
      await client.subscribeToRegisterThingRejected({ templateName }, qos, (error, response) => {
        if (error !== undefined || response === undefined || !isOurs(response, registerDigest)) return;
        settle({ ok: false, error: rejection('RegisterThing', response) });
      });
      await client.publishRegisterThing(
        { templateName, certificateOwnershipToken: ownershipToken, parameters },
        qos,
      );
    },
  );
  return {
    thingName: registered.thingName ?? request.thingName,
    certificateId: certificate.certificateId,
    certificatePem: certificate.certificatePem,
    deviceConfiguration: registered.deviceConfiguration ?? {},
  };
}

function isOurs(reply: object, digest: string): boolean {
  const replyDigest = 'requestDigest' in reply ? reply.requestDigest : undefined;
  return replyDigest === undefined || replyDigest === digest;
}

function rejection(
  step: ProvisioningError['step'],
  response: iotidentity.model.ErrorResponse,
): ProvisioningError {
  return new ProvisioningError(
    'rejected',
    step,
    `${step} was rejected: ${response.errorMessage ?? response.errorCode ?? 'no reason given'}`,
    response.errorCode,
    response.statusCode,
  );
}

async function awaitReply<T>(
  step: ProvisioningError['step'],
  timeoutMs: number,
  start: (settle: (outcome: Outcome<T>) => void) => Promise<void>,
): Promise<T> {
  let settle: (outcome: Outcome<T>) => void = () => undefined;
  const replied = new Promise<Outcome<T>>((resolve) => {
    settle = resolve;
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: new ProvisioningError(
            'timeout',
            step,
            `no answer to ${step} within ${Math.round(timeoutMs / 1000)} s`,
          ),
        }),
      timeoutMs,
    );
  });
  try {
    try {
      await start((outcome) => settle(outcome));
    } catch (error) {
      throw transportError(step, error);
    }
    const outcome = await Promise.race([replied, timedOut]);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  } finally {
    clearTimeout(timer);
  }
}

// The adapter rejects with a CrtError naming the PUBACK reason code, or with a plain string.
function transportError(step: ProvisioningError['step'], error: unknown): ProvisioningError {
  const text = error instanceof Error ? error.message : String(error);
  const notAuthorized = /reason code:? 135\b/.test(text);
  return new ProvisioningError(
    notAuthorized ? 'not-authorized' : 'transport',
    step,
    notAuthorized
      ? `the broker refused the ${step} request: this certificate may not use the provisioning topics`
      : `${step} could not be sent: ${text}`,
  );
}
