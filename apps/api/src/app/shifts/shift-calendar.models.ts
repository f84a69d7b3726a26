import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, PageArgs } from '../graphql/connection';

@ObjectType({ description: 'A shift of a calendar, with its rotating crews.' })
export class Shift {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Local "HH:MM" in the site\'s zone; an end before the start crosses midnight.' })
  startTime!: string;

  @Field()
  endTime!: string;

  @Field(() => [Int], { description: 'ISO weekdays the shift starts on (1 = Monday).' })
  daysOfWeek!: number[];

  @Field(() => [String], {
    description: 'Rotating crews: crews[(ISO week + rotationOffset) mod crews.length] works.',
  })
  crews!: string[];

  @Field(() => Int)
  rotationOffset!: number;
}

@ObjectType({ description: 'A recurring planned stop (break, meal, planned maintenance slot).' })
export class PlannedStop {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  startTime!: string;

  @Field()
  endTime!: string;

  @Field(() => [Int])
  daysOfWeek!: number[];

  @Field(() => ID, { nullable: true, description: 'Its downtime reason code (planned loss class).' })
  reasonId!: string | null;
}

@ObjectType({ description: 'A day without production.' })
export class Holiday {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'YYYY-MM-DD' })
  date!: string;

  @Field()
  name!: string;
}

@ObjectType({
  description:
    "The shift calendar of an asset's subtree (usually a site); a deeper calendar wins. Its parts are small lists.",
})
export class ShiftCalendar {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  assetId!: string;

  @Field()
  name!: string;

  @Field()
  validFrom!: Date;

  @Field(() => [Shift])
  shifts!: Shift[];

  @Field(() => [PlannedStop])
  plannedStops!: PlannedStop[];

  @Field(() => [Holiday])
  holidays!: Holiday[];
}
export const ShiftCalendarConnection = ConnectionType(ShiftCalendar, 'A page of shift calendars, by name.');

@ArgsType()
export class ShiftCalendarsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only the calendars set on this asset.' })
  assetId?: string | null;
}

@InputType()
export class CreateShiftCalendarInput {
  @Field(() => ID)
  assetId!: string;

  @Field()
  name!: string;

  @Field(() => Date, { nullable: true, description: 'Default: now.' })
  validFrom?: Date | null;
}

// What shifts and planned stops have in common: a named local time span on weekdays.
@InputType({ isAbstract: true })
class RecurringSlotInput {
  @Field()
  name!: string;

  @Field({ description: 'Local "HH:MM".' })
  startTime!: string;

  @Field({ description: 'Local "HH:MM"; before startTime: crosses midnight.' })
  endTime!: string;

  @Field(() => [Int], { description: 'ISO weekdays 1 (Monday) to 7.' })
  daysOfWeek!: number[];
}

@InputType({ description: 'A shift; setting an existing name in the calendar replaces that shift.' })
export class ShiftInput extends RecurringSlotInput {
  @Field(() => [String], { nullable: true })
  crews?: string[] | null;

  @Field(() => Int, { nullable: true })
  rotationOffset?: number | null;
}

@InputType()
export class PlannedStopInput extends RecurringSlotInput {
  @Field(() => ID, { nullable: true })
  reasonId?: string | null;
}

@InputType()
export class HolidayInput {
  @Field({ description: 'YYYY-MM-DD' })
  date!: string;

  @Field()
  name!: string;
}
