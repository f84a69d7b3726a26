import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { AlarmAdmin } from '@convergent/alarms-data-access-alarms';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { pageRequest, toConnection, type Connection } from '../graphql/connection';
import { AlarmRule, AlarmRuleConnection } from './alarm.models';
import { AlarmRuleInput, AlarmRulePatch, AlarmRulesArgs } from './alarm.inputs';
import { parseJsonArgument, toRule } from './alarm.mappers';

@Resolver(() => AlarmRule)
export class AlarmRulesResolver {
  constructor(private readonly admin: AlarmAdmin) {}

  @Query(() => AlarmRuleConnection, { description: 'The alarm rules of the tenant, by name.' })
  async alarmRules(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AlarmRulesArgs,
  ): Promise<Connection<AlarmRule>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.admin.rules(
      principal.tenantId,
      {
        ...(args.enabled != null ? { enabled: args.enabled } : {}),
        ...(args.nameContains ? { nameContains: args.nameContains } : {}),
      },
      request,
    );
    return toConnection(rows.map(toRule), request, totalCount);
  }

  @Mutation(() => AlarmRule, {
    description: 'Admins: a new alarm rule; the definition is checked and its errors named.',
  })
  async createAlarmRule(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AlarmRuleInput,
  ): Promise<AlarmRule> {
    requireRole(principal, ['admin'], 'manage alarm rules');
    const rule = await this.admin.createRule(
      principal.tenantId,
      { userId: principal.userId },
      {
        name: input.name,
        assetId: input.assetId ?? null,
        assetKind: input.assetKind ?? null,
        definition: parseJsonArgument('definition', input.definition),
        enabled: input.enabled,
      },
    );
    return toRule(rule);
  }

  @Mutation(() => AlarmRule, { description: 'Admins: rename, enable/disable or redefine a rule.' })
  async updateAlarmRule(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('patch') patch: AlarmRulePatch,
  ): Promise<AlarmRule> {
    requireRole(principal, ['admin'], 'manage alarm rules');
    const rule = await this.admin.updateRule(principal.tenantId, { userId: principal.userId }, id, {
      ...(patch.name != null ? { name: patch.name } : {}),
      ...(patch.enabled != null ? { enabled: patch.enabled } : {}),
      ...(patch.definition != null ? { definition: parseJsonArgument('definition', patch.definition) } : {}),
    });
    return toRule(rule);
  }

  @Mutation(() => Boolean, { description: 'Admins: delete a rule; its alarms stay as history.' })
  deleteAlarmRule(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    requireRole(principal, ['admin'], 'manage alarm rules');
    return this.admin.deleteRule(principal.tenantId, { userId: principal.userId }, id);
  }
}
