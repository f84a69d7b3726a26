import type { Database } from '@convergent/platform-data-access-db';

export type GatewayLifecycle = 'pending' | 'active' | 'suspended' | 'decommissioned';

export interface GatewayRoute {
  tenantId: string;
  gatewayId: string;
  // The gateway's site, which is also its machines' site.
  siteId: string;
  status: GatewayLifecycle;
  // The gateway's machine keys (as used in its payloads) and the machine assets they stand for.
  machines: ReadonlyMap<string, string>;
}

interface RouteRow {
  tenant_id: string;
  gateway_id: string;
  gateway_status: GatewayLifecycle;
  site_id: string;
  source_key: string | null;
  machine_id: string | null;
}

// Looks a gateway up by its broker identity. Runs before any tenant is known, so it goes through
// the one SECURITY DEFINER function that exposes exactly this (migration 0002).
export class GatewayRouteRepository {
  constructor(private readonly db: Database) {}

  async findByThingName(thingName: string): Promise<GatewayRoute | null> {
    const { rows } = await this.db.pool.query<RouteRow>(
      `SELECT tenant_id, gateway_id, gateway_status::text AS gateway_status, site_id, source_key, machine_id
       FROM ingest_gateway_routes($1)`,
      [thingName],
    );
    const first = rows[0];
    if (!first) return null;
    const machines = new Map<string, string>();
    for (const row of rows)
      if (row.source_key && row.machine_id) machines.set(row.source_key, row.machine_id);
    return {
      tenantId: first.tenant_id,
      gatewayId: first.gateway_id,
      siteId: first.site_id,
      status: first.gateway_status,
      machines,
    };
  }
}
