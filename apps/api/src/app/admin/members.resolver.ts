import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  auditActorOf,
  InvitationService,
  MemberRepository,
  type Clock,
  type ListedMember,
  type Member as MemberRecord,
  type Principal,
} from '@convergent/tenancy-data-access-auth';
import { CLOCK } from '../auth/auth.tokens';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Public } from '../auth/public.decorator';
import { requireRole } from '../auth/require-role';
import { pageRequest, toConnection, type Connection } from '../graphql/connection';
import {
  AcceptedInvitation,
  Invitation,
  InviteUserInput,
  Member,
  MemberConnection,
  UpdateMembershipInput,
  UsersArgs,
} from './member.model';

function toMember(m: MemberRecord): Member {
  return {
    userId: m.userId,
    email: m.email,
    name: m.displayName,
    role: m.role,
    siteIds: m.siteIds,
    active: m.deactivatedAt === null,
    memberSince: m.memberSince,
  };
}

@Resolver(() => Member)
export class MembersResolver {
  constructor(
    @Inject(MemberRepository) private readonly members: MemberRepository,
    @Inject(InvitationService) private readonly invitations: InvitationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => MemberConnection, {
    description: "Admins: the tenant's members, deactivated ones included unless filtered out, oldest first.",
  })
  async users(
    @CurrentPrincipal() principal: Principal,
    @Args() args: UsersArgs,
  ): Promise<Connection<Member>> {
    requireRole(principal, ['admin'], 'list users');
    const request = pageRequest(args);
    const { rows, totalCount } = await this.members.page(
      principal.tenantId,
      {
        ...(args.role ? { role: args.role } : {}),
        ...(args.active != null ? { active: args.active } : {}),
        ...(args.search ? { search: args.search } : {}),
      },
      request,
    );
    return toConnection(
      rows.map((row: ListedMember) => ({ ...toMember(row), id: row.id })),
      request,
      totalCount,
    );
  }

  @Mutation(() => Invitation, {
    description:
      'Admins: invite someone by e-mail with a role and, optionally, only some sites. The token is shown once.',
  })
  async inviteUser(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: InviteUserInput,
  ): Promise<Invitation> {
    requireRole(principal, ['admin'], 'invite users');
    return this.invitations.invite(principal.tenantId, auditActorOf(principal), {
      email: input.email,
      role: input.role,
      siteIds: input.siteIds ?? null,
    });
  }

  @Public()
  @Mutation(() => AcceptedInvitation, {
    description:
      'Join a tenant with an invitation token. New users choose a password (at least 12 characters); people who already have an account enter its password. Then sign in with login.',
  })
  async acceptInvitation(
    @Args('token') token: string,
    @Args('password') password: string,
    @Args('name', { description: 'Your name as colleagues will see it.' }) name: string,
  ): Promise<AcceptedInvitation> {
    return this.invitations.accept(token, password, name);
  }

  @Mutation(() => Member, {
    description:
      "Admins: change a member's role and sites (siteIds null: every site). The last admin cannot be demoted.",
  })
  async updateMembership(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateMembershipInput,
  ): Promise<Member> {
    requireRole(principal, ['admin'], 'change memberships');
    const member = await this.members.update(principal.tenantId, auditActorOf(principal), input.userId, {
      role: input.role,
      siteIds: input.siteIds ?? null,
    });
    return toMember(member);
  }

  @Mutation(() => Member, {
    description:
      "Admins: end a member's access to this tenant and their sessions here (their account stays). The last admin cannot be deactivated.",
  })
  async deactivateUser(
    @CurrentPrincipal() principal: Principal,
    @Args('userId', { type: () => ID }) userId: string,
  ): Promise<Member> {
    requireRole(principal, ['admin'], 'deactivate users');
    return toMember(
      await this.members.deactivate(principal.tenantId, auditActorOf(principal), userId, this.clock.now()),
    );
  }
}
