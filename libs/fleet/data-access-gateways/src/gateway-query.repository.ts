import {
  pagedQuery,
  type Database,
  type GatewayStatus,
  type PageRequest,
  type Paged,
  type Prisma,
} from '@convergent/platform-data-access-db';

export interface GatewayScope {
  tenantId: string;
  // null: every site of the tenant.
  siteIds: readonly string[] | null;
}

export interface GatewayFilter {
  siteId?: string | undefined;
  online?: boolean | undefined;
  status?: GatewayStatus | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT = {
  id: true,
  siteId: true,
  thingName: true,
  name: true,
  serialNumber: true,
  status: true,
  online: true,
  lastSeenAt: true,
  agentVersion: true,
  certificateExpiresAt: true,
  desiredConfig: true,
  desiredVersion: true,
  desiredSetAt: true,
  reportedConfig: true,
  reportedVersion: true,
  reportedStatus: true,
  reportedError: true,
  reportedAt: true,
  machines: { select: { machineId: true, sourceKey: true, tagMapping: true }, orderBy: { sourceKey: 'asc' } },
} as const satisfies Prisma.GatewaySelect;

export type GatewayRecord = Prisma.GatewayGetPayload<{ select: typeof SELECT }>;

// Gateways as the API lists them: those of the sites the caller may see, with the machines each
// serves (one query for a whole page, mappings included).
export class GatewayQueryRepository {
  constructor(private readonly db: Database) {}

  async page(
    scope: GatewayScope,
    filter: GatewayFilter,
    request: PageRequest,
  ): Promise<Paged<GatewayRecord>> {
    if (filter.siteId !== undefined && !UUID.test(filter.siteId)) return { rows: [], totalCount: 0 };
    const where: Prisma.GatewayWhereInput = {
      ...(scope.siteIds ? { siteId: { in: [...scope.siteIds] } } : {}),
      ...(filter.siteId ? { siteId: filter.siteId } : {}),
      ...(filter.online !== undefined ? { online: filter.online } : {}),
      ...(filter.status ? { status: filter.status } : { status: { not: 'decommissioned' } }),
    };
    // A site filter outside the caller's sites must not widen the restriction above.
    if (filter.siteId && scope.siteIds && !scope.siteIds.includes(filter.siteId))
      return { rows: [], totalCount: 0 };
    return this.db.withTenant(scope.tenantId, (tx) =>
      pagedQuery(
        request,
        (page) =>
          tx.gateway.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], select: SELECT, ...page }),
        () => tx.gateway.count({ where }),
      ),
    );
  }

  async find(scope: GatewayScope, id: string): Promise<GatewayRecord | null> {
    if (!UUID.test(id)) return null;
    const gateway = await this.db.withTenant(scope.tenantId, (tx) =>
      tx.gateway.findFirst({ where: { id }, select: SELECT }),
    );
    return gateway && (!scope.siteIds || scope.siteIds.includes(gateway.siteId)) ? gateway : null;
  }

  // The gateways in service that read a machine (usually one; two while one replaces another), by
  // name; none when the machine is at a site the caller may not see.
  async feeding(scope: GatewayScope, machineId: string): Promise<GatewayRecord[]> {
    if (!UUID.test(machineId)) return [];
    return this.db.withTenant(scope.tenantId, (tx) =>
      tx.gateway.findMany({
        where: {
          ...(scope.siteIds ? { siteId: { in: [...scope.siteIds] } } : {}),
          status: { not: 'decommissioned' },
          machines: { some: { machineId } },
        },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        select: SELECT,
      }),
    );
  }
}
