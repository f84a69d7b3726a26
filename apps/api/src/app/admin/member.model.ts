import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Role } from '@convergent/platform-data-access-db';
import { ConnectionType, PageArgs } from '../graphql/connection';

@ObjectType({ description: 'A user who belongs to your tenant, with their role and sites.' })
export class Member {
  @Field(() => ID)
  userId!: string;

  @Field()
  email!: string;

  @Field()
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => [ID], { nullable: true, description: 'null: every site; otherwise the only sites they see.' })
  siteIds!: string[] | null;

  @Field({ description: 'false once an admin has deactivated them.' })
  active!: boolean;

  @Field()
  memberSince!: Date;
}

export const MemberConnection = ConnectionType(Member, 'A page of members, oldest first.');

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: active members only; false: deactivated only.',
  })
  active?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive part of the name or e-mail address.',
  })
  search?: string | null;
}

@ObjectType({
  description:
    'An invitation to join your tenant. The token is shown only in this answer: only its hash is stored.',
})
export class Invitation {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => [ID], { nullable: true })
  siteIds!: string[] | null;

  @Field()
  expiresAt!: Date;

  @Field({
    description: 'Give it to the invitee, who passes it to acceptInvitation. Shown once; valid 7 days.',
  })
  token!: string;
}

@ObjectType()
export class AcceptedInvitation {
  @Field()
  email!: string;

  @Field()
  tenantName!: string;

  @Field({ description: 'Pass it to login as tenantSlug if you belong to several tenants.' })
  tenantSlug!: string;
}

@InputType()
export class InviteUserInput {
  @Field()
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => [ID], { nullable: true, description: 'Leave out for every site.' })
  siteIds?: string[] | null;
}

@InputType()
export class UpdateMembershipInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => [ID], { nullable: true, description: 'null or left out: every site.' })
  siteIds?: string[] | null;
}
