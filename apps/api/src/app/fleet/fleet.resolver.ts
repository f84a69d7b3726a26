import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { DomainError } from '@convergent/shared-util-contracts';
import { AssetRepository } from '@convergent/assets-data-access-assets';
import { ProvisioningClaimRepository } from '@convergent/fleet-data-access-gateways';
import { auditActorOf, type Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { CreateProvisioningClaimInput } from './create-provisioning-claim.input';
import { ProvisioningClaim } from './provisioning-claim.model';

@Resolver(() => ProvisioningClaim)
export class FleetResolver {
  constructor(
    private readonly claims: ProvisioningClaimRepository,
    private readonly assets: AssetRepository,
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
}
