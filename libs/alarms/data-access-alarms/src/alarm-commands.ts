import {
  AlarmLifecycleErrorCode,
  transition,
  type AlarmAction,
  type AlarmRecord,
} from '@convergent/alarms-util-rules';
import { recordAudit, type AuditActor, type Database } from '@convergent/platform-data-access-db';
import { DomainError, type AlarmChanged } from '@convergent/shared-util-contracts';

export type UserAlarmAction =
  | { type: 'acknowledge'; comment?: string }
  | { type: 'clear'; comment?: string }
  | { type: 'shelve'; until: Date; comment?: string }
  | { type: 'unshelve'; comment?: string };

export interface AlarmCommandResult {
  alarmId: string;
  changed: AlarmChanged;
}

const date = (t: number | null): Date | null => (t === null ? null : new Date(t));

// Acknowledge, clear, shelve and unshelve by a user: the lifecycle reducer decides, and the
// alarm, its history entry and the audit entry are written in one transaction.
export class AlarmCommands {
  constructor(
    private readonly db: Database,
    private readonly clock: () => number = Date.now,
  ) {}

  async apply(
    tenantId: string,
    userId: string,
    alarmId: string,
    action: UserAlarmAction,
    actor: AuditActor,
  ): Promise<AlarmCommandResult> {
    return this.db.withTenant(tenantId, async (tx) => {
      // Row lock: two operators acknowledging at once get one success and one clear refusal.
      await tx.$queryRaw`SELECT id FROM alarms WHERE id = ${alarmId}::uuid FOR UPDATE`;
      const alarm = await tx.alarm.findUnique({ where: { id: alarmId } });
      if (!alarm) throw new DomainError('NOT_FOUND', `alarm ${alarmId} does not exist`);
      const record: AlarmRecord = {
        state: alarm.state,
        severity: alarm.severity,
        message: alarm.message,
        occurrences: alarm.occurrences,
        lastValue: alarm.lastValue,
        raisedAt: alarm.raisedAt.getTime(),
        acknowledgedAt: alarm.acknowledgedAt?.getTime() ?? null,
        acknowledgedBy: alarm.acknowledgedById,
        clearedAt: alarm.clearedAt?.getTime() ?? null,
        clearedBy: alarm.clearedById,
        shelvedUntil: alarm.shelvedUntil?.getTime() ?? null,
      };
      const ts = this.clock();
      const full: AlarmAction =
        action.type === 'shelve'
          ? { type: 'shelve', ts, until: action.until.getTime(), userId, comment: action.comment }
          : { type: action.type, ts, userId, comment: action.comment };
      const result = transition(record, full);
      if (!result.ok) {
        throw new DomainError(
          result.error.code === AlarmLifecycleErrorCode.InvalidShelvePeriod ? 'BAD_USER_INPUT' : 'CONFLICT',
          result.error.message,
          { reason: result.error.code },
        );
      }
      const next = result.alarm;
      await tx.alarm.update({
        where: { id: alarmId },
        data: {
          state: next.state,
          acknowledgedAt: date(next.acknowledgedAt),
          acknowledgedById: next.acknowledgedBy,
          clearedAt: date(next.clearedAt),
          clearedById: next.clearedBy,
          shelvedUntil: date(next.shelvedUntil),
          updatedAt: new Date(ts),
        },
      });
      if (result.entry) {
        await tx.alarmHistoryEntry.create({
          data: {
            tenantId,
            alarmId,
            at: new Date(result.entry.ts),
            action: result.entry.action,
            fromState: result.entry.from,
            toState: result.entry.to,
            severity: result.entry.severity,
            userId,
            comment: result.entry.comment,
            message: next.message,
          },
        });
      }
      await recordAudit(tx, tenantId, actor, {
        action: `alarm.${action.type}`,
        entityType: 'alarm',
        entityId: alarmId,
        before: { state: record.state, shelvedUntil: alarm.shelvedUntil?.toISOString() ?? null },
        after: {
          state: next.state,
          shelvedUntil: date(next.shelvedUntil)?.toISOString() ?? null,
          comment: action.comment ?? null,
        },
      });
      return {
        alarmId,
        changed: {
          type: 'alarm.changed',
          tenantId,
          siteId: alarm.siteId ?? '',
          at: new Date(ts).toISOString(),
          assetId: alarm.assetId,
          alarmId,
        },
      };
    });
  }
}
