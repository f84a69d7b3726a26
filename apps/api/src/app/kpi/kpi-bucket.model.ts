import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'KPIs of one asset for one time bucket (ISO 22400-2). Ratios are fractions (0.8125 = 81.25 %), null when not applicable. Times are milliseconds.',
})
export class KpiBucket {
  @Field()
  bucketStart!: Date;

  @Field()
  bucketEnd!: Date;

  @Field(() => Float, { nullable: true, description: 'Run time / planned busy time.' })
  availability!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Ideal cycle time × produced / run time; may exceed 1.',
  })
  effectiveness!: number | null;

  @Field(() => Float, { nullable: true, description: 'Good / produced.' })
  quality!: number | null;

  @Field(() => Float, { nullable: true, description: 'Availability × effectiveness × quality.' })
  oee!: number | null;

  @Field(() => Float, { description: 'PBT: planned operation time minus planned downtime.' })
  plannedBusyTimeMs!: number;

  @Field(() => Float, { description: 'APT: time the machine was running.' })
  runTimeMs!: number;

  @Field(() => Float, { description: 'ASUT: changeover time.' })
  setupTimeMs!: number;

  @Field(() => Float, { description: 'ADET: unplanned stops, breakdowns and minor stops.' })
  unplannedStopTimeMs!: number;

  @Field(() => Float, { description: 'Planned time with no trustworthy state (gateway offline, no data).' })
  unknownTimeMs!: number;

  @Field(() => Float, {
    description: 'Ideal cycle time × produced: what the output would have taken at full speed.',
  })
  idealProductionMs!: number;

  @Field(() => Float, {
    description: 'Ideal cycle time × good quantity; Σ of it / Σ planned busy time is the OEE of a group.',
  })
  idealGoodMs!: number;

  @Field(() => Int)
  producedQuantity!: number;

  @Field(() => Int)
  scrapQuantity!: number;

  @Field(() => Int)
  reworkQuantity!: number;

  @Field(() => String, { nullable: true, description: 'The shift, for shift buckets.' })
  shiftName!: string | null;

  @Field(() => Float, { description: 'POT: planned operation time from the shift calendar.' })
  plannedOperationTimeMs!: number;

  @Field(() => Float, { description: 'PDT: planned stops (breaks, planned maintenance) inside POT.' })
  plannedDowntimeMs!: number;

  @Field(() => Float, { description: 'Breakdowns: the part of unplanned stop time the machine was down.' })
  breakdownTimeMs!: number;

  @Field(() => Float, { description: 'Minor stops: the part of unplanned stop time the machine was idle.' })
  minorStopTimeMs!: number;

  @Field(() => Float, { nullable: true, description: 'Run time / (run time + unplanned stop time).' })
  technicalEfficiency!: number | null;

  @Field(() => Float, { nullable: true, description: 'Setup time / (setup time + run time).' })
  setupRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Scrap / produced.' })
  scrapRatio!: number | null;

  @Field(() => Float, { nullable: true, description: 'Unknown time / planned operation time.' })
  unknownShare!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Failures: transitions into down inside planned busy time.',
  })
  failureCount!: number | null;

  @Field(() => Float, { nullable: true, description: 'MTBF: run time / failures; null without failures.' })
  mtbfMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'MTTR: down time / failures; null without failures.' })
  mttrMs!: number | null;

  @Field({ description: 'false while the bucket is still open or may receive late data.' })
  final!: boolean;
}
