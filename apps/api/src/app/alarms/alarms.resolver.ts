import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DomainError, type LiveEvent } from '@convergent/shared-util-contracts';
import { auditActorOf, type Principal } from '@convergent/tenancy-data-access-auth';
import { AlarmCommands, AlarmQueries, type UserAlarmAction } from '@convergent/alarms-data-access-alarms';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { pageRequest, toConnection, type Connection } from '../graphql/connection';
import {
  Alarm,
  AlarmHistoryEntry,
  AlarmHistoryEntryConnection,
  AlarmPage,
  MaintenanceWarning,
  MaintenanceWarningConnection,
} from './alarm.models';
import { AlarmHistoryArgs, AlarmsArgs, MaintenanceWarningsArgs } from './alarm.inputs';
import { toAlarm, toHistory, toWarning } from './alarm.mappers';
import { ALARM_LIVE_EVENTS } from './alarm.tokens';

const ACTORS = ['admin', 'operator', 'technician'] as const;
const MAX_COMMENT = 2000;

function comment(text: string | null | undefined): string | undefined {
  if (text == null || text.trim() === '') return undefined;
  if (text.length > MAX_COMMENT)
    throw new DomainError('BAD_USER_INPUT', `comment must be at most ${MAX_COMMENT} characters`);
  return text.trim();
}

@Resolver(() => Alarm)
export class AlarmsResolver {
  constructor(
    private readonly queries: AlarmQueries,
    private readonly commands: AlarmCommands,
    @Inject(ALARM_LIVE_EVENTS) private readonly live: { publish(events: LiveEvent[]): Promise<void> },
  ) {}

  @Query(() => AlarmPage, { description: 'Alarms of the sites you may see, newest first, a page at a time.' })
  async alarms(@CurrentPrincipal() principal: Principal, @Args() args: AlarmsArgs): Promise<AlarmPage> {
    const f = args.filter ?? {};
    const page = await this.queries.list(
      principal,
      {
        ...(f.severities ? { severities: f.severities } : {}),
        ...(f.states ? { states: f.states } : {}),
        ...(f.siteId ? { siteId: f.siteId } : {}),
        ...(f.assetId ? { assetId: f.assetId } : {}),
        ...(f.from ? { from: f.from } : {}),
        ...(f.to ? { to: f.to } : {}),
      },
      args.first,
      args.after,
    );
    return { nodes: page.nodes.map(toAlarm), nextCursor: page.nextCursor };
  }

  @Query(() => Alarm, { nullable: true })
  async alarm(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Alarm | null> {
    const row = await this.queries.find(principal, id);
    return row ? toAlarm(row) : null;
  }

  @Query(() => AlarmHistoryEntryConnection, {
    description: 'The lifecycle steps of one alarm, oldest first (none for an alarm you may not see).',
  })
  async alarmHistory(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AlarmHistoryArgs,
  ): Promise<Connection<AlarmHistoryEntry>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.queries.history(principal, args.alarmId, request);
    return toConnection(rows.map(toHistory), request, totalCount);
  }

  @Query(() => MaintenanceWarningConnection, {
    description: 'Anomalies and trend-to-limit forecasts, most recently seen first.',
  })
  async maintenanceWarnings(
    @CurrentPrincipal() principal: Principal,
    @Args() args: MaintenanceWarningsArgs,
  ): Promise<Connection<MaintenanceWarning>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.queries.warnings(
      principal,
      {
        ...(args.siteId ? { siteId: args.siteId } : {}),
        ...(args.assetId ? { assetId: args.assetId } : {}),
        openOnly: args.openOnly,
      },
      request,
    );
    return toConnection(rows.map(toWarning), request, totalCount);
  }

  @Mutation(() => Alarm, { description: 'Operators, technicians and admins: acknowledge an alarm.' })
  acknowledgeAlarm(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('comment', { type: () => String, nullable: true }) text: string | null,
  ): Promise<Alarm> {
    return this.act(principal, id, { type: 'acknowledge', comment: comment(text) });
  }

  @Mutation(() => Alarm, { description: 'Clear an active alarm by hand (the condition may raise it again).' })
  clearAlarm(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('comment', { type: () => String, nullable: true }) text: string | null,
  ): Promise<Alarm> {
    return this.act(principal, id, { type: 'clear', comment: comment(text) });
  }

  @Mutation(() => Alarm, {
    description: 'Suppress notifications of an alarm until a time at most 7 days ahead.',
  })
  shelveAlarm(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('until') until: Date,
    @Args('comment', { type: () => String, nullable: true }) text: string | null,
  ): Promise<Alarm> {
    return this.act(principal, id, { type: 'shelve', until, comment: comment(text) });
  }

  @Mutation(() => Alarm)
  unshelveAlarm(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('comment', { type: () => String, nullable: true }) text: string | null,
  ): Promise<Alarm> {
    return this.act(principal, id, { type: 'unshelve', comment: comment(text) });
  }

  private async act(principal: Principal, id: string, action: UserAlarmAction): Promise<Alarm> {
    requireRole(principal, ACTORS, `${action.type} alarms`);
    if ((await this.queries.find(principal, id)) === null) {
      throw new DomainError('NOT_FOUND', `no alarm with id "${id}"`);
    }
    // ISA-18.2: acknowledging and clearing are a person's acts, recorded with their name.
    if (principal.userId === null) {
      throw new DomainError(
        'FORBIDDEN',
        `alarms are handled by a person: sign in as a user to ${action.type} them`,
      );
    }
    const result = await this.commands.apply(
      principal.tenantId,
      principal.userId,
      id,
      action,
      auditActorOf(principal),
    );
    await this.live.publish([result.changed]);
    const row = await this.queries.find(principal, id);
    if (!row) throw new DomainError('NOT_FOUND', `no alarm with id "${id}"`);
    return toAlarm(row);
  }
}
