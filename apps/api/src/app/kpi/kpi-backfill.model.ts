import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ArgsType()
export class StartKpiBackfillArgs {
  @Field({ description: 'Start of the range (inclusive); every bucket overlapping the range is recomputed.' })
  from!: Date;

  @Field({ description: 'End of the range (exclusive); at most 366 days after from.' })
  to!: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'Only the machines below this asset; all machines when omitted.',
  })
  assetId?: string | null;
}

@ObjectType({
  description:
    'A backfill that recomputes every KPI bucket (hour, shift, day, week) of a range from raw events. Progress counts machines; retried with backoff, and a failed one stays visible (also in the queue dashboard).',
})
export class KpiBackfillJob {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'waiting, delayed, active, completed or failed.' })
  state!: string;

  @Field()
  from!: Date;

  @Field()
  to!: Date;

  @Field(() => ID, { nullable: true })
  assetId!: string | null;

  @Field(() => Int, { nullable: true, description: 'Machines to compute, once the job has started.' })
  machines!: number | null;

  @Field(() => Int)
  machinesDone!: number;

  @Field(() => Int, { description: 'Buckets written so far.' })
  buckets!: number;

  @Field(() => Int)
  attemptsMade!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  failedReason!: string | null;
}
