import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@convergent/platform-data-access-db';

registerEnumType(Role, { name: 'Role', description: 'What a member may do in a tenant.' });

export enum ClientType {
  BROWSER = 'BROWSER',
  API = 'API',
}

registerEnumType(ClientType, {
  name: 'ClientType',
  description:
    'Who keeps the refresh token: a BROWSER gets it only as an httpOnly cookie, out of reach of page scripts; an API client (partner, CLI) also gets it in the response body.',
});

@ObjectType({ description: 'A signed-in session: send accessToken as "Authorization: Bearer <token>".' })
export class AuthPayload {
  @Field()
  accessToken!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      'Only for clientType API: exchange it with refreshSession before it expires; each use returns a new one and the old one stops working.',
  })
  refreshToken!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the refresh token expires (clientType API).' })
  refreshTokenExpiresAt!: Date | null;

  @Field(() => Role)
  role!: Role;

  @Field()
  tenantName!: string;

  @Field()
  userName!: string;
}
