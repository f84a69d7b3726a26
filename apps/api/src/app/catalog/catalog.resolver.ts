import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import {
  DowntimeReasonRepository,
  ProductRepository,
  type ProductRecord,
} from '@convergent/assets-data-access-assets';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { auditActor } from '../auth/audit-actor';
import type { RequestContext } from '../auth/request-context';
import { pageRequest, toConnection, type Connection } from '../graphql/connection';
import { DataLoader, RequestLoaders } from '../graphql/request-loaders';
import { Asset } from '../assets/asset.model';
import {
  CreateDowntimeReasonInput,
  CreateProductInput,
  DowntimeReason,
  DowntimeReasonConnection,
  DowntimeReasonsArgs,
  Product,
  ProductConnection,
  ProductsArgs,
  UpdateDowntimeReasonInput,
  UpdateProductInput,
} from './catalog.models';

@Injectable()
export class ProductLoader {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly products: ProductRepository,
  ) {}

  for(request: object, principal: Principal): DataLoader<string, ProductRecord | null> {
    return this.loaders.get(
      request,
      'product.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const found = new Map((await this.products.findMany(principal, ids)).map((p) => [p.id, p]));
          return ids.map((id) => found.get(id) ?? null);
        }),
    );
  }
}

// Products, machine–product assignment and downtime reason codes: readable by every member,
// changed by admins (PRODUCT.md: the tenant admin keeps products, ideal times and reason codes).
@Resolver()
export class CatalogResolver {
  constructor(
    private readonly productStore: ProductRepository,
    private readonly reasons: DowntimeReasonRepository,
  ) {}

  @Query(() => ProductConnection)
  async products(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ProductsArgs,
  ): Promise<Connection<Product>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.productStore.page(
      principal,
      args.search?.trim() || undefined,
      request,
    );
    return toConnection(rows, request, totalCount);
  }

  @Mutation(() => Product, { description: 'Admins: add a product with its ideal cycle time.' })
  async createProduct(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateProductInput,
  ): Promise<Product> {
    requireRole(principal, ['admin'], 'change products');
    return this.productStore.create(principal, auditActor(principal), input);
  }

  @Mutation(() => Product, { description: 'Admins: rename a product or change its ideal cycle time.' })
  async updateProduct(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateProductInput,
  ): Promise<Product> {
    requireRole(principal, ['admin'], 'change products');
    return this.productStore.update(principal, auditActor(principal), id, input);
  }

  @Mutation(() => ID, { description: 'Admins: delete a product that never ran (CONFLICT otherwise).' })
  async deleteProduct(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<string> {
    requireRole(principal, ['admin'], 'change products');
    return (await this.productStore.delete(principal, auditActor(principal), id)).id;
  }

  @Mutation(() => Boolean, {
    description:
      "Admins: the product a machine runs from now on (null: none). KPIs use each product's ideal cycle time for the time it ran.",
  })
  async setMachineProduct(
    @CurrentPrincipal() principal: Principal,
    @Args('machineId', { type: () => ID }) machineId: string,
    @Args('productId', { type: () => ID, nullable: true }) productId: string | null,
  ): Promise<boolean> {
    requireRole(principal, ['admin'], 'change what a machine runs');
    await this.productStore.setMachineProduct(principal, auditActor(principal), machineId, productId ?? null);
    return true;
  }

  @Query(() => DowntimeReasonConnection)
  async downtimeReasons(
    @CurrentPrincipal() principal: Principal,
    @Args() args: DowntimeReasonsArgs,
  ): Promise<Connection<DowntimeReason>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.reasons.page(
      principal,
      { lossClass: args.lossClass ?? undefined, includeArchived: args.includeArchived },
      request,
    );
    return toConnection(rows, request, totalCount);
  }

  @Mutation(() => DowntimeReason, { description: 'Admins: add a reason code in a loss class.' })
  async createDowntimeReason(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateDowntimeReasonInput,
  ): Promise<DowntimeReason> {
    requireRole(principal, ['admin'], 'change downtime reasons');
    return this.reasons.create(principal, auditActor(principal), input);
  }

  @Mutation(() => DowntimeReason, {
    description: 'Admins: rename, reclassify, archive or restore a reason code.',
  })
  async updateDowntimeReason(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateDowntimeReasonInput,
  ): Promise<DowntimeReason> {
    requireRole(principal, ['admin'], 'change downtime reasons');
    return this.reasons.update(principal, auditActor(principal), id, input);
  }
}

@Resolver(() => Asset)
export class AssetProductResolver {
  constructor(private readonly loader: ProductLoader) {}

  @ResolveField(() => Product, { nullable: true, description: 'What a machine runs now.' })
  async currentProduct(
    @Parent() asset: Asset,
    @Context() { req }: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Product | null> {
    return asset.currentProductId ? this.loader.for(req, principal).load(asset.currentProductId) : null;
  }
}
