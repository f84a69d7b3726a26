import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CreateProvisioningClaimInput {
  @Field(() => ID, { description: 'The site the gateway will belong to.' })
  siteId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The gateway's serial number, when known: binds the claim to it.",
  })
  expectedSerial?: string | null;

  @Field(() => Int, {
    defaultValue: 60,
    description: 'How long the claim stays usable: 1 to 10080 minutes (a week).',
  })
  expiresInMinutes!: number;
}
