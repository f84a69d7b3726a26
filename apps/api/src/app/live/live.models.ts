import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A machine changed state (running, stopped, ...).' })
export class MachineStateChange {
  @Field(() => ID)
  machineId!: string;

  @Field(() => ID)
  siteId!: string;

  @Field({ description: 'running, idle, down, setup or planned_stop.' })
  state!: string;

  @Field({ description: 'When the machine changed state.' })
  at!: string;
}

@ObjectType({ description: "A machine's KPIs were (re)computed: fetch the bucket again to show it." })
export class KpiUpdate {
  @Field(() => ID)
  machineId!: string;

  @Field(() => ID)
  siteId!: string;

  @Field({ description: "'hour' results, or the live 'shift' so-far figures." })
  granularity!: string;

  @Field()
  bucketStart!: string;

  @Field()
  at!: string;
}

@ObjectType({ description: 'An alarm was raised, acknowledged, cleared or shelved.' })
export class AlarmChange {
  @Field(() => ID)
  alarmId!: string;

  @Field(() => ID)
  assetId!: string;

  @Field(() => ID)
  siteId!: string;

  @Field()
  at!: string;
}

@ObjectType({ description: 'A gateway came online or went offline.' })
export class GatewayPresenceChange {
  @Field(() => ID)
  gatewayId!: string;

  @Field(() => ID)
  siteId!: string;

  @Field()
  online!: boolean;

  @Field()
  at!: string;
}

@ObjectType({
  description:
    "A gateway's twin changed: its desired configuration was published, it reported its configuration, or a command was answered or timed out.",
})
export class GatewayTwinChange {
  @Field(() => ID)
  gatewayId!: string;

  @Field(() => ID)
  siteId!: string;

  @Field({ description: 'desired, reported or command.' })
  change!: string;

  @Field(() => ID, { nullable: true, description: 'The command, for change "command".' })
  commandId?: string;

  @Field()
  at!: string;
}
