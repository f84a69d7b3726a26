import {
  pagedQuery,
  recordAudit,
  type AuditActor,
  type Database,
  type PageRequest,
  type Paged,
  type Prisma,
  type Role,
  type TenantTx,
} from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';
import { assertSitesOfTenant, isUuid, replaceMembershipSites } from './site-selection';

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  // null: every site.
  siteIds: string[] | null;
  deactivatedAt: Date | null;
  memberSince: Date;
}

// A member as listed: `id` is the membership's, which pages are keyed on.
export interface ListedMember extends Member {
  id: string;
}

export interface MemberFilter {
  role?: Role;
  active?: boolean;
  // Case-insensitive part of the name or e-mail address.
  search?: string;
}

export interface MembershipChange {
  role: Role;
  siteIds: readonly string[] | null;
}

const MEMBER_INCLUDE = {
  user: { select: { email: true, displayName: true } },
  sites: { select: { siteId: true } },
} as const;

type MemberRow = {
  id: string;
  userId: string;
  role: Role;
  allSites: boolean;
  deactivatedAt: Date | null;
  createdAt: Date;
  user: { email: string; displayName: string };
  sites: Array<{ siteId: string }>;
};

function toMember(m: MemberRow): Member {
  return {
    userId: m.userId,
    email: m.user.email,
    displayName: m.user.displayName,
    role: m.role,
    siteIds: m.allSites ? null : m.sites.map((s) => s.siteId).sort(),
    deactivatedAt: m.deactivatedAt,
    memberSince: m.createdAt,
  };
}

function audited(m: Member) {
  return { email: m.email, role: m.role, siteIds: m.siteIds, active: m.deactivatedAt === null };
}

// Admins manage who belongs to their tenant. A tenant always keeps one active admin, or nobody
// could invite, promote or remove anyone again.
export class MemberRepository {
  constructor(private readonly db: Database) {}

  async page(tenantId: string, filter: MemberFilter, request: PageRequest): Promise<Paged<ListedMember>> {
    const search = filter.search?.trim();
    const where: Prisma.MembershipWhereInput = {
      ...(filter.role ? { role: filter.role } : {}),
      ...(filter.active !== undefined ? { deactivatedAt: filter.active ? null : { not: null } } : {}),
      ...(search
        ? {
            user: {
              OR: [
                { email: { contains: search, mode: 'insensitive' } },
                { displayName: { contains: search, mode: 'insensitive' } },
              ],
            },
          }
        : {}),
    };
    const page = await this.db.withTenant(tenantId, (tx) =>
      pagedQuery(
        request,
        (cursor) =>
          tx.membership.findMany({
            where,
            include: MEMBER_INCLUDE,
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            ...cursor,
          }),
        () => tx.membership.count({ where }),
      ),
    );
    return { rows: page.rows.map((row) => ({ ...toMember(row), id: row.id })), totalCount: page.totalCount };
  }

  async update(
    tenantId: string,
    actor: AuditActor,
    userId: string,
    change: MembershipChange,
  ): Promise<Member> {
    return this.db.withTenant(tenantId, async (tx) => {
      const before = await this.lockedMember(tx, userId);
      if (before.role === 'admin' && change.role !== 'admin')
        await this.assertAnotherAdmin(tx, userId, 'demote');
      await assertSitesOfTenant(tx, change.siteIds);
      const updated = await tx.membership.update({
        where: { tenantId_userId: { tenantId, userId } },
        data: { role: change.role, allSites: change.siteIds === null },
        select: { id: true },
      });
      await replaceMembershipSites(tx, tenantId, updated.id, change.siteIds);
      const after = await this.member(tx, userId);
      await recordAudit(tx, tenantId, actor, {
        action: 'membership.update',
        entityType: 'user',
        entityId: userId,
        before: audited(before),
        after: audited(after),
      });
      return after;
    });
  }

  // Ends the user's access to this tenant (their account and other tenants stay), and their
  // sessions here with it.
  async deactivate(tenantId: string, actor: AuditActor, userId: string, at: Date): Promise<Member> {
    return this.db.withTenant(tenantId, async (tx) => {
      const before = await this.lockedMember(tx, userId);
      if (before.deactivatedAt) throw new DomainError('CONFLICT', `${before.email} is already deactivated`);
      if (before.role === 'admin') await this.assertAnotherAdmin(tx, userId, 'deactivate');
      await tx.membership.update({
        where: { tenantId_userId: { tenantId, userId } },
        data: { deactivatedAt: at },
      });
      await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
      const after = await this.member(tx, userId);
      await recordAudit(tx, tenantId, actor, {
        action: 'membership.deactivate',
        entityType: 'user',
        entityId: userId,
        before: audited(before),
        after: audited(after),
      });
      return after;
    });
  }

  private async member(tx: TenantTx, userId: string): Promise<Member> {
    const row = isUuid(userId)
      ? await tx.membership.findFirst({ where: { userId }, include: MEMBER_INCLUDE })
      : null;
    if (!row) throw new DomainError('NOT_FOUND', `no member with user id "${userId}"`);
    return toMember(row);
  }

  // Every active admin row of the tenant is locked first, so two admins demoting each other at
  // once are decided one after the other and the second is refused.
  private async lockedMember(tx: TenantTx, userId: string): Promise<Member> {
    await tx.$queryRaw`SELECT id FROM memberships WHERE role = 'admin' AND deactivated_at IS NULL ORDER BY id FOR UPDATE`;
    return this.member(tx, userId);
  }

  private async assertAnotherAdmin(tx: TenantTx, userId: string, verb: string): Promise<void> {
    const others = await tx.membership.count({
      where: { role: 'admin', deactivatedAt: null, userId: { not: userId } },
    });
    if (others === 0)
      throw new DomainError(
        'CONFLICT',
        `cannot ${verb} the last admin of this tenant: make another member admin first`,
      );
  }
}
