import { ArgsType, Field } from '@nestjs/graphql';

@ArgsType()
export class KpiRangeArgs {
  @Field({ description: 'Start of the range (inclusive).' })
  from!: Date;

  @Field({ description: 'End of the range (exclusive); at most 31 days after from.' })
  to!: Date;
}
