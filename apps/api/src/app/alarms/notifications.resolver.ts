import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '@convergent/shared-util-contracts';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { AlarmAdmin, AlarmQueries } from '@convergent/alarms-data-access-alarms';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { NotificationChannel, NotificationDelivery, NotificationSubscription } from './alarm.models';
import { NotificationChannelInput, NotificationSubscriptionInput } from './alarm.inputs';
import { toDelivery, toSubscription } from './alarm.mappers';

const KINDS = ['webhook', 'email'] as const;

@Resolver(() => NotificationChannel)
export class NotificationsResolver {
  constructor(
    private readonly admin: AlarmAdmin,
    private readonly queries: AlarmQueries,
  ) {}

  @Query(() => [NotificationChannel], {
    description: 'Webhooks and e-mail addresses notifications can go to.',
  })
  notificationChannels(@CurrentPrincipal() principal: Principal): Promise<NotificationChannel[]> {
    return this.admin.channels(principal.tenantId);
  }

  @Mutation(() => NotificationChannel, {
    description: 'Admins: a webhook (with its signing secret) or an e-mail address.',
  })
  createNotificationChannel(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: NotificationChannelInput,
  ): Promise<NotificationChannel> {
    requireRole(principal, ['admin'], 'manage notification channels');
    const kind = KINDS.find((k) => k === input.kind);
    if (!kind) throw new DomainError('BAD_USER_INPUT', `kind must be one of ${KINDS.join(', ')}`);
    return this.admin.createChannel(principal.tenantId, { userId: principal.userId }, { ...input, kind });
  }

  @Mutation(() => Boolean)
  deleteNotificationChannel(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    requireRole(principal, ['admin'], 'manage notification channels');
    return this.admin.deleteChannel(principal.tenantId, { userId: principal.userId }, id);
  }

  @Query(() => [NotificationSubscription], {
    description: 'Your own subscriptions; admins see every subscription of the tenant.',
  })
  async notificationSubscriptions(
    @CurrentPrincipal() principal: Principal,
  ): Promise<NotificationSubscription[]> {
    const rows = await this.admin.subscriptions(
      principal.tenantId,
      principal.role === 'admin' ? null : principal.userId,
    );
    return rows.map(toSubscription);
  }

  @Mutation(() => NotificationSubscription, {
    description: 'Subscribe yourself (or, for admins, a site) to alarms at or above a severity on a channel.',
  })
  async createNotificationSubscription(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: NotificationSubscriptionInput,
  ): Promise<NotificationSubscription> {
    if (!input.forMe) requireRole(principal, ['admin'], 'create site-wide subscriptions');
    if (principal.siteIds !== null) {
      if (!input.siteId) throw new DomainError('BAD_USER_INPUT', 'choose one of the sites you may see');
      if (!principal.siteIds.includes(input.siteId))
        throw new DomainError('NOT_FOUND', `no site with id "${input.siteId}"`);
    }
    const row = await this.admin.createSubscription(
      principal.tenantId,
      { userId: principal.userId },
      {
        channelId: input.channelId,
        userId: input.forMe ? principal.userId : null,
        siteId: input.siteId ?? null,
        minSeverity: input.minSeverity,
        repeatEveryMs: input.repeatEveryMinutes == null ? null : input.repeatEveryMinutes * 60_000,
      },
    );
    return toSubscription(row);
  }

  @Mutation(() => Boolean, { description: 'Delete one of your subscriptions (admins: any).' })
  deleteNotificationSubscription(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    return this.admin.deleteSubscription(
      principal.tenantId,
      { userId: principal.userId },
      id,
      principal.role === 'admin' ? null : principal.userId,
    );
  }

  @Query(() => [NotificationDelivery], {
    description: 'Admins: notifications sent or being sent, newest first.',
  })
  async notificationDeliveries(
    @CurrentPrincipal() principal: Principal,
    @Args('alarmId', { type: () => ID, nullable: true }) alarmId: string | null,
    @Args('status', { type: () => String, nullable: true }) status: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<NotificationDelivery[]> {
    requireRole(principal, ['admin'], 'see notification deliveries');
    const rows = await this.queries.deliveries(
      principal,
      { ...(alarmId ? { alarmId } : {}), ...(status ? { status } : {}) },
      first,
    );
    return rows.map(toDelivery);
  }

  @Mutation(() => Boolean, {
    description: 'Admins: send a delivered or failed notification again, same delivery id.',
  })
  redeliverNotification(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    requireRole(principal, ['admin'], 'redeliver notifications');
    return this.admin.redeliver(principal.tenantId, { userId: principal.userId }, id);
  }
}
