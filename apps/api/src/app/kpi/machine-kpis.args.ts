import { ArgsType, Field, ID } from '@nestjs/graphql';

@ArgsType()
export class MachineKpisArgs {
  @Field(() => ID)
  machineId!: string;

  @Field({ description: 'Start of the range (inclusive).' })
  from!: Date;

  @Field({ description: 'End of the range (exclusive); at most 31 days after from.' })
  to!: Date;
}
