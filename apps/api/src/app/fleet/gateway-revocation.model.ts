import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'A revoked gateway: its data is no longer accepted, it was disconnected, and its certificates no longer connect.',
})
export class GatewayRevocation {
  @Field(() => ID)
  gatewayId!: string;

  @Field({ description: 'The thing name (MQTT client id and certificate common name).' })
  thingName!: string;

  @Field(() => ID)
  siteId!: string;

  @Field()
  revokedAt!: Date;
}
