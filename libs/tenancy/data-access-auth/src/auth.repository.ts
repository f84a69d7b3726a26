import type { Database, Role } from '@convergent/platform-data-access-db';

export interface UserCredentials {
  id: string;
  passwordHash: string | null;
  displayName: string;
  lockedUntil: Date | null;
  disabledAt: Date | null;
}

export interface MembershipAccess {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  role: Role;
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

  // The signed-in user's memberships across tenants (own_memberships policy), oldest first.
  async membershipsOf(userId: string): Promise<MembershipAccess[]> {
    return this.db.withUser(userId, async (tx) => {
      const memberships = await tx.membership.findMany({
        where: { userId, tenant: { status: 'active' } },
        include: { tenant: { select: { name: true, slug: true } }, sites: { select: { siteId: true } } },
        orderBy: { createdAt: 'asc' },
      });
      return memberships.map((m) => ({
        tenantId: m.tenantId,
        tenantName: m.tenant.name,
        tenantSlug: m.tenant.slug,
        role: m.role,
        siteIds: m.allSites ? null : m.sites.map((s) => s.siteId),
      }));
    });
  }

  async membershipIn(userId: string, tenantId: string): Promise<MembershipAccess | null> {
    const all = await this.membershipsOf(userId);
    return all.find((m) => m.tenantId === tenantId) ?? null;
  }
}
