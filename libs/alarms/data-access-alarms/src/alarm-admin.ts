import { formatRuleIssues, parseRuleDefinition, type Severity } from '@convergent/alarms-util-rules';
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
import { assertId } from './ids';

export type AssetKindName = 'enterprise' | 'site' | 'area' | 'line' | 'cell' | 'machine';

export interface RuleInput {
  name: string;
  assetId?: string | null;
  assetKind?: AssetKindName | null;
  // The rule definition (libs/alarms/util-rules README), as parsed JSON.
  definition: unknown;
  enabled?: boolean;
}

export interface RuleRecord {
  id: string;
  name: string;
  assetId: string | null;
  assetKind: AssetKindName | null;
  severity: Severity;
  definition: unknown;
  enabled: boolean;
  version: number;
  updatedAt: Date;
}

export interface ChannelInput {
  kind: 'webhook' | 'email';
  name: string;
  target: string;
  secret?: string | null;
}

export interface RuleFilter {
  enabled?: boolean;
  // Case-insensitive part of the name.
  nameContains?: string;
}

export interface SubscriptionFilter {
  // null: every subscription of the tenant (admins); otherwise only this user's own.
  userId: string | null;
  channelId?: string;
}

export interface SubscriptionInput {
  channelId: string;
  userId?: string | null;
  siteId?: string | null;
  minSeverity: Severity;
  repeatEveryMs?: number | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_SECRET_LENGTH = 16;

function definitionOf(input: unknown) {
  const parsed = parseRuleDefinition(input);
  if (!parsed.ok) {
    throw new DomainError('BAD_USER_INPUT', `invalid alarm rule: ${formatRuleIssues(parsed.issues)}`, {
      issues: parsed.issues,
    });
  }
  return parsed.rule;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new DomainError('BAD_USER_INPUT', 'name must be 1 to 200 characters');
  }
  return trimmed;
}

