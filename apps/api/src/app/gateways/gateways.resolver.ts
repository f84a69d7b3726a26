import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GatewayQueryRepository, type GatewayRecord } from '@convergent/fleet-data-access-gateways';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { RequestContext } from '../auth/request-context';
import { pageRequest, toConnection, type Connection } from '../graphql/connection';
import { Asset } from '../assets/asset.model';
import { AssetLoaders } from '../assets/asset-loaders';
import { Gateway, GatewayConnection, GatewayMachine, GatewaysArgs } from './gateway.models';

const asJsonText = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

// Stored tag mappings are { signal: source } objects written by technicians' tools.
export function toGatewayModel(gateway: GatewayRecord): Gateway {
  return {
    ...gateway,
    desiredConfig: gateway.desiredVersion > 0 ? asJsonText(gateway.desiredConfig) : null,
    reportedConfig: asJsonText(gateway.reportedConfig),
    machines: gateway.machines.map((m) => ({
      machineId: m.machineId,
      sourceKey: m.sourceKey,
      tagMapping: Object.entries(
        typeof m.tagMapping === 'object' && m.tagMapping !== null && !Array.isArray(m.tagMapping)
          ? m.tagMapping
          : {},
      ).map(([signal, source]) => ({
        signal,
        source: typeof source === 'string' ? source : JSON.stringify(source),
      })),
    })),
  };
}

// Gateways of the sites the caller may see: status, presence, the machines they serve.
@Resolver(() => Gateway)
export class GatewaysResolver {
  constructor(
    private readonly store: GatewayQueryRepository,
    private readonly assets: AssetLoaders,
  ) {}

  @Query(() => GatewayConnection)
  async gateways(
    @CurrentPrincipal() principal: Principal,
    @Args() args: GatewaysArgs,
  ): Promise<Connection<Gateway>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.store.page(
      principal,
      {
        siteId: args.siteId ?? undefined,
        online: args.online ?? undefined,
        status: args.status ?? undefined,
      },
      request,
    );
    return toConnection(rows.map(toGatewayModel), request, totalCount);
  }

  @Query(() => Gateway, { nullable: true })
  async gateway(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Gateway | null> {
    const gateway = await this.store.find(principal, id);
    return gateway ? toGatewayModel(gateway) : null;
  }

  @Query(() => [Gateway], {
    description:
      "The gateways in service that read a machine, by name (usually one; two while one replaces another): each one's machines entry for it holds the source key and tag mapping, its desired and reported configuration the tags it reads. Empty for a machine no gateway reads, or at a site you may not see.",
  })
  async feedingGateways(
    @CurrentPrincipal() principal: Principal,
    @Args('machineId', { type: () => ID }) machineId: string,
  ): Promise<Gateway[]> {
    return (await this.store.feeding(principal, machineId)).map(toGatewayModel);
  }

  @ResolveField(() => Asset, { nullable: true })
  async site(
    @Parent() gateway: Gateway,
    @Context() { req }: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Asset | null> {
    return this.assets.byId(req, principal).load(gateway.siteId);
  }
}

@Resolver(() => GatewayMachine)
export class GatewayMachineResolver {
  constructor(private readonly assets: AssetLoaders) {}

  @ResolveField(() => Asset, { nullable: true, description: 'null when the machine is archived.' })
  async machine(
    @Parent() mapping: GatewayMachine,
    @Context() { req }: RequestContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Asset | null> {
    return this.assets.byId(req, principal).load(mapping.machineId);
  }
}
