import type { Database, Role } from '@convergent/platform-data-access-db';

export interface UserCredentials {
  id: string;
  passwordHash: string | null;
  displayName: string;
  lockedUntil: Date | null;
  disabledAt: Date | null;
}

export interface TenantMembership {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  role: Role;
}

export interface MembershipAccess extends TenantMembership {
  siteIds: string[] | null;
}

export class AuthRepository {
  constructor(private readonly db: Database) {}

  async credentialsByEmail(email: string): Promise<UserCredentials | null> {
    const { rows } = await this.db.pool.query<{
      id: string;
      password_hash: string | null;
      display_name: string;
      locked_until: Date | null;
      disabled_at: Date | null;
    }>(`SELECT id, password_hash, display_name, locked_until, disabled_at FROM auth_user_by_email($1)`, [
      email,
    ]);
    const row = rows[0];
    return row
      ? {
          id: row.id,
          passwordHash: row.password_hash,
          displayName: row.display_name,
          lockedUntil: row.locked_until,
          disabledAt: row.disabled_at,
        }
      : null;
  }

  // The tenants a signed-in user belongs to (own_memberships policy), oldest first; site access
  // is read per tenant by membershipIn().
  async membershipsOf(userId: string): Promise<TenantMembership[]> {
    return this.db.withUser(userId, async (tx) => {
      const memberships = await tx.membership.findMany({
        where: { userId, tenant: { status: 'active' } },
        include: { tenant: { select: { name: true, slug: true } } },
        orderBy: { createdAt: 'asc' },
      });
      return memberships.map((m) => ({
        tenantId: m.tenantId,
        tenantName: m.tenant.name,
        tenantSlug: m.tenant.slug,
        role: m.role,
      }));
    });
  }

  // The user's access within one tenant, read under that tenant (membership_sites is tenant-owned).
  async membershipIn(userId: string, tenantId: string): Promise<MembershipAccess | null> {
    return this.db.withTenant(tenantId, async (tx) => {
      const m = await tx.membership.findFirst({
        where: { userId, tenant: { status: 'active' } },
        include: { tenant: { select: { name: true, slug: true } }, sites: { select: { siteId: true } } },
      });
      return m
        ? {
            tenantId: m.tenantId,
            tenantName: m.tenant.name,
            tenantSlug: m.tenant.slug,
            role: m.role,
            siteIds: m.allSites ? null : m.sites.map((s) => s.siteId),
          }
        : null;
    });
  }
}