export function checkChannel(input: ChannelInput): void {
  if (input.kind === 'email') {
    if (!EMAIL.test(input.target))
      throw new DomainError('BAD_USER_INPUT', `"${input.target}" is not an e-mail address`);
    return;
  }
  let url: URL;
  try {
    url = new URL(input.target);
  } catch {
    throw new DomainError('BAD_USER_INPUT', `"${input.target}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DomainError('BAD_USER_INPUT', 'a webhook URL must be http or https');
  }
  if ((input.secret ?? '').length < MIN_SECRET_LENGTH) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `a webhook needs a signing secret of at least ${MIN_SECRET_LENGTH} characters`,
    );
  }
}

// Administration of rules, channels and subscriptions, and redelivery: each change and its audit
// entry in one transaction.
export class AlarmAdmin {
  constructor(private readonly db: Database) {}

  private async change<T>(
    tenantId: string,
    actor: AuditActor,
    work: (tx: TenantTx) => Promise<{ result: T; audit: Parameters<typeof recordAudit>[3] }>,
  ): Promise<T> {
    return this.db.withTenant(tenantId, async (tx) => {
      const { result, audit } = await work(tx);
      await recordAudit(tx, tenantId, actor, audit);
      return result;
    });
  }

  async createRule(tenantId: string, actor: AuditActor, input: RuleInput): Promise<RuleRecord> {
    const definition = definitionOf(input.definition);
    if (!input.assetId && !input.assetKind) {
      throw new DomainError('BAD_USER_INPUT', 'a rule needs an asset (its subtree), an asset kind, or both');
    }
    return this.change(tenantId, actor, async (tx) => {
      if (
        input.assetId &&
        !(await tx.asset.findUnique({ where: { id: assertId('assetId', input.assetId) } }))
      ) {
        throw new DomainError('NOT_FOUND', `no asset with id "${input.assetId}"`);
      }
      const rule = await tx.alarmRule.create({
        data: {
          tenantId,
          name: checkName(input.name),
          assetId: input.assetId ?? null,
          assetKind: input.assetKind ?? null,
          severity: definition.severity,
          condition: JSON.parse(JSON.stringify(definition)) as object,
          enabled: input.enabled ?? true,
        },
      });
      const record = toRuleRecord(rule);
      return {
        result: record,
        audit: {
          action: 'alarm-rule.create',
          entityType: 'alarm_rule',
          entityId: rule.id,
          after: auditOf(record),
        },
      };
    });
  }

  async updateRule(
    tenantId: string,
    actor: AuditActor,
    ruleId: string,
    input: Partial<RuleInput>,
  ): Promise<RuleRecord> {
    const definition = input.definition === undefined ? undefined : definitionOf(input.definition);
    return this.change(tenantId, actor, async (tx) => {
      const before = await tx.alarmRule.findUnique({ where: { id: assertId('rule id', ruleId) } });
      if (!before) throw new DomainError('NOT_FOUND', `no alarm rule with id "${ruleId}"`);
      const rule = await tx.alarmRule.update({
        where: { id: ruleId },
        data: {
          ...(input.name !== undefined ? { name: checkName(input.name) } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          // A new definition starts evaluation afresh: the version tells the engine.
          ...(definition
            ? {
                condition: JSON.parse(JSON.stringify(definition)) as object,
                severity: definition.severity,
                version: before.version + 1,
              }
            : {}),
          updatedAt: new Date(),
        },
      });
      return {
        result: toRuleRecord(rule),
        audit: {
          action: 'alarm-rule.update',
          entityType: 'alarm_rule',
          entityId: ruleId,
          before: auditOf(toRuleRecord(before)),
          after: auditOf(toRuleRecord(rule)),
        },
      };
    });
  }

  async deleteRule(tenantId: string, actor: AuditActor, ruleId: string): Promise<boolean> {
    return this.change(tenantId, actor, async (tx) => {
      const before = await tx.alarmRule.findUnique({ where: { id: assertId('rule id', ruleId) } });
      if (!before) throw new DomainError('NOT_FOUND', `no alarm rule with id "${ruleId}"`);
      await tx.alarmRule.delete({ where: { id: ruleId } });
      return {
        result: true,
        audit: {
          action: 'alarm-rule.delete',
          entityType: 'alarm_rule',
          entityId: ruleId,
          before: auditOf(toRuleRecord(before)),
        },
      };
    });
  }

  async rules(tenantId: string, filter: RuleFilter, request: PageRequest): Promise<Paged<RuleRecord>> {
    const where: Prisma.AlarmRuleWhereInput = {
      ...(filter.enabled !== undefined ? { enabled: filter.enabled } : {}),
      ...(filter.nameContains ? { name: { contains: filter.nameContains, mode: 'insensitive' } } : {}),
    };
    const page = await this.db.withTenant(tenantId, (tx) =>
      pagedQuery(
        request,
        (cursor) => tx.alarmRule.findMany({ where, orderBy: [{ name: 'asc' }, { id: 'asc' }], ...cursor }),
        () => tx.alarmRule.count({ where }),
      ),
    );
    return { rows: page.rows.map(toRuleRecord), totalCount: page.totalCount };
  }

  async createChannel(tenantId: string, actor: AuditActor, input: ChannelInput) {
    checkChannel(input);
    return this.change(tenantId, actor, async (tx) => {
      const channel = await tx.notificationChannel.create({
        data: {
          tenantId,
          kind: input.kind,
          name: checkName(input.name),
          target: input.target,
          secret: input.kind === 'webhook' ? (input.secret ?? null) : null,
        },
        omit: { secret: true },
      });
      return {
        result: channel,
        // The secret never enters the audit log.
        audit: {
          action: 'notification-channel.create',
          entityType: 'notification_channel',
          entityId: channel.id,
          after: { kind: channel.kind, name: channel.name, target: channel.target },
        },
      };
    });
  }

  async deleteChannel(tenantId: string, actor: AuditActor, channelId: string): Promise<boolean> {
    return this.change(tenantId, actor, async (tx) => {
      const before = await tx.notificationChannel.findUnique({
        where: { id: channelId },
        omit: { secret: true },
      });
      if (!before) throw new DomainError('NOT_FOUND', `no notification channel with id "${channelId}"`);
      await tx.notificationChannel.delete({ where: { id: channelId } });
      return {
        result: true,
        audit: {
          action: 'notification-channel.delete',
          entityType: 'notification_channel',
          entityId: channelId,
          before: { kind: before.kind, name: before.name, target: before.target },
        },
      };
    });
  }

  channels(tenantId: string, filter: { kind?: ChannelInput['kind'] }, request: PageRequest) {
    const where: Prisma.NotificationChannelWhereInput = filter.kind ? { kind: filter.kind } : {};
    return this.db.withTenant(tenantId, (tx) =>
      pagedQuery(
        request,
        (cursor) =>
          tx.notificationChannel.findMany({
            where,
            omit: { secret: true },
            orderBy: [{ name: 'asc' }, { id: 'asc' }],
            ...cursor,
          }),
        () => tx.notificationChannel.count({ where }),
      ),
    );
  }

  async createSubscription(tenantId: string, actor: AuditActor, input: SubscriptionInput) {
    if (input.repeatEveryMs != null && (input.repeatEveryMs < 60_000 || input.repeatEveryMs > 86_400_000)) {
      throw new DomainError('BAD_USER_INPUT', 'repeat reminders every 1 to 1440 minutes');
    }
    return this.change(tenantId, actor, async (tx) => {
      if (
        !(await tx.notificationChannel.findUnique({ where: { id: input.channelId }, select: { id: true } }))
      ) {
        throw new DomainError('NOT_FOUND', `no notification channel with id "${input.channelId}"`);
      }
      const subscription = await tx.notificationSubscription.create({
        data: {
          tenantId,
          channelId: input.channelId,
          userId: input.userId ?? null,
          siteId: input.siteId ?? null,
          minSeverity: input.minSeverity,
          repeatEveryMs: input.repeatEveryMs ?? null,
        },
      });
      return {
        result: subscription,
        audit: {
          action: 'notification-subscription.create',
          entityType: 'notification_subscription',
          entityId: subscription.id,
          after: { ...subscription, createdAt: subscription.createdAt.toISOString() },
        },
      };
    });
  }

  async deleteSubscription(
    tenantId: string,
    actor: AuditActor,
    subscriptionId: string,
    ownerOnly: string | null,
  ): Promise<boolean> {
    return this.change(tenantId, actor, async (tx) => {
      const before = await tx.notificationSubscription.findUnique({
        where: { id: assertId('subscription id', subscriptionId) },
      });
      if (!before || (ownerOnly !== null && before.userId !== ownerOnly)) {
        throw new DomainError('NOT_FOUND', `no notification subscription with id "${subscriptionId}"`);
      }
      await tx.notificationSubscription.delete({ where: { id: subscriptionId } });
      return {
        result: true,
        audit: {
          action: 'notification-subscription.delete',
          entityType: 'notification_subscription',
          entityId: subscriptionId,
          before: { ...before, createdAt: before.createdAt.toISOString() },
        },
      };
    });
  }

  subscriptions(tenantId: string, filter: SubscriptionFilter, request: PageRequest) {
    const where: Prisma.NotificationSubscriptionWhereInput = {
      ...(filter.userId === null ? {} : { userId: filter.userId }),
      ...(filter.channelId ? { channelId: assertId('channelId', filter.channelId) } : {}),
    };
    return this.db.withTenant(tenantId, (tx) =>
      pagedQuery(
        request,
        (cursor) =>
          tx.notificationSubscription.findMany({
            where,
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            ...cursor,
          }),
        () => tx.notificationSubscription.count({ where }),
      ),
    );
  }

  // Sends a delivery again with a fresh set of attempts: the worker's next tick enqueues it. The
  // delivery id stays, so a receiver that did get the first one recognises it.
  async redeliver(tenantId: string, actor: AuditActor, deliveryId: string): Promise<boolean> {
    return this.change(tenantId, actor, async (tx) => {
      const before = await tx.notificationDelivery.findUnique({
        where: { id: assertId('delivery id', deliveryId) },
      });
      if (!before) throw new DomainError('NOT_FOUND', `no notification delivery with id "${deliveryId}"`);
      if (before.status === 'pending')
        throw new DomainError('CONFLICT', 'the delivery is still being attempted');
      await tx.notificationDelivery.update({
        where: { id: deliveryId },
        data: { status: 'pending', attempts: 0, lastAttemptAt: new Date() },
      });
      return {
        result: true,
        audit: {
          action: 'notification-delivery.redeliver',
          entityType: 'notification_delivery',
          entityId: deliveryId,
          before: { status: before.status, attempts: before.attempts },
        },
      };
    });
  }
}

function toRuleRecord(rule: {
  id: string;
  name: string;
  assetId: string | null;
  assetKind: AssetKindName | null;
  severity: Severity;
  condition: unknown;
  enabled: boolean;
  version: number;
  updatedAt: Date;
}): RuleRecord {
  return {
    id: rule.id,
    name: rule.name,
    assetId: rule.assetId,
    assetKind: rule.assetKind,
    severity: rule.severity,
    definition: rule.condition,
    enabled: rule.enabled,
    version: rule.version,
    updatedAt: rule.updatedAt,
  };
}

const auditOf = (r: RuleRecord) => ({
  name: r.name,
  assetId: r.assetId,
  assetKind: r.assetKind,
  enabled: r.enabled,
  version: r.version,
  definition: JSON.parse(JSON.stringify(r.definition)) as object,
});
