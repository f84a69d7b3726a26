// Why a claim could not be created. Refusals of a provisioning attempt are not errors but outcomes
// (ClaimRefusal), answered to the gateway in AWS's error shape.

export const PROVISIONING_CLAIM_ERROR_CODES = ['site-not-found', 'invalid-expiry', 'invalid-serial'] as const;
export type ProvisioningClaimErrorCode = (typeof PROVISIONING_CLAIM_ERROR_CODES)[number];

export class ProvisioningClaimError extends Error {
  override readonly name = 'ProvisioningClaimError';
  constructor(
    readonly code: ProvisioningClaimErrorCode,
    message: string,
  ) {
    super(message);
  }
}
