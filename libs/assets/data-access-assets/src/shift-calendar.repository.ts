import {
  pagedQuery,
  recordAudit,
  type AuditActor,
  type Database,
  type PageRequest,
  type Paged,
  type Prisma,
  type TenantTx,
} from '@convergent/platform-data-access-db';
import { DomainError } from '@convergent/shared-util-contracts';
import { isUuid, visible, type SiteScope } from './asset.repository';
import { assertCrews, assertDate, assertSlot, assertText } from './catalog-rules';
import { changeInTenant } from './unique-violation';

export interface ShiftInput {
  name: string;
  startTime: string;
  endTime: string;
  daysOfWeek: number[];
  crews?: string[] | null | undefined;
  rotationOffset?: number | null | undefined;
}

export interface PlannedStopInput {
  name: string;
  startTime: string;
  endTime: string;
  daysOfWeek: number[];
  reasonId?: string | null | undefined;
}

const SELECT = {
  id: true,
  assetId: true,
  name: true,
  validFrom: true,
  shifts: {
    select: {
      id: true,
      name: true,
      startTime: true,
      endTime: true,
      daysOfWeek: true,
      crews: true,
      rotationOffset: true,
    },
    orderBy: [{ startTime: 'asc' }, { name: 'asc' }],
  },
  plannedStops: {
    select: { id: true, name: true, startTime: true, endTime: true, daysOfWeek: true, reasonId: true },
    orderBy: [{ startTime: 'asc' }, { name: 'asc' }],
  },
  holidays: { select: { id: true, date: true, name: true }, orderBy: { date: 'asc' } },
} as const satisfies Prisma.ShiftCalendarSelect;

export type ShiftCalendarRecord = Prisma.ShiftCalendarGetPayload<{ select: typeof SELECT }>;

type Part = 'shift' | 'planned_stop' | 'holiday';

// Shift calendars (shift patterns with rotating crews, recurring planned stops, holidays) of an
// asset's subtree, as the KPI jobs read them. A calendar is visible where its asset is; each change
// to a calendar or one of its parts is audited with the calendar before and after.
export class ShiftCalendarRepository {
  constructor(private readonly db: Database) {}

  async page(
    scope: SiteScope,
    assetId: string | undefined,
    request: PageRequest,
  ): Promise<Paged<ShiftCalendarRecord>> {
    if (assetId !== undefined && !isUuid(assetId)) return { rows: [], totalCount: 0 };
    const where: Prisma.ShiftCalendarWhereInput = {
      asset: visible(scope),
      ...(assetId ? { assetId } : {}),
    };
    return this.db.withTenant(scope.tenantId, (tx) =>
      pagedQuery(
        request,
        (page) =>
          tx.shiftCalendar.findMany({
            where,
            orderBy: [{ name: 'asc' }, { id: 'asc' }],
            select: SELECT,
            ...page,
          }),
        () => tx.shiftCalendar.count({ where }),
      ),
    );
  }

  async create(
    scope: SiteScope,
    actor: AuditActor,
    input: { assetId: string; name: string; validFrom?: Date | null | undefined },
  ): Promise<ShiftCalendarRecord> {
    const name = assertText('name', input.name);
    return this.db.withTenant(scope.tenantId, async (tx) => {
      const asset = isUuid(input.assetId)
        ? await tx.asset.findFirst({
            where: { id: input.assetId, ...visible(scope) },
            select: { id: true },
          })
        : null;
      if (!asset) throw new DomainError('NOT_FOUND', `no asset with id "${input.assetId}"`);
      const calendar = await tx.shiftCalendar.create({
        data: {
          tenantId: scope.tenantId,
          assetId: asset.id,
          name,
          ...(input.validFrom ? { validFrom: input.validFrom } : {}),
        },
        select: SELECT,
      });
      await this.audit(tx, scope, actor, 'shift_calendar.create', null, calendar);
      return calendar;
    });
  }

  async delete(scope: SiteScope, actor: AuditActor, calendarId: string): Promise<ShiftCalendarRecord> {
    return this.db.withTenant(scope.tenantId, async (tx) => {
      const calendar = await this.require(tx, scope, calendarId);
      await tx.shiftCalendar.delete({ where: { id: calendar.id } });
      await this.audit(tx, scope, actor, 'shift_calendar.delete', calendar, null);
      return calendar;
    });
  }

  // Adds the shift, or replaces the calendar's shift of the same name.
  async setShift(
    scope: SiteScope,
    actor: AuditActor,
    calendarId: string,
    input: ShiftInput,
  ): Promise<ShiftCalendarRecord> {
    const data = {
      ...assertSlot(input),
      crews: assertCrews(input.crews ?? []),
      rotationOffset: input.rotationOffset ?? 0,
    };
    return this.changePart(scope, actor, calendarId, 'shift.set', async (tx, calendar) => {
      await tx.shiftDefinition.upsert({
        where: { calendarId_name: { calendarId: calendar.id, name: data.name } },
        create: { tenantId: scope.tenantId, calendarId: calendar.id, ...data },
        update: data,
      });
    });
  }

