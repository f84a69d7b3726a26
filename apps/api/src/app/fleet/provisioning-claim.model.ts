import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'A one-time provisioning claim for a site. The token is shown only in this answer: only its hash is stored.',
})
export class ProvisioningClaim {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  siteId!: string;

  @Field({ description: 'Give it to the gateway: edge-agent provision --token <token>. Shown once.' })
  token!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Only a gateway reporting this serial number may use the claim.',
  })
  expectedSerial!: string | null;

  @Field({ description: 'The same token as JSON, for a QR code the technician scans at the gateway.' })
  qrPayload!: string;
}
