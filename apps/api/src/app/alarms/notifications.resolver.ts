import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DomainError } from '@convergent/shared-util-contracts';
import type { Principal } from '@convergent/tenancy-data-access-auth';
import { AlarmAdmin, AlarmQueries } from '@convergent/alarms-data-access-alarms';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { pageRequest, toConnection, type Connection } from '../graphql/connection';
import {
  NotificationChannel,
  NotificationChannelConnection,
  NotificationDelivery,
  NotificationDeliveryConnection,
  NotificationSubscription,
  NotificationSubscriptionConnection,
} from './alarm.models';
import {
  NotificationChannelInput,
  NotificationChannelsArgs,
  NotificationDeliveriesArgs,
  NotificationSubscriptionInput,
  NotificationSubscriptionsArgs,
} from './alarm.inputs';
import { toDelivery, toSubscription } from './alarm.mappers';

const KINDS = ['webhook', 'email'] as const;
const STATUSES = ['pending', 'delivered', 'failed'] as const;

function oneOf<T extends string>(name: string, allowed: readonly T[], value: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (!found) throw new DomainError('BAD_USER_INPUT', `${name} must be one of ${allowed.join(', ')}`);
  return found;
}

@Resolver(() => NotificationChannel)
export class NotificationsResolver {
  constructor(
    private readonly admin: AlarmAdmin,
    private readonly queries: AlarmQueries,
  ) {}

  @Query(() => NotificationChannelConnection, {
    description: 'Webhooks and e-mail addresses notifications can go to, by name.',
  })
  async notificationChannels(
    @CurrentPrincipal() principal: Principal,
    @Args() args: NotificationChannelsArgs,
  ): Promise<Connection<NotificationChannel>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.admin.channels(
      principal.tenantId,
      args.kind ? { kind: oneOf('kind', KINDS, args.kind) } : {},
      request,
    );
    return toConnection(rows, request, totalCount);
  }

  @Mutation(() => NotificationChannel, {
    description: 'Admins: a webhook (with its signing secret) or an e-mail address.',
  })
  createNotificationChannel(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: NotificationChannelInput,
  ): Promise<NotificationChannel> {
    requireRole(principal, ['admin'], 'manage notification channels');
    const kind = oneOf('kind', KINDS, input.kind);
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

  @Query(() => NotificationSubscriptionConnection, {
    description: 'Your own subscriptions, oldest first; admins see every subscription of the tenant.',
  })
  async notificationSubscriptions(
    @CurrentPrincipal() principal: Principal,
    @Args() args: NotificationSubscriptionsArgs,
  ): Promise<Connection<NotificationSubscription>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.admin.subscriptions(
      principal.tenantId,
      {
        userId: principal.role === 'admin' ? null : principal.userId,
        ...(args.channelId ? { channelId: args.channelId } : {}),
      },
      request,
    );
    return toConnection(rows.map(toSubscription), request, totalCount);
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

  @Query(() => NotificationDeliveryConnection, {
    description: 'Admins: notifications sent or being sent, newest first.',
  })
  async notificationDeliveries(
    @CurrentPrincipal() principal: Principal,
    @Args() args: NotificationDeliveriesArgs,
  ): Promise<Connection<NotificationDelivery>> {
    requireRole(principal, ['admin'], 'see notification deliveries');
    const request = pageRequest(args);
    const { rows, totalCount } = await this.queries.deliveries(
      principal,
      {
        ...(args.alarmId ? { alarmId: args.alarmId } : {}),
        ...(args.status ? { status: oneOf('status', STATUSES, args.status) } : {}),
      },
      request,
    );
    return toConnection(rows.map(toDelivery), request, totalCount);
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
