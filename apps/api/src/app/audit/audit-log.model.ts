import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One change: who made it, what it was, the state before and after, and when.' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: Date;

  @Field({ description: '"<entity>.<verb>", e.g. "api_key.create", "membership.update".' })
  action!: string;

  @Field()
  entityType!: string;

  @Field(() => String, { nullable: true })
  entityId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The signed-in user who made the change.' })
  actorUserId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The API key that made the change.' })
  actorApiKeyId!: string | null;

  @Field(() => String, { nullable: true, description: 'The state before, as JSON text (never secrets).' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'The state after, as JSON text (never secrets).' })
  after!: string | null;
}

@ObjectType()
export class AuditEntryEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEntry)
  node!: AuditEntry;
}

@ObjectType()
export class AuditPageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as "after" for the next page.' })
  endCursor!: string | null;
}

@ObjectType()
export class AuditLogConnection {
  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];

  @Field(() => AuditPageInfo)
  pageInfo!: AuditPageInfo;
}

@InputType()
export class AuditLogFilterInput {
  @Field(() => String, { nullable: true, description: 'Exact action, e.g. "api_key.revoke".' })
  action?: string | null;

  @Field(() => String, { nullable: true })
  entityType?: string | null;

  @Field(() => String, { nullable: true })
  entityId?: string | null;

  @Field(() => ID, { nullable: true })
  actorUserId?: string | null;

  @Field(() => ID, { nullable: true })
  actorApiKeyId?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this time (inclusive).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until this time (exclusive).' })
  to?: Date | null;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => AuditLogFilterInput, { nullable: true })
  filter?: AuditLogFilterInput | null;

  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}
