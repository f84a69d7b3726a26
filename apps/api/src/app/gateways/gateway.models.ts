import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GatewayStatus } from '@convergent/platform-data-access-db';
import { ConnectionType, PageArgs } from '../graphql/connection';

registerEnumType(GatewayStatus, { name: 'GatewayStatus', description: 'Where a gateway is in its life.' });

@ObjectType({ description: 'Which machine signal a gateway reads from which source tag.' })
export class TagMapping {
  @Field({ description: 'The signal on the machine (e.g. state, produced).' })
  signal!: string;

  @Field({ description: 'Where the gateway reads it (register, node id, ...).' })
  source!: string;
}

@ObjectType({ description: 'A machine a gateway serves, with the key it uses in its payloads.' })
export class GatewayMachine {
  @Field(() => ID)
  machineId!: string;

  @Field()
  sourceKey!: string;

  @Field(() => [TagMapping])
  tagMapping!: TagMapping[];
}

@ObjectType({ description: 'An edge gateway (an AWS IoT thing) at a site.' })
export class Gateway {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Its AWS IoT thing name and MQTT client id.' })
  thingName!: string;

  @Field(() => String, { nullable: true })
  serialNumber!: string | null;

  @Field(() => GatewayStatus)
  status!: GatewayStatus;

  @Field()
  online!: boolean;

  @Field(() => Date, { nullable: true })
  lastSeenAt!: Date | null;

  @Field(() => String, { nullable: true })
  agentVersion!: string | null;

  @Field(() => Date, { nullable: true })
  certificateExpiresAt!: Date | null;

  @Field(() => ID)
  siteId!: string;

  @Field(() => [GatewayMachine], { description: 'The machines it serves, by source key.' })
  machines!: GatewayMachine[];

  @Field(() => String, {
    nullable: true,
    description:
      'The configuration the cloud wants it to run, as JSON text (defaults filled in); null: none set.',
  })
  desiredConfig!: string | null;

  @Field(() => Int, {
    description: 'Grows by one with every change of the desired configuration; 0: none set.',
  })
  desiredVersion!: number;

  @Field(() => Date, { nullable: true })
  desiredSetAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The configuration it last reported running, as JSON text; null: it never reported.',
  })
  reportedConfig!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The desired version it runs (0: its local file) or rejected.',
  })
  reportedVersion!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'applied or rejected (it keeps the previous configuration).',
  })
  reportedStatus!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it rejected the desired configuration.' })
  reportedError!: string | null;

  @Field(() => Date, { nullable: true, description: 'When its last report arrived.' })
  reportedAt!: Date | null;
}
export const GatewayConnection = ConnectionType(Gateway, 'A page of gateways, by name.');

@ArgsType()
export class GatewaysArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  siteId?: string | null;

  @Field(() => Boolean, { nullable: true })
  online?: boolean | null;

  @Field(() => GatewayStatus, { nullable: true, description: 'Default: all but decommissioned.' })
  status?: GatewayStatus | null;
}
