import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const MAX_TIMELINE_DAYS = 31;
export const MAX_SENSOR_DAYS = 366;
export const MAX_SENSOR_POINTS = 2000;
export const DEFAULT_SENSOR_POINTS = 500;

export enum ObservedMachineState {
  running = 'running',
  idle = 'idle',
  down = 'down',
  setup = 'setup',
  planned_stop = 'planned_stop',
  unknown = 'unknown',
}
registerEnumType(ObservedMachineState, {
  name: 'ObservedMachineState',
  description:
    'A state the machine reported, or unknown: no trustworthy state (before the first sample, after 15 minutes without one, while the gateway was silent).',
});

export enum SensorSourceValue {
  RAW = 'raw',
  MINUTE = '1m',
  HOUR = '1h',
}
registerEnumType(SensorSourceValue, {
  name: 'SensorSource',
  description: 'RAW: readings as sent; MINUTE / HOUR: the 1-minute or 1-hour rollups.',
});

@ObjectType({ description: 'A stretch of time in one state, clipped to the range asked for.' })
export class MachineStateInterval {
  @Field(() => ObservedMachineState) state!: ObservedMachineState;
  @Field(() => String, { nullable: true, description: 'The reason code the machine sent, if any.' })
  reasonCode!: string | null;
  @Field(() => String, { nullable: true, description: "The reason code's name in your downtime reasons." })
  reasonName!: string | null;
  @Field({ description: 'Inclusive.' }) start!: Date;
  @Field({ description: 'Exclusive.' }) end!: Date;
}

@ObjectType({ description: 'One point of a series: the readings of a bucket.' })
export class SensorPoint {
  @Field({ description: 'Start of the bucket.' }) at!: Date;
  @Field(() => Float) min!: number;
  @Field(() => Float) avg!: number;
  @Field(() => Float) max!: number;
  @Field(() => Int, { description: 'Readings in the bucket.' }) count!: number;
}

@ObjectType()
export class SensorMetricSeries {
  @Field() metric!: string;
  @Field(() => [SensorPoint], { description: 'Buckets without readings have no point (a gap).' })
  points!: SensorPoint[];
}

@ObjectType({ description: "A machine's telemetry over a range, per metric." })
export class MachineSensorSeries {
  @Field(() => SensorSourceValue) source!: SensorSourceValue;
  @Field(() => Float, { description: 'Width of each point, milliseconds.' }) bucketMs!: number;
  @Field(() => [SensorMetricSeries], { description: 'The metrics with readings in the range, by name.' })
  series!: SensorMetricSeries[];
}

@ArgsType()
export class MachineStateTimelineArgs {
  @Field(() => ID) machineId!: string;
  @Field({ description: 'Start of the range (inclusive).' }) from!: Date;
  @Field({ description: `End of the range (exclusive); at most ${MAX_TIMELINE_DAYS} days after from.` })
  to!: Date;
}

@ArgsType()
export class MachineSensorSeriesArgs {
  @Field(() => ID) machineId!: string;
  @Field({ description: 'Start of the range (inclusive).' }) from!: Date;
  @Field({ description: `End of the range (exclusive); at most ${MAX_SENSOR_DAYS} days after from.` })
  to!: Date;
  @Field(() => [String], { nullable: true, description: 'Only these metrics (default: all).' })
  metrics?: string[] | null;
  @Field(() => Int, {
    defaultValue: DEFAULT_SENSOR_POINTS,
    description: `At most this many points per metric, 1 to ${MAX_SENSOR_POINTS}.`,
  })
  maxPoints!: number;
}

@ObjectType({
  description:
    'How many machines in service below an asset are in each state now: the last state each reported in the last 15 minutes, else unknown (the rule of the state timeline).',
})
export class MachineStateCounts {
  @Field(() => Int) running!: number;
  @Field(() => Int) idle!: number;
  @Field(() => Int) setup!: number;
  @Field(() => Int) plannedStop!: number;
  @Field(() => Int) down!: number;
  @Field(() => Int) unknown!: number;
  @Field(() => Int, { description: 'All machines counted.' }) total!: number;
  @Field({ description: 'When the counts were taken.' }) at!: Date;
}
