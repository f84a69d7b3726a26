import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LossClass } from '@convergent/platform-data-access-db';

registerEnumType(LossClass, {
  name: 'LossClass',
  description: 'The six big losses plus planned downtime; every downtime reason code belongs to one.',
});

@ObjectType({
  description:
    'The loss waterfall (six big losses, ISO 22400 / KPI.md) in milliseconds: plannedBusyTime − breakdowns − setup − minorStops − unknown = runTime; runTime − reducedSpeed − startupRejects − productionRejects = fullyProductiveTime. Values needing an ideal cycle time are null without one.',
})
export class LossWaterfall {
  @Field()
  from!: Date;

  @Field()
  to!: Date;

  @Field(() => Int, { description: 'Machines whose events were read.' })
  machines!: number;

  @Field(() => Float)
  plannedOperationTimeMs!: number;

  @Field(() => Float)
  plannedDowntimeMs!: number;

  @Field(() => Float)
  plannedBusyTimeMs!: number;

  @Field(() => Float, { description: 'Availability loss: down time.' })
  breakdownsMs!: number;

  @Field(() => Float, { description: 'Availability loss: changeovers.' })
  setupMs!: number;

  @Field(() => Float, { description: 'Performance loss: idle time.' })
  minorStopsMs!: number;

  @Field(() => Float, {
    description: 'Not a loss class: time without trustworthy state, shown so it is never hidden.',
  })
  unknownMs!: number;

  @Field(() => Float)
  runTimeMs!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Performance loss: run time − ideal cycle time × produced.',
  })
  reducedSpeedMs!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Quality loss: rejects within 15 minutes after a setup.',
  })
  startupRejectsMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'Quality loss: the other scrap and rework.' })
  productionRejectsMs!: number | null;

  @Field(() => Float, { nullable: true, description: 'Ideal cycle time × good quantity.' })
  fullyProductiveTimeMs!: number | null;

  @Field({ description: 'A machine produced faster than its ideal cycle time (reduced speed floored at 0).' })
  speedAboveIdeal!: boolean;
}

@ObjectType({ description: 'Unplanned stop time of one reason, for the downtime Pareto.' })
export class DowntimeParetoEntry {
  @Field({ description: 'Machine state: down, idle or setup.' })
  state!: string;

  @Field(() => String, { nullable: true, description: 'The reason code the machine reported.' })
  reasonCode!: string | null;

  @Field(() => String, { nullable: true, description: "The code's name in the tenant's reason list." })
  reasonName!: string | null;

  @Field(() => LossClass, { description: "The code's loss class; by state when the code is not configured." })
  lossClass!: LossClass;

  @Field(() => Float)
  durationMs!: number;

  @Field(() => Float, { description: 'Share of all unplanned stop time (fraction).' })
  share!: number;

  @Field(() => Float, { description: 'Running share, largest first (the 80 % line).' })
  cumulativeShare!: number;
}
