export { GatewayRouteRepository } from './gateway-route.repository';
export type { GatewayRoute, GatewayLifecycle } from './gateway-route.repository';
export { GatewayDirectory } from './gateway-directory';
export { hashClaimToken, looksLikeClaimToken, newClaimToken } from './claim-token';
export {
  CLAIM_REFUSALS,
  DEFAULT_CLAIM_TTL_MS,
  ProvisioningClaimRepository,
  type ClaimRefusal,
  type ConsumeClaimResult,
  type CreateClaimOptions,
  type CreatedClaim,
  type GatewayRegistration,
} from './provisioning-claim.repository';
export {
  FleetProvisioningService,
  type FleetProvisioningServiceOptions,
  type ProvisioningLogger,
  type ProvisioningReply,
} from './fleet-provisioning.service';
export { LocalProvisioningConsumer } from './local-provisioning.consumer';
export { claimRefusal } from './provisioning-refusal';
export {
  GatewayQueryRepository,
  type GatewayFilter,
  type GatewayRecord,
  type GatewayScope,
} from './gateway-query.repository';
export { GatewayRevocationService, type RevokedGateway } from './gateway-revocation.service';
export {
  GatewayTwinRepository,
  type CommandAnswerOutcome,
  type DesiredSet,
  type GatewayCommandRecord,
  type NewCommand,
} from './gateway-twin.repository';
