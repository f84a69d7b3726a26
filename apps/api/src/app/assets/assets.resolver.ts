import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AssetRepository } from '@convergent/assets-data-access-assets';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { auditActor } from '../auth/audit-actor';
import { pageRequest, toConnection, type Connection } from '../graphql/connection';
import { Asset, AssetConnection } from './asset.model';
import { AssetsArgs, CreateAssetInput } from './asset.inputs';

@Resolver(() => Asset)
export class AssetsResolver {
  constructor(private readonly repository: AssetRepository) {}

  @Query(() => AssetConnection, {
    description:
      'The assets you may see (your sites only, if you are restricted to some), filtered and paged.',
  })
  async assets(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AssetsArgs,
  ): Promise<Connection<Asset>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.repository.page(
      principal,
      {
        kind: args.kind ?? undefined,
        nameContains: args.nameContains?.trim() || undefined,
        under: args.under ?? undefined,
      },
      args.orderBy,
      request,
    );
    return toConnection(rows, request, totalCount);
  }

  @Query(() => Asset, {
    nullable: true,
    description: 'One asset, or null when it does not exist or you may not see it.',
  })
  async asset(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Asset | null> {
    return this.repository.find(principal, id);
  }

  @Mutation(() => Asset, {
    description: 'Admins: add an asset to the tree (ISA-95 levels in order; sites need a time zone).',
  })
  async createAsset(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateAssetInput,
  ): Promise<Asset> {
    requireRole(principal, ['admin'], 'change the asset tree');
    return this.repository.create(principal, auditActor(principal), input);
  }

  @Mutation(() => Asset, { description: 'Admins: rename an asset (unique among its siblings).' })
  async renameAsset(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('name') name: string,
  ): Promise<Asset> {
    requireRole(principal, ['admin'], 'change the asset tree');
    return this.repository.rename(principal, auditActor(principal), id, name);
  }

  @Mutation(() => Asset, {
    description: "Admins: change a site's IANA time zone (future buckets and shifts use it).",
  })
  async setSiteTimeZone(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('timeZone') timeZone: string,
  ): Promise<Asset> {
    requireRole(principal, ['admin'], 'change the asset tree');
    return this.repository.setTimeZone(principal, auditActor(principal), id, timeZone);
  }

  @Mutation(() => Asset, {
    description:
      'Admins: move an asset and its subtree under another parent (null: to the top, for sites). Refused when it would make a cycle or put ISA-95 levels out of order.',
  })
  async moveAsset(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('newParentId', { type: () => ID, nullable: true }) newParentId: string | null,
  ): Promise<Asset> {
    requireRole(principal, ['admin'], 'change the asset tree');
    return this.repository.move(principal, auditActor(principal), id, newParentId ?? null);
  }

  @Mutation(() => Asset, {
    description:
      'Admins: hide an asset from every list while keeping its history. Refused while it has active children.',
  })
  async archiveAsset(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Asset> {
    requireRole(principal, ['admin'], 'change the asset tree');
    return this.repository.archive(principal, auditActor(principal), id);
  }

  @Mutation(() => ID, {
    description:
      'Admins: delete an asset created by mistake. Refused (CONFLICT, with extensions.uses) when it has children or recorded data; archive those instead.',
  })
  async deleteAsset(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<string> {
    requireRole(principal, ['admin'], 'change the asset tree');
    return (await this.repository.delete(principal, auditActor(principal), id)).id;
  }
}
