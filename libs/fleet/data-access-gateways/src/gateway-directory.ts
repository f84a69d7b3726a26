import type { GatewayRoute, GatewayRouteRepository } from './gateway-route.repository';

interface Entry {
  route: GatewayRoute | null;
  expiresAt: number;
}

// Ingest resolves every message's gateway; a short-lived cache keeps that off the database while
// still noticing a decommissioned gateway or a newly mapped machine within the TTL.
export class GatewayDirectory {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<GatewayRoute | null>>();

  constructor(
    private readonly repository: Pick<GatewayRouteRepository, 'findByThingName'>,
    private readonly ttlMs = 30_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async resolve(thingName: string): Promise<GatewayRoute | null> {
    const cached = this.entries.get(thingName);
    if (cached && cached.expiresAt > this.clock()) return cached.route;
    const inFlight = this.pending.get(thingName);
    if (inFlight) return inFlight;
    const lookup = this.repository
      .findByThingName(thingName)
      .then((route) => {
        this.entries.set(thingName, { route, expiresAt: this.clock() + this.ttlMs });
        return route;
      })
      .finally(() => this.pending.delete(thingName));
    this.pending.set(thingName, lookup);
    return lookup;
  }
}
