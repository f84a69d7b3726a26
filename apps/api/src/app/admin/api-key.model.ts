import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, PageArgs } from '../graphql/connection';

export enum ApiDomainValue {
  assets = 'assets',
  kpi = 'kpi',
  fleet = 'fleet',
  alarms = 'alarms',
  admin = 'admin',
}

export enum ApiAccessValue {
  READ = 'read',
  READ_WRITE = 'read-write',
}

registerEnumType(ApiDomainValue, {
  name: 'ApiDomain',
  description:
    'A part of the API an API key may be given: assets (the asset tree), kpi, fleet (gateways, provisioning), alarms, admin (members, invitations, the audit log; never API keys themselves).',
});
registerEnumType(ApiAccessValue, {
  name: 'ApiAccess',
  description: 'READ: queries and subscriptions only. READ_WRITE: mutations too.',
});

@ObjectType('ApiScope')
@InputType('ApiScopeInput')
export class ApiScopeModel {
  @Field(() => ApiDomainValue)
  domain!: ApiDomainValue;

  @Field(() => ApiAccessValue)
  access!: ApiAccessValue;
}

@ObjectType({ description: "A partner's API key. The secret is never shown again after createApiKey." })
export class ApiKey {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The public start of the key (cvk_<prefix>_…), to tell keys apart.' })
  prefix!: string;

  @Field(() => [ApiScopeModel])
  scopes!: ApiScopeModel[];

  @Field(() => ID, { nullable: true, description: 'The admin who created it.' })
  createdById!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Last request made with it, to the minute.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'null: it does not expire.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

export const ApiKeyConnection = ConnectionType(ApiKey, 'A page of API keys, newest first.');

@ArgsType()
export class ApiKeysArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'true: revoked keys only; false: unrevoked only.' })
  revoked?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: keys past their expiresAt only; false: keys that have not expired (or never do).',
  })
  expired?: boolean | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field({
    description:
      'The whole key, shown only in this answer (only a hash is stored): send it as "X-Api-Key: <key>" or "Authorization: Bearer <key>".',
  })
  key!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "ERP sync (Acme)": 1 to 100 characters.' })
  name!: string;

  @Field(() => [ApiScopeModel], { description: 'One entry per domain the key may use.' })
  scopes!: ApiScopeModel[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; leave out for never.' })
  expiresAt?: Date | null;
}
