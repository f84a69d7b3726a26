import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GatewayCommandStatus } from '@convergent/platform-data-access-db';
import {
  COMMAND_NAMES,
  DEFAULT_COMMAND_TIMEOUT_MS,
  MAX_COMMAND_TIMEOUT_MS,
  MIN_COMMAND_TIMEOUT_MS,
} from '@convergent/shared-util-contracts';
import { ConnectionType, PageArgs } from '../graphql/connection';

registerEnumType(GatewayCommandStatus, {
  name: 'GatewayCommandStatus',
  description:
    'pending until the first answer before the deadline (succeeded, failed) or the deadline (timed_out).',
});

@ObjectType({ description: "How the gateway's reported configuration differs from the desired one." })
export class ConfigDifference {
  @Field({
    description: 'The gateway runs the desired version and nothing differs (true when nothing is desired).',
  })
  inSync!: boolean;

  @Field(() => [String], {
    description: 'Paths whose values differ, machines by key, e.g. machines.press-2.source.host.',
  })
  paths!: string[];
}

@ObjectType({ description: 'A command sent to a gateway and what became of it.' })
export class GatewayCommand {
  @Field(() => ID, { description: 'Also the MQTT 5 correlation data of the request and its answer.' })
  id!: string;

  @Field(() => ID)
  gatewayId!: string;

  @Field({ description: `One of ${COMMAND_NAMES.join(', ')}.` })
  name!: string;

  @Field({ description: 'The arguments, as JSON text.' })
  args!: string;

  @Field(() => ID, { nullable: true })
  requestedByUserId!: string | null;

  @Field(() => ID, { nullable: true })
  requestedByApiKeyId!: string | null;

  @Field(() => Date)
  issuedAt!: Date;

  @Field(() => Date, { description: 'No answer by then: timed_out.' })
  deadline!: Date;

  @Field(() => GatewayCommandStatus)
  status!: GatewayCommandStatus;

  @Field(() => String, { nullable: true, description: "The gateway's result, as JSON text." })
  result!: string | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "The gateway's first answer as it came (JSON text), also one after the deadline.",
  })
  response!: string | null;

  @Field(() => Date, { nullable: true })
  respondedAt!: Date | null;
}
export const GatewayCommandConnection = ConnectionType(
  GatewayCommand,
  "A page of a gateway's commands, newest first.",
);

@ArgsType()
export class GatewayCommandsArgs extends PageArgs {
  @Field(() => GatewayCommandStatus, { nullable: true })
  status?: GatewayCommandStatus | null;
}

@ArgsType()
export class SetGatewayDesiredConfigArgs {
  @Field(() => ID)
  gatewayId!: string;

  @Field({
    description:
      'The whole configuration as JSON text, e.g. {"machines":["press-1"]} (schema: docs/device-protocol.md). Replaces the previous one.',
  })
  config!: string;
}

@ArgsType()
export class SendGatewayCommandArgs {
  @Field(() => ID)
  gatewayId!: string;

  @Field({ description: `One of ${COMMAND_NAMES.join(', ')}.` })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Arguments as a JSON object of strings, numbers and booleans.',
  })
  args?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `How long to wait for the answer: ${MIN_COMMAND_TIMEOUT_MS / 1000} to ${MAX_COMMAND_TIMEOUT_MS / 1000} seconds (default ${DEFAULT_COMMAND_TIMEOUT_MS / 1000}).`,
  })
  timeoutSeconds?: number | null;
}
