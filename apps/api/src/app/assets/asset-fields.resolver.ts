import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { rollUpByBucket } from '@convergent/kpi-data-access-kpi';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { RequestContext } from '../auth/request-context';
import { connectionFromArray, pageRequest, type Connection } from '../graphql/connection';
import { KpiBucket } from '../kpi/kpi-bucket.model';
import { toKpiBucket } from '../kpi/kpi.resolver';
import { Asset, AssetConnection } from './asset.model';
import { ChildrenArgs } from './asset.inputs';
import { AssetLoaders } from './asset-loaders';

// Asset's nested fields, each batched per request level by AssetLoaders; every one applies the
// caller's site visibility (a restricted user's breadcrumb starts at their site).
@Resolver(() => Asset)
export class AssetFieldsResolver {
  constructor(private readonly loaders: AssetLoaders) {}

  @ResolveField(() => Asset, { nullable: true })
  async parent(
    @Parent() asset: Asset,
    @Context() { req }: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Asset | null> {
    return asset.parentId ? this.loaders.byId(req, principal).load(asset.parentId) : null;
  }

  @ResolveField(() => Asset, { nullable: true, description: 'The site it belongs to (itself for a site).' })
  async site(
    @Parent() asset: Asset,
    @Context() { req }: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Asset | null> {
    return asset.siteId ? this.loaders.byId(req, principal).load(asset.siteId) : null;
  }

  @ResolveField(() => [Asset], {
    description: 'The breadcrumb: the assets above it that you may see, from the top down, without itself.',
  })
  async ancestors(
    @Parent() asset: Asset,
    @Context() { req }: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Asset[]> {
    const above = asset.ancestors.filter((id) => id !== asset.id);
    const found = await this.loaders.byId(req, principal).loadMany(above);
    return found.filter((a): a is Asset => a !== null && !(a instanceof Error));
  }

  @ResolveField(() => AssetConnection, { description: 'The assets directly below it, by name.' })
  async children(
    @Parent() asset: Asset,
    @Args() args: ChildrenArgs,
    @Context() { req }: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Connection<Asset>> {
    const request = pageRequest(args);
    const children = await this.loaders
      .children(req, principal)
      .load({ parentId: asset.id, kind: args.kind ?? null });
    return connectionFromArray(children, request);
  }

  @ResolveField(() => KpiBucket, {
    nullable: true,
    description: "A machine's most recent hourly KPIs (null for other kinds and before the first result).",
  })
  async latestKpi(
    @Parent() asset: Asset,
    @Context() { req }: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<KpiBucket | null> {
    if (asset.kind !== 'machine') return null;
    const row = await this.loaders.latestKpi(req, principal).load(asset.id);
    const [bucket] = row ? rollUpByBucket([row]) : [];
    return bucket ? toKpiBucket(bucket) : null;
  }
}
