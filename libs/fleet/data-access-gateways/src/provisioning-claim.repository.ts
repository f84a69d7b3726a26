import { recordAudit, type AuditActor, type Database } from '@convergent/platform-data-access-db';
import { hashClaimToken, newClaimToken } from './claim-token';
import { DomainError } from '@convergent/shared-util-contracts';

export interface CreateClaimOptions {
  // Default one hour; at most a week.
  expiresInMs?: number;
  // When given, only a gateway reporting this serial number may use the claim.
  expectedSerial?: string;
  // Who asks for it: a signed-in user or an API key (audited; a user is also stored as creator).
  actor?: AuditActor;
}

export interface CreatedClaim {
  claimId: string;
  // Shown once; only its hash is stored.
  token: string;
  siteId: string;
  expiresAt: Date;
  expectedSerial: string | null;
}

export interface GatewayRegistration {
  thingName: string;
  serialNumber: string | undefined;
  certificateId: string;
  certificateFingerprint: string;
  certificateExpiresAt: Date;
}

export const CLAIM_REFUSALS = [
  'unknown',
  'used',
  'expired',
  'wrong-serial',
  'locked',
  'thing-name-taken',
] as const;
export type ClaimRefusal = (typeof CLAIM_REFUSALS)[number];

export type ConsumeClaimResult =
  | { outcome: 'accepted'; claimId: string; tenantId: string; siteId: string; gatewayId: string }
  | { outcome: ClaimRefusal; claimId: string | null };

interface ConsumeRow {
  outcome: string;
  claim_id: string | null;
  tenant_id: string | null;
  site_id: string | null;
  gateway_id: string | null;
}

export const DEFAULT_CLAIM_TTL_MS = 60 * 60 * 1000;
const MAX_CLAIM_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export class ProvisioningClaimRepository {
  constructor(private readonly db: Database) {}

  async create(tenantId: string, siteId: string, options: CreateClaimOptions = {}): Promise<CreatedClaim> {
    const ttl = options.expiresInMs ?? DEFAULT_CLAIM_TTL_MS;
    if (!Number.isInteger(ttl) || ttl < 60_000 || ttl > MAX_CLAIM_TTL_MS) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `a claim must expire between one minute and one week from now, got ${Math.round(ttl / 60_000)} minutes`,
      );
    }
    const expectedSerial = options.expectedSerial?.trim() || null;
    if (expectedSerial !== null && expectedSerial.length > 128) {
      throw new DomainError('BAD_USER_INPUT', 'a serial number has at most 128 characters');
    }
    const token = newClaimToken();
    const expiresAt = new Date(Date.now() + ttl);
    return this.db.withTenant(tenantId, async (tx) => {
      const site = await tx.asset.findFirst({ where: { id: siteId, kind: 'site' }, select: { id: true } });
      if (site === null) throw new DomainError('NOT_FOUND', `no site with id "${siteId}"`);
      const claim = await tx.provisioningClaim.create({
        data: {
          tenantId,
          siteId,
          tokenHash: hashClaimToken(token),
          expectedSerial,
          expiresAt,
          createdById: options.actor?.userId ?? null,
        },
        select: { id: true },
      });
      // Who may put gateways on a site is worth an audit trail; the token itself is never written.
      await recordAudit(tx, tenantId, options.actor ?? {}, {
        action: 'provisioning_claim.create',
        entityType: 'provisioning_claim',
        entityId: claim.id,
        after: { siteId, expiresAt: expiresAt.toISOString(), expectedSerial },
      });
      return { claimId: claim.id, token, siteId, expiresAt, expectedSerial };
    });
  }

  // Runs before the tenant is known (the gateway only has its token): the SECURITY DEFINER function
  // of migration 0006 consumes the claim and registers the gateway in one transaction, or says why not
  // and counts the failed attempt against the claim.
  async consume(token: string, gateway: GatewayRegistration): Promise<ConsumeClaimResult> {
    const { rows } = await this.db.pool.query<ConsumeRow>(
      `SELECT outcome, claim_id, tenant_id, site_id, gateway_id
       FROM fleet_consume_provisioning_claim($1, $2, $3, $4, $5, $6)`,
      [
        hashClaimToken(token),
        gateway.thingName,
        gateway.serialNumber ?? null,
        gateway.certificateId,
        gateway.certificateFingerprint,
        gateway.certificateExpiresAt,
      ],
    );
    const row = rows[0];
    if (row === undefined) throw new Error('fleet_consume_provisioning_claim returned no row');
    if (row.outcome === 'accepted') {
      if (row.claim_id === null || row.tenant_id === null || row.site_id === null || row.gateway_id === null)
        throw new Error('fleet_consume_provisioning_claim accepted without ids');
      return {
        outcome: 'accepted',
        claimId: row.claim_id,
        tenantId: row.tenant_id,
        siteId: row.site_id,
        gatewayId: row.gateway_id,
      };
    }
    if (!isClaimRefusal(row.outcome)) throw new Error(`unexpected claim outcome ${row.outcome}`);
    return { outcome: row.outcome, claimId: row.claim_id };
  }

  async thingNameTaken(thingName: string): Promise<boolean> {
    const { rows } = await this.db.pool.query<{ taken: boolean }>(
      'SELECT fleet_thing_name_taken($1) AS taken',
      [thingName],
    );
    return rows[0]?.taken === true;
  }
}

function isClaimRefusal(value: string): value is ClaimRefusal {
  return (CLAIM_REFUSALS as readonly string[]).includes(value);
}
