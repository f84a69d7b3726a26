import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

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
    'A backfill that recomputes every KPI bucket (hour, shift, day, week) of a range from raw events, a day at a time for up to 1,000 machines at once (more in passes of 1,000). Retried with backoff, resuming where it stopped; a failed one stays visible (also in the queue dashboard).',
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

  @Field(() => Int, { description: 'Machines of the passes completed (a pass is up to 1,000 machines).' })
  machinesDone!: number;

  @Field(() => Float, { description: 'How far the backfill is, 0 to 100.' })
  percent!: number;

  @Field(() => Int, { description: 'Buckets written so far.' })
  buckets!: number;

  @Field(() => Int)
  attemptsMade!: number;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  failedReason!: string | null;
}