  async addPlannedStop(
    scope: SiteScope,
    actor: AuditActor,
    calendarId: string,
    input: PlannedStopInput,
  ): Promise<ShiftCalendarRecord> {
    const data = assertSlot(input);
    return this.changePart(scope, actor, calendarId, 'planned_stop.add', async (tx, calendar) => {
      const reasonId = input.reasonId ?? null;
      if (reasonId && !(isUuid(reasonId) && (await tx.downtimeReason.count({ where: { id: reasonId } })) > 0))
        throw new DomainError('NOT_FOUND', `no downtime reason with id "${reasonId}"`);
      await tx.plannedStop.create({
        data: { tenantId: scope.tenantId, calendarId: calendar.id, reasonId, ...data },
      });
    });
  }

  async addHoliday(
    scope: SiteScope,
    actor: AuditActor,
    calendarId: string,
    input: { date: string; name: string },
  ): Promise<ShiftCalendarRecord> {
    const date = assertDate('date', input.date);
    const name = assertText('name', input.name);
    return changeInTenant(
      this.db,
      scope.tenantId,
      `the calendar already has a holiday on ${input.date}`,
      (tx) =>
        this.changePartIn(tx, scope, actor, calendarId, 'holiday.add', async (calendar) => {
          await tx.holiday.create({
            data: { tenantId: scope.tenantId, calendarId: calendar.id, date, name },
          });
        }),
    );
  }

  // Removes a shift, planned stop or holiday by its id, from the calendar that holds it.
  async removePart(
    scope: SiteScope,
    actor: AuditActor,
    part: Part,
    id: string,
  ): Promise<ShiftCalendarRecord> {
    return this.db.withTenant(scope.tenantId, async (tx) => {
      const where = { id: isUuid(id) ? id : '00000000-0000-0000-0000-000000000000' };
      const found =
        part === 'shift'
          ? await tx.shiftDefinition.findFirst({ where, select: { calendarId: true } })
          : part === 'planned_stop'
            ? await tx.plannedStop.findFirst({ where, select: { calendarId: true } })
            : await tx.holiday.findFirst({ where, select: { calendarId: true } });
      if (!found) throw new DomainError('NOT_FOUND', `no ${part.replace('_', ' ')} with id "${id}"`);
      return this.changePartIn(tx, scope, actor, found.calendarId, `${part}.remove`, async () => {
        if (part === 'shift') await tx.shiftDefinition.delete({ where: { id } });
        else if (part === 'planned_stop') await tx.plannedStop.delete({ where: { id } });
        else await tx.holiday.delete({ where: { id } });
      });
    });
  }

  private async changePart(
    scope: SiteScope,
    actor: AuditActor,
    calendarId: string,
    action: string,
    change: (tx: TenantTx, calendar: ShiftCalendarRecord) => Promise<void>,
  ): Promise<ShiftCalendarRecord> {
    return this.db.withTenant(scope.tenantId, (tx) =>
      this.changePartIn(tx, scope, actor, calendarId, action, (calendar) => change(tx, calendar)),
    );
  }

  private async changePartIn(
    tx: TenantTx,
    scope: SiteScope,
    actor: AuditActor,
    calendarId: string,
    action: string,
    change: (calendar: ShiftCalendarRecord) => Promise<void>,
  ): Promise<ShiftCalendarRecord> {
    const before = await this.require(tx, scope, calendarId);
    await change(before);
    const after = await tx.shiftCalendar.findUniqueOrThrow({ where: { id: before.id }, select: SELECT });
    await this.audit(tx, scope, actor, `shift_calendar.${action}`, before, after);
    return after;
  }

  private async require(tx: TenantTx, scope: SiteScope, id: string): Promise<ShiftCalendarRecord> {
    const calendar = isUuid(id)
      ? await tx.shiftCalendar.findFirst({
          where: {
            id,
            asset: visible(scope),
          },
          select: SELECT,
        })
      : null;
    if (!calendar) throw new DomainError('NOT_FOUND', `no shift calendar with id "${id}"`);
    return calendar;
  }

  private async audit(
    tx: TenantTx,
    scope: SiteScope,
    actor: AuditActor,
    action: string,
    before: ShiftCalendarRecord | null,
    after: ShiftCalendarRecord | null,
  ): Promise<void> {
    const json = (calendar: ShiftCalendarRecord | null) =>
      calendar ? (JSON.parse(JSON.stringify(calendar)) as Prisma.InputJsonValue) : null;
    await recordAudit(tx, scope.tenantId, actor, {
      action,
      entityType: 'shift_calendar',
      entityId: (after ?? before)?.id ?? null,
      before: json(before),
      after: json(after),
    });
  }
}
