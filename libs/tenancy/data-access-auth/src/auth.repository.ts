import {
  recordAudit,
  type Database,
  type PlatformRole,
  type Role,
} from '@convergent/platform-data-access-db';
import type { LoginState } from './login-lockout.service';

export interface UserCredentials {
  id: string;
  passwordHash: string | null;
  displayName: string;
  failedLoginCount: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
}

export interface UserAccount {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  // platform_admin: may operate the platform itself (queue dashboard), without a tenant.
  platformRole: PlatformRole;
}

export interface LoginStateDecision<T> {
  // null: leave the counters as they are.
  next: LoginState | null;
  result: T;
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
      failed_login_count: number;
      locked_until: Date | null;
      disabled_at: Date | null;
    }>(
      `SELECT id, password_hash, display_name, failed_login_count, locked_until, disabled_at FROM auth_user_by_email($1)`,
      [email],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          passwordHash: row.password_hash,
          displayName: row.display_name,
          failedLoginCount: row.failed_login_count,
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
        where: { userId, deactivatedAt: null, tenant: { status: 'active' } },
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
        where: { userId, deactivatedAt: null, tenant: { status: 'active' } },
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

  // Runs `decide` on one user's lockout counters while their row is locked, and stores its
  // verdict in the same transaction, so concurrent attempts (from any replica) are decided one by
  // one. Before a tenant is known, hence the SECURITY DEFINER functions of migration 0005.
  async decideLoginState<T>(
    userId: string,
    decide: (current: LoginState) => LoginStateDecision<T>,
  ): Promise<T> {
    return this.db.withSqlTransaction(async (sql) => {
      const [row] = await sql.query<{ failed_login_count: number; locked_until: Date | null }>(
        `SELECT failed_login_count, locked_until FROM auth_login_state_for_update($1)`,
        [userId],
      );
      const { next, result } = decide({
        failedLoginCount: row?.failed_login_count ?? 0,
        lockedUntil: row?.locked_until ?? null,
      });
      if (row && next)
        await sql.execute(`SELECT auth_set_login_state($1, $2, $3)`, [
          userId,
          next.failedLoginCount,
          next.lockedUntil,
        ]);
      return result;
    });
  }

  async setLoginState(userId: string, state: LoginState): Promise<void> {
    await this.db.pool.query(`SELECT auth_set_login_state($1, $2, $3)`, [
      userId,
      state.failedLoginCount,
      state.lockedUntil,
    ]);
  }

  // The signed-in user's own row (the users table's "self" policy).
  async accountById(userId: string): Promise<UserAccount | null> {
    return this.db.withUser(userId, (tx) =>
      tx.user.findUnique({
        where: { id: userId },
        select: {
          id: true,
          email: true,
          displayName: true,
          passwordHash: true,
          lockedUntil: true,
          disabledAt: true,
          platformRole: true,
        },
      }),
    );
  }

  // The password is global, but the change is audited in the tenant the user made it from, in the
  // same transaction (the hash itself never goes into the audit log).
  async setPasswordHash(userId: string, passwordHash: string, auditTenantId: string): Promise<void> {
    await this.db.withUser(userId, async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.tenant_id', ${auditTenantId}, true)`;
      await tx.user.update({ where: { id: userId }, data: { passwordHash } });
      await recordAudit(
        tx,
        auditTenantId,
        { userId },
        { action: 'user.change_password', entityType: 'user', entityId: userId },
      );
    });
  }
}
