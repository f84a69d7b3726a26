import type { AlarmEvent } from './evaluator';
import { AlarmLifecycleError, AlarmLifecycleErrorCode } from './lifecycle.errors';
import type { Severity } from './severity';

// ISA-18.2 states, as in the Prisma AlarmState enum. cleared_acknowledged is closed: history.
export const ALARM_STATES = [
  'active_unacknowledged',
  'active_acknowledged',
  'cleared_unacknowledged',
  'cleared_acknowledged',
] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export const MAX_SHELVE_MS = 7 * 86_400_000;

// The lifecycle fields of the one open alarm per rule and asset. Times are epoch milliseconds.
export interface AlarmRecord {
  state: AlarmState;
  severity: Severity;
  message: string;
  occurrences: number;
  lastValue: number | null;
  raisedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  clearedAt: number | null;
  clearedBy: string | null;
  shelvedUntil: number | null;
}

export type AlarmAction =
  | { type: 'raise'; ts: number; severity: Severity; value: number | null; message: string }
  | { type: 'escalate'; ts: number; severity: Severity; value: number | null; message: string }
  | { type: 'acknowledge'; ts: number; userId: string; comment?: string }
  // No userId: the condition went back to normal (the evaluator's "cleared").
  | { type: 'clear'; ts: number; userId?: string; comment?: string }
  | { type: 'shelve'; ts: number; until: number; userId: string; comment?: string }
  | { type: 'unshelve'; ts: number; userId: string; comment?: string };

export interface AlarmHistoryEntry {
  ts: number;
  action: AlarmAction['type'];
  from: AlarmState | null;
  to: AlarmState;
  severity: Severity;
  userId: string | null;
  comment: string | null;
}

export type TransitionResult =
  | {
      ok: true;
      alarm: AlarmRecord;
      // Null when nothing changed (a reminder, or an evaluator event the alarm already reflects).
      entry: AlarmHistoryEntry | null;
      // Whether subscribers should hear about it: never while shelved, never for user actions.
      notify: boolean;
    }
  | { ok: false; error: AlarmLifecycleError };

export type AlarmEventResult =
  | { ok: true; alarm: AlarmRecord | null; entry: AlarmHistoryEntry | null; notify: boolean }
  | { ok: false; error: AlarmLifecycleError };

export const isOpen = (alarm: AlarmRecord): boolean => alarm.state !== 'cleared_acknowledged';
export const isActive = (alarm: AlarmRecord): boolean =>
  alarm.state === 'active_unacknowledged' || alarm.state === 'active_acknowledged';
export const isShelved = (alarm: AlarmRecord, ts: number): boolean =>
  alarm.shelvedUntil !== null && ts < alarm.shelvedUntil;

const fail = (code: AlarmLifecycleErrorCode, message: string): TransitionResult => ({
  ok: false,
  error: new AlarmLifecycleError(code, message),
});

function done(
  before: AlarmRecord | null,
  alarm: AlarmRecord,
  action: AlarmAction,
  notify: boolean,
): TransitionResult {
  const userId = 'userId' in action ? (action.userId ?? null) : null;
  const comment = 'comment' in action ? (action.comment ?? null) : null;
  return {
    ok: true,
    alarm,
    entry: {
      ts: action.ts,
      action: action.type,
      from: before?.state ?? null,
      to: alarm.state,
      severity: alarm.severity,
      userId,
      comment,
    },
    notify: notify && !isShelved(alarm, action.ts),
  };
}

