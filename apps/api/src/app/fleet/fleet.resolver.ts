import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { DomainError } from '@convergent/shared-util-contracts';
import { AssetRepository } from '@convergent/assets-data-access-assets';
import {
  GatewayRevocationService,
  ProvisioningClaimRepository,
} from '@convergent/fleet-data-access-gateways';
import { auditActorOf, type Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { CreateProvisioningClaimInput } from './create-provisioning-claim.input';
import { GatewayRevocation } from './gateway-revocation.model';
import { ProvisioningClaim } from './provisioning-claim.model';

@Resolver(() => ProvisioningClaim)
export class FleetResolver {
  constructor(
    private readonly claims: ProvisioningClaimRepository,
    private readonly assets: AssetRepository,
    private readonly revocations: GatewayRevocationService,
  ) {}

  @Mutation(() => ProvisioningClaim, {
    description:
      'Admins and technicians: a one-time claim that lets one new gateway join a site (fleet provisioning).',
  })
  async createProvisioningClaim(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateProvisioningClaimInput,
  ): Promise<ProvisioningClaim> {
    requireRole(principal, ['admin', 'technician'], 'create provisioning claims');
    const site = await this.assets.find(principal, input.siteId);
    if (!site || site.kind !== 'site')
      throw new DomainError('NOT_FOUND', `no site with id "${input.siteId}"`);
    const claim = await this.claims.create(principal.tenantId, site.id, {
      expiresInMs: input.expiresInMinutes * 60_000,
      ...(input.expectedSerial ? { expectedSerial: input.expectedSerial } : {}),
      actor: auditActorOf(principal),
    });
    return {
      id: claim.claimId,
      siteId: claim.siteId,
      token: claim.token,
      expiresAt: claim.expiresAt,
      expectedSerial: claim.expectedSerial,
      qrPayload: JSON.stringify({ v: 1, token: claim.token, expiresAt: claim.expiresAt.toISOString() }),
    };
  }

  @Mutation(() => GatewayRevocation, {
    description:
      "Admins and technicians: stop accepting a gateway's data, disconnect it and revoke its certificates for good " +
      '(a new identity needs a new provisioning claim). Repeating it for a revoked gateway is harmless.',
  })
  async revokeGateway(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<GatewayRevocation> {
    requireRole(principal, ['admin', 'technician'], 'revoke gateways');
    const siteId = await this.revocations.siteOf(principal.tenantId, id);
    // A gateway on a site the user may not see does not exist for them.
    if (siteId === null || (await this.assets.find(principal, siteId)) === null)
      throw new DomainError('NOT_FOUND', `no gateway with id "${id}"`);
    return this.revocations.revoke(principal.tenantId, id, { userId: principal.userId });
  }
}
