import type { ProvisioningErrorCode, ProvisioningErrorResponse } from '@convergent/platform-data-access-iot';
import type { ClaimRefusal } from './provisioning-claim.repository';

// How each refusal reads on the wire, in AWS's error shape. The messages go to a technician's
// screen through the edge agent: they say what to do, and never echo the token.

type Refusal = Omit<ProvisioningErrorResponse, 'requestDigest'>;

function refusal(statusCode: number, errorCode: ProvisioningErrorCode, errorMessage: string): Refusal {
  return { statusCode, errorCode, errorMessage };
}

export function claimRefusal(reason: ClaimRefusal): Refusal {
  switch (reason) {
    case 'unknown':
      return refusal(
        400,
        'ClaimTokenUnknown',
        'the claim token is not known: check it was typed or scanned fully',
      );
    case 'used':
      return refusal(
        400,
        'ClaimTokenUsed',
        'the claim token was already used: create a new claim for this gateway',
      );
    case 'expired':
      return refusal(
        400,
        'ClaimTokenExpired',
        'the claim token has expired: create a new claim for this gateway',
      );
    case 'wrong-serial':
      return refusal(
        400,
        'ClaimSerialMismatch',
        "the claim is for another gateway's serial number: check the serial or create a new claim",
      );
    case 'locked':
      return refusal(
        429,
        'ClaimLocked',
        'the claim is locked after too many failed attempts: create a new claim for this gateway',
      );
    case 'thing-name-taken':
      return refusal(
        409,
        'ThingNameTaken',
        'another gateway already has this thing name: choose another one',
      );
  }
}

export function invalidRequest(errorCode: ProvisioningErrorCode, message: string): Refusal {
  return refusal(400, errorCode, message);
}

export function internalError(): Refusal {
  return refusal(500, 'InternalError', 'the provisioning service failed: try again in a minute');
}
