import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor, type Database, type Role } from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';
import type { AuthRepository } from './auth.repository';
import type { Clock } from './clock.service';
import { checkPasswordCounted } from './counted-password-check';
import { hashPassword } from './password-hasher';
import { assertAcceptablePassword } from './password-policy.service';
import { assertSitesOfTenant, replaceMembershipSites } from './site-selection';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
const MAX_NAME_LENGTH = 100;
// Deliberately loose (one @, a dot in the domain, no spaces): the invitation itself proves the address.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface InviteRequest {
  email: string;
  role: Role;
  siteIds: readonly string[] | null;
}

export interface CreatedInvitation {
  id: string;
  email: string;
  role: Role;
  siteIds: string[] | null;
  expiresAt: Date;
  // Shown in this answer only; the admin passes it on to the invitee.
  token: string;
}

export interface AcceptedInvitation {
  userId: string;
  email: string;
  tenantName: string;
  tenantSlug: string;
}

interface StoredInvitation {
  id: string;
  tenant_id: string;
  email: string;
  role: Role;
  all_sites: boolean;
  site_ids: string[] | null;
  expires_at: Date;
  accepted_at: Date | null;
}

function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class InvitationService {
  constructor(
    private readonly db: Database,
    private readonly accounts: AuthRepository,
    private readonly clock: Clock,
    private readonly ttlMs = INVITATION_TTL_MS,
  ) {}

  async invite(tenantId: string, actor: AuditActor, request: InviteRequest): Promise<CreatedInvitation> {
    const email = request.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254)
      throw new DomainError('BAD_USER_INPUT', `"${request.email}" is not an e-mail address`, {
        field: 'email',
      });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs);
    const siteIds = request.siteIds ? [...new Set(request.siteIds)] : null;
    return this.db.withTenant(tenantId, async (tx) => {
      await assertSitesOfTenant(tx, siteIds);
      const member = await tx.membership.findFirst({
        where: { user: { email }, deactivatedAt: null },
        select: { id: true },
      });
      if (member)
        throw new DomainError('CONFLICT', `${email} is already a member of this tenant`, { field: 'email' });
      const invitation = await tx.invitation.create({
        data: {
          tenantId,
          email,
          role: request.role,
          allSites: siteIds === null,
          siteIds: siteIds ?? [],
          tokenHash: hashInvitationToken(token),
          expiresAt,
          createdById: actor.userId ?? null,
        },
        select: { id: true },
      });
      await recordAudit(tx, tenantId, actor, {
        action: 'invitation.create',
        entityType: 'invitation',
        entityId: invitation.id,
        after: { email, role: request.role, siteIds, expiresAt: expiresAt.toISOString() },
      });
      return { id: invitation.id, email, role: request.role, siteIds, expiresAt, token };
    });
  }

  // The invitee is not signed in: the token is their credential. A new person chooses a password;
  // someone who already has an account (in another tenant) proves it is theirs with its password,
  // so an invitation can never take over an existing account.
  async accept(token: string, password: string, displayName: string): Promise<AcceptedInvitation> {
    const name = displayName.trim();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH)
      throw new DomainError('BAD_USER_INPUT', `your name must have 1 to ${MAX_NAME_LENGTH} characters`, {
        field: 'name',
      });
    const invitation = await this.find(token);
    const existing = await this.accounts.credentialsByEmail(invitation.email);
    if (existing?.disabledAt)
      throw new DomainError('FORBIDDEN', 'this account is disabled: ask your administrator');
    if (existing?.passwordHash) {
      // Counted like a sign-in: an invitation must not become a way to guess someone's password.
      if (!(await checkPasswordCounted(this.accounts, existing, password, this.clock.now())))
        throw new DomainError(
          'BAD_USER_INPUT',
          `${invitation.email} already has an account: enter its current password to join`,
          { field: 'password' },
        );
    } else {
      assertAcceptablePassword(password, invitation.email, 'password');
    }
    const passwordHash = existing?.passwordHash ? null : await hashPassword(password);
    const userId = existing?.id ?? randomUUID();
    const now = this.clock.now();
    return this.db.withTenant(invitation.tenant_id, async (tx) => {
      // The new member's own row is visible to this transaction (users' "self" policy) before
      // their membership exists.
      await tx.$queryRaw`SELECT set_config('app.user_id', ${userId}, true)`;
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null },
        data: { acceptedAt: now, acceptedById: userId },
      });
      if (claimed.count === 0) throw used();
      if (!existing)
        await tx.user.create({ data: { id: userId, email: invitation.email, displayName: name } });
      if (passwordHash) await tx.user.update({ where: { id: userId }, data: { passwordHash } });
      // Sites deleted since the invitation was sent are dropped rather than failing the acceptance.
      const siteIds = invitation.all_sites
        ? null
        : (
            await tx.asset.findMany({
              where: { id: { in: invitation.site_ids ?? [] }, kind: 'site' },
              select: { id: true },
            })
          ).map((s) => s.id);
      const membership = await tx.membership.upsert({
        where: { tenantId_userId: { tenantId: invitation.tenant_id, userId } },
        create: { tenantId: invitation.tenant_id, userId, role: invitation.role, allSites: siteIds === null },
        update: { role: invitation.role, allSites: siteIds === null, deactivatedAt: null },
        select: { id: true },
      });
      await replaceMembershipSites(tx, invitation.tenant_id, membership.id, siteIds);
      await recordAudit(
        tx,
        invitation.tenant_id,
        { userId },
        {
          action: 'invitation.accept',
          entityType: 'invitation',
          entityId: invitation.id,
          after: { email: invitation.email, userId, role: invitation.role, siteIds, newAccount: !existing },
        },
      );
      const tenant = await tx.tenant.findUniqueOrThrow({
        where: { id: invitation.tenant_id },
        select: { name: true, slug: true },
      });
      return { userId, email: invitation.email, tenantName: tenant.name, tenantSlug: tenant.slug };
    });
  }

  private async find(token: string): Promise<StoredInvitation> {
    const { rows } = await this.db.pool.query<StoredInvitation>(
      `SELECT id, tenant_id, email, role, all_sites, site_ids, expires_at, accepted_at FROM auth_invitation_by_hash($1)`,
      [hashInvitationToken(token)],
    );
    const invitation = rows[0];
    if (!invitation)
      throw new DomainError(
        'NOT_FOUND',
        'this invitation is not valid: check the link, or ask for a new one',
      );
    if (invitation.accepted_at) throw used();
    if (invitation.expires_at.getTime() <= this.clock.now().getTime())
      throw new DomainError(
        'BAD_USER_INPUT',
        `this invitation expired at ${invitation.expires_at.toISOString()}: ask your administrator for a new one`,
      );
    return invitation;
  }
}

function used(): DomainError {
  return new DomainError('CONFLICT', 'this invitation was already used: sign in instead');
}
