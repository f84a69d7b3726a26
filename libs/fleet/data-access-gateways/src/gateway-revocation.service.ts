import { recordAudit, type Database } from '@convergent/platform-data-access-db';
import type { GatewayControlPlane } from '@convergent/platform-data-access-iot';
import { DomainError } from '@convergent/shared-util-contracts';

export interface RevokedGateway {
  gatewayId: string;
  thingName: string;
  siteId: string;
  revokedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Revoking a gateway: the platform stops accepting its data (status decommissioned, audited, in one
// transaction), then the IoT service disconnects it and revokes its certificates. Calling it again
// for a revoked gateway repeats the IoT step only, so a failed broker call can simply be retried.
export class GatewayRevocationService {
  constructor(
    private readonly db: Database,
    private readonly controlPlane: Pick<GatewayControlPlane, 'revokeGateway'>,
  ) {}

  // The site of a tenant's gateway, for the caller's site-access check; null when there is none.
  async siteOf(tenantId: string, gatewayId: string): Promise<string | null> {
    if (!UUID.test(gatewayId)) return null;
    const gateway = await this.db.withTenant(tenantId, (tx) =>
      tx.gateway.findFirst({ where: { id: gatewayId }, select: { siteId: true } }),
    );
    return gateway?.siteId ?? null;
  }

  async revoke(
    tenantId: string,
    gatewayId: string,
    actor: { userId: string | null },
  ): Promise<RevokedGateway> {
    if (!UUID.test(gatewayId)) throw new DomainError('NOT_FOUND', `no gateway with id "${gatewayId}"`);
    const revoked = await this.db.withTenant(tenantId, async (tx) => {
      const gateway = await tx.gateway.findFirst({
        where: { id: gatewayId },
        select: {
          id: true,
          thingName: true,
          siteId: true,
          status: true,
          certificateId: true,
          decommissionedAt: true,
        },
      });
      if (gateway === null) throw new DomainError('NOT_FOUND', `no gateway with id "${gatewayId}"`);
      if (gateway.status === 'decommissioned' && gateway.decommissionedAt !== null) {
        return { gateway, revokedAt: gateway.decommissionedAt };
      }
      const revokedAt = new Date();
      await tx.gateway.update({
        where: { id: gateway.id },
        data: { status: 'decommissioned', decommissionedAt: revokedAt, online: false },
      });
      await recordAudit(tx, tenantId, actor, {
        action: 'gateway.revoke',
        entityType: 'gateway',
        entityId: gateway.id,
        before: { status: gateway.status },
        after: { status: 'decommissioned', thingName: gateway.thingName },
      });
      return { gateway, revokedAt };
    });
    const { gateway, revokedAt } = revoked;
    await this.controlPlane.revokeGateway({
      thingName: gateway.thingName,
      certificateId: gateway.certificateId ?? '',
    });
    return { gatewayId: gateway.id, thingName: gateway.thingName, siteId: gateway.siteId, revokedAt };
  }
}
