import { Args, Query, Resolver } from '@nestjs/graphql';
import { AssetKind } from '@convergent/platform-data-access-db';
import { AssetRepository } from '@convergent/assets-data-access-assets';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Asset } from './asset.model';

@Resolver(() => Asset)
export class AssetsResolver {
  constructor(private readonly repository: AssetRepository) {}

  @Query(() => [Asset], { description: 'Every asset you may see, ordered by depth, then name.' })
  async assets(
    @CurrentPrincipal() principal: Principal,
    @Args('kind', { type: () => AssetKind, nullable: true }) kind?: AssetKind,
  ): Promise<Asset[]> {
    return this.repository.list(principal, kind ?? undefined);
  }
}
