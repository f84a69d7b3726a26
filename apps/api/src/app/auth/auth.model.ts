import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@convergent/platform-data-access-db';

registerEnumType(Role, { name: 'Role', description: 'What a member may do in a tenant.' });

@ObjectType({ description: 'A signed-in session: send accessToken as "Authorization: Bearer <token>".' })
export class AuthPayload {
  @Field()
  accessToken!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => Role)
  role!: Role;

  @Field()
  tenantName!: string;

  @Field()
  userName!: string;
}
