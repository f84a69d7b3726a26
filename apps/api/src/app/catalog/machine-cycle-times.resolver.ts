import { Args, Context, Float, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import {
  MachineCycleTimeRepository,
  type MachineCycleTimeRecord,
} from '@convergent/assets-data-access-assets';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { auditActor } from '../auth/audit-actor';
import type { RequestContext } from '../auth/request-context';
import { DataLoader, RequestLoaders } from '../graphql/request-loaders';
import { MachineCycleTime, Product } from './catalog.models';

@Injectable()
export class MachineCycleTimeLoader {
  constructor(
    private readonly loaders: RequestLoaders,
    private readonly cycleTimes: MachineCycleTimeRepository,
  ) {}

  // By product: one query for a whole page of products.
  for(request: object, principal: Principal): DataLoader<string, MachineCycleTimeRecord[]> {
    return this.loaders.get(
      request,
      'machineCycleTime.byProduct',
      () =>
        new DataLoader(async (productIds: readonly string[]) => {
          const rows = await this.cycleTimes.forProducts(principal, productIds);
          return productIds.map((id) => rows.filter((row) => row.productId === id));
        }),
    );
  }
}

// Machine-specific ideal cycle times: readable with the product by every member (for the machines
// they may see), changed by admins like the product's own.
@Resolver(() => Product)
export class MachineCycleTimesResolver {
  constructor(
    private readonly loader: MachineCycleTimeLoader,
    private readonly cycleTimes: MachineCycleTimeRepository,
  ) {}

  @ResolveField(() => [MachineCycleTime], {
    description: 'Machines that run this product at their own ideal cycle time, by machine name.',
  })
  async machineCycleTimes(
    @Parent() product: Product,
    @Context() { req }: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MachineCycleTime[]> {
    return this.loader.for(req, principal).load(product.id);
  }

  @Mutation(() => MachineCycleTime, {
    nullable: true,
    description:
      "Admins: the ideal cycle time of a product on one machine, overriding the product's default for KPIs computed from now on (null removes the override; the answer is then null).",
  })
  async setMachineCycleTime(
    @CurrentPrincipal() principal: Principal,
    @Args('machineId', { type: () => ID }) machineId: string,
    @Args('productId', { type: () => ID }) productId: string,
    @Args('idealCycleTimeMs', {
      type: () => Float,
      nullable: true,
      description: 'More than 0, at most 86400000 (one day); null removes the override.',
    })
    idealCycleTimeMs: number | null,
  ): Promise<MachineCycleTime | null> {
    requireRole(principal, ['admin'], 'change products');
    return this.cycleTimes.set(
      principal,
      auditActor(principal),
      machineId,
      productId,
      idealCycleTimeMs ?? null,
    );
  }
}
