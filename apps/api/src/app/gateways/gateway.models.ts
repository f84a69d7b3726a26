import { ArgsType, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
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
