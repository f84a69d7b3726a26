import { ArgsType, Field, ID } from '@nestjs/graphql';
import { KpiRangeArgs } from './kpi-range.args';

@ArgsType()
export class MachineKpisArgs extends KpiRangeArgs {
  @Field(() => ID)
  machineId!: string;
}