// The ISA-18.2 lifecycle as a pure reducer. Pass the open alarm for the rule and asset, or null
// when there is none; a closed alarm is history and only accepts nothing.
export function transition(alarm: AlarmRecord | null, action: AlarmAction): TransitionResult {
  if (alarm === null) {
    if (action.type !== 'raise') {
      return fail(AlarmLifecycleErrorCode.NoOpenAlarm, `cannot ${action.type}: there is no open alarm`);
    }
    const raised: AlarmRecord = {
      state: 'active_unacknowledged',
      severity: action.severity,
      message: action.message,
      occurrences: 1,
      lastValue: action.value,
      raisedAt: action.ts,
      acknowledgedAt: null,
      acknowledgedBy: null,
      clearedAt: null,
      clearedBy: null,
      shelvedUntil: null,
    };
    return done(null, raised, action, true);
  }
  if (!isOpen(alarm)) {
    return fail(
      AlarmLifecycleErrorCode.AlarmClosed,
      `cannot ${action.type}: the alarm is closed (cleared and acknowledged)`,
    );
  }

  switch (action.type) {
    case 'raise':
      // One open alarm per rule and asset: a new occurrence updates it and is counted.
      return done(
        alarm,
        {
          ...alarm,
          state: alarm.state === 'active_acknowledged' ? 'active_acknowledged' : 'active_unacknowledged',
          severity: action.severity,
          message: action.message,
          lastValue: action.value,
          occurrences: alarm.occurrences + 1,
          clearedAt: null,
          clearedBy: null,
        },
        action,
        true,
      );
    case 'escalate':
      if (!isActive(alarm)) {
        return fail(AlarmLifecycleErrorCode.NotActive, 'cannot escalate: the alarm has cleared');
      }
      return done(
        alarm,
        { ...alarm, severity: action.severity, message: action.message, lastValue: action.value },
        action,
        true,
      );
    case 'acknowledge':
      if (alarm.state === 'active_acknowledged') {
        return fail(AlarmLifecycleErrorCode.AlreadyAcknowledged, 'the alarm is already acknowledged');
      }
      return done(
        alarm,
        {
          ...alarm,
          state: alarm.state === 'active_unacknowledged' ? 'active_acknowledged' : 'cleared_acknowledged',
          acknowledgedAt: action.ts,
          acknowledgedBy: action.userId,
        },
        action,
        false,
      );
    case 'clear':
      if (!isActive(alarm)) {
        return fail(AlarmLifecycleErrorCode.AlreadyCleared, 'the alarm has already cleared');
      }
      return done(
        alarm,
        {
          ...alarm,
          state: alarm.state === 'active_acknowledged' ? 'cleared_acknowledged' : 'cleared_unacknowledged',
          clearedAt: action.ts,
          clearedBy: action.userId ?? null,
        },
        action,
        action.userId === undefined,
      );
    case 'shelve':
      if (!(action.until > action.ts) || action.until - action.ts > MAX_SHELVE_MS) {
        return fail(
          AlarmLifecycleErrorCode.InvalidShelvePeriod,
          'shelve for a period after now and at most 7 days: a shelved alarm must come back',
        );
      }
      return done(alarm, { ...alarm, shelvedUntil: action.until }, action, false);
    case 'unshelve':
      if (!isShelved(alarm, action.ts)) {
        return fail(AlarmLifecycleErrorCode.NotShelved, 'the alarm is not shelved');
      }
      return done(alarm, { ...alarm, shelvedUntil: null }, action, false);
  }
}

// Applies an evaluator event to the open alarm. Lenient where a user got there first: a manual
// clear leaves the evaluator active until the condition itself clears, and its later escalations,
// reminders and clear are then no-ops rather than errors.
export function applyAlarmEvent(alarm: AlarmRecord | null, event: AlarmEvent): AlarmEventResult {
  const unchanged: AlarmEventResult = { ok: true, alarm, entry: null, notify: false };
  const activeAlarm = alarm !== null && isActive(alarm) ? alarm : null;
  switch (event.type) {
    case 'raised':
      return transition(alarm !== null && isOpen(alarm) ? alarm : null, {
        type: 'raise',
        ts: event.ts,
        severity: event.severity,
        value: event.value,
        message: event.message,
      });
    case 'escalated':
      if (activeAlarm === null) return unchanged;
      return transition(activeAlarm, {
        type: 'escalate',
        ts: event.ts,
        severity: event.severity,
        value: event.value,
        message: event.message,
      });
    case 'repeated':
      if (activeAlarm === null) return unchanged;
      return {
        ok: true,
        alarm: { ...activeAlarm, lastValue: event.value },
        entry: null,
        notify: !isShelved(activeAlarm, event.ts),
      };
    case 'cleared':
      if (activeAlarm === null) return unchanged;
      return transition(activeAlarm, { type: 'clear', ts: event.ts });
  }
}
