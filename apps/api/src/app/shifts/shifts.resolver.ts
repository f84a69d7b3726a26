import { Args, ID, Mutation, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { ShiftCalendarRepository, type ShiftCalendarRecord } from '@convergent/assets-data-access-assets';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { auditActor } from '../auth/audit-actor';
import { pageRequest, toConnection, type Connection } from '../graphql/connection';
import {
  CreateShiftCalendarInput,
  HolidayInput,
  PlannedStopInput,
  ShiftCalendar,
  ShiftCalendarConnection,
  ShiftCalendarsArgs,
  ShiftInput,
} from './shift-calendar.models';

export enum CalendarPart {
  SHIFT = 'shift',
  PLANNED_STOP = 'planned_stop',
  HOLIDAY = 'holiday',
}
registerEnumType(CalendarPart, { name: 'CalendarPart', description: 'A part of a shift calendar.' });

function toModel(calendar: ShiftCalendarRecord): ShiftCalendar {
  return {
    ...calendar,
    holidays: calendar.holidays.map((h) => ({ ...h, date: h.date.toISOString().slice(0, 10) })),
  };
}

// Shift calendars: readable by every member who sees the calendar's asset, kept by admins.
@Resolver(() => ShiftCalendar)
export class ShiftsResolver {
  constructor(private readonly calendars: ShiftCalendarRepository) {}

  @Query(() => ShiftCalendarConnection)
  async shiftCalendars(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ShiftCalendarsArgs,
  ): Promise<Connection<ShiftCalendar>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.calendars.page(principal, args.assetId ?? undefined, request);
    return toConnection(rows.map(toModel), request, totalCount);
  }

  @Mutation(() => ShiftCalendar, { description: "Admins: a new, empty calendar for an asset's subtree." })
  async createShiftCalendar(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateShiftCalendarInput,
  ): Promise<ShiftCalendar> {
    requireRole(principal, ['admin'], 'change shift calendars');
    return toModel(await this.calendars.create(principal, auditActor(principal), input));
  }

  @Mutation(() => ID, {
    description: 'Admins: delete a calendar with its shifts, planned stops and holidays.',
  })
  async deleteShiftCalendar(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<string> {
    requireRole(principal, ['admin'], 'change shift calendars');
    return (await this.calendars.delete(principal, auditActor(principal), id)).id;
  }

  @Mutation(() => ShiftCalendar, { description: 'Admins: add a shift, or replace the one of the same name.' })
  async setShift(
    @CurrentPrincipal() principal: Principal,
    @Args('calendarId', { type: () => ID }) calendarId: string,
    @Args('input') input: ShiftInput,
  ): Promise<ShiftCalendar> {
    requireRole(principal, ['admin'], 'change shift calendars');
    return toModel(await this.calendars.setShift(principal, auditActor(principal), calendarId, input));
  }

  @Mutation(() => ShiftCalendar, { description: 'Admins: add a recurring planned stop.' })
  async addPlannedStop(
    @CurrentPrincipal() principal: Principal,
    @Args('calendarId', { type: () => ID }) calendarId: string,
    @Args('input') input: PlannedStopInput,
  ): Promise<ShiftCalendar> {
    requireRole(principal, ['admin'], 'change shift calendars');
    return toModel(await this.calendars.addPlannedStop(principal, auditActor(principal), calendarId, input));
  }

  @Mutation(() => ShiftCalendar, { description: 'Admins: add a holiday (one per date).' })
  async addHoliday(
    @CurrentPrincipal() principal: Principal,
    @Args('calendarId', { type: () => ID }) calendarId: string,
    @Args('input') input: HolidayInput,
  ): Promise<ShiftCalendar> {
    requireRole(principal, ['admin'], 'change shift calendars');
    return toModel(await this.calendars.addHoliday(principal, auditActor(principal), calendarId, input));
  }

  @Mutation(() => ShiftCalendar, {
    description: 'Admins: remove a shift, planned stop or holiday; returns its calendar.',
  })
  async removeCalendarPart(
    @CurrentPrincipal() principal: Principal,
    @Args('part', { type: () => CalendarPart }) part: CalendarPart,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ShiftCalendar> {
    requireRole(principal, ['admin'], 'change shift calendars');
    return toModel(await this.calendars.removePart(principal, auditActor(principal), part, id));
  }
}
