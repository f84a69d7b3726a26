import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { replay } from './evaluator';
import {
  ALARM_STATES,
  applyAlarmEvent,
  isOpen,
  transition,
  type AlarmAction,
  type AlarmRecord,
  type TransitionResult,
} from './lifecycle';
import { AlarmLifecycleError, AlarmLifecycleErrorCode } from './lifecycle.errors';
import { HOUR, merge, MIN, rule, stateSample, T0, ticks } from './spec-helpers';

const raise = (ts: number, severity: 'major' | 'critical' = 'major'): AlarmAction => ({
  type: 'raise',
  ts,
  severity,
  value: 91,
  message: 'temperature > 80 (is 91)',
});
const ack = (ts: number): AlarmAction => ({ type: 'acknowledge', ts, userId: 'u-1', comment: 'on it' });
const clear = (ts: number): AlarmAction => ({ type: 'clear', ts });

function ok(result: TransitionResult): AlarmRecord {
  if (!result.ok) throw result.error;
  return result.alarm;
}
function run(actions: AlarmAction[]): AlarmRecord {
  return actions.reduce<AlarmRecord | null>(
    (alarm, action) => ok(transition(alarm, action)),
    null,
  ) as AlarmRecord;
}
function errorCode(result: TransitionResult): AlarmLifecycleErrorCode | null {
  return result.ok ? null : result.error.code;
}

describe('ISA-18.2 lifecycle', () => {
  it('acknowledged, then cleared: closed', () => {
    const raised = run([raise(T0)]);
    expect(raised.state).toBe('active_unacknowledged');
    const acked = ok(transition(raised, ack(T0 + MIN)));
    expect(acked).toMatchObject({
      state: 'active_acknowledged',
      acknowledgedAt: T0 + MIN,
      acknowledgedBy: 'u-1',
    });
    const closed = ok(transition(acked, clear(T0 + 2 * MIN)));
    expect(closed).toMatchObject({ state: 'cleared_acknowledged', clearedAt: T0 + 2 * MIN, clearedBy: null });
    expect(isOpen(closed)).toBe(false);
  });

  it('cleared, then acknowledged: closed', () => {
    const cleared = run([raise(T0), clear(T0 + MIN)]);
    expect(cleared.state).toBe('cleared_unacknowledged');
    expect(isOpen(cleared)).toBe(true);
    expect(ok(transition(cleared, ack(T0 + 2 * MIN))).state).toBe('cleared_acknowledged');
  });

  it('records who did what, with the comment, for the history', () => {
    const result = transition(run([raise(T0)]), ack(T0 + MIN));
    expect(result.ok && result.entry).toEqual({
      ts: T0 + MIN,
      action: 'acknowledge',
      from: 'active_unacknowledged',
      to: 'active_acknowledged',
      severity: 'major',
      userId: 'u-1',
      comment: 'on it',
    });
  });

  it('counts a repeat while open on the same alarm and re-activates a cleared one', () => {
    const again = run([raise(T0), clear(T0 + MIN), raise(T0 + 2 * MIN, 'critical')]);
    expect(again).toMatchObject({
      state: 'active_unacknowledged',
      occurrences: 2,
      severity: 'critical',
      clearedAt: null,
      raisedAt: T0,
    });
  });

  it.each<[string, AlarmAction[], AlarmAction, AlarmLifecycleErrorCode]>([
    ['acknowledge twice', [raise(T0), ack(T0)], ack(T0 + 1), AlarmLifecycleErrorCode.AlreadyAcknowledged],
    ['clear twice', [raise(T0), clear(T0)], clear(T0 + 1), AlarmLifecycleErrorCode.AlreadyCleared],
    [
      'acknowledge a closed alarm',
      [raise(T0), ack(T0), clear(T0)],
      ack(T0 + 1),
      AlarmLifecycleErrorCode.AlarmClosed,
    ],
    [
      'raise on a closed alarm',
      [raise(T0), clear(T0), ack(T0)],
      raise(T0 + 1),
      AlarmLifecycleErrorCode.AlarmClosed,
    ],
    [
      'escalate a cleared alarm',
      [raise(T0), clear(T0)],
      { type: 'escalate', ts: T0 + 1, severity: 'critical', value: null, message: 'x' },
      AlarmLifecycleErrorCode.NotActive,
    ],
    [
      'unshelve what is not shelved',
      [raise(T0)],
      { type: 'unshelve', ts: T0 + 1, userId: 'u-1' },
      AlarmLifecycleErrorCode.NotShelved,
    ],
    [
      'shelve into the past',
      [raise(T0)],
      { type: 'shelve', ts: T0 + HOUR, until: T0, userId: 'u-1' },
      AlarmLifecycleErrorCode.InvalidShelvePeriod,
    ],
    [
      'shelve for a month',
      [raise(T0)],
      { type: 'shelve', ts: T0, until: T0 + 30 * 24 * HOUR, userId: 'u-1' },
      AlarmLifecycleErrorCode.InvalidShelvePeriod,
    ],
  ])('refuses to %s with a typed error', (_name, before, action, code) => {
    const result = transition(run(before), action);
    expect(errorCode(result)).toBe(code);
    expect(!result.ok && result.error).toBeInstanceOf(AlarmLifecycleError);
  });

  it('refuses to acknowledge when there is no open alarm', () => {
    expect(errorCode(transition(null, ack(T0)))).toBe(AlarmLifecycleErrorCode.NoOpenAlarm);
  });

  it('suppresses notifications while shelved, and only then', () => {
    const shelved = ok(
      transition(run([raise(T0)]), { type: 'shelve', ts: T0, until: T0 + HOUR, userId: 'u-1' }),
    );
    const escalate: AlarmAction = {
      type: 'escalate',
      ts: T0 + 30 * MIN,
      severity: 'critical',
      value: 99,
      message: 'hot',
    };
    const during = transition(shelved, escalate);
    expect(during.ok && during.notify).toBe(false);
    // The state still moves while shelved: operators see the truth when they look.
    expect(ok(during).severity).toBe('critical');
    const after = transition(shelved, { ...escalate, ts: T0 + HOUR });
    expect(after.ok && after.notify).toBe(true);
    const unshelved = ok(transition(shelved, { type: 'unshelve', ts: T0 + MIN, userId: 'u-1' }));
    const now = transition(unshelved, { ...escalate, ts: T0 + 2 * MIN });
    expect(now.ok && now.notify).toBe(true);
  });

  it('does not notify for what a user did', () => {
    const manual = transition(run([raise(T0)]), {
      type: 'clear',
      ts: T0 + MIN,
      userId: 'u-1',
      comment: 'sensor swapped',
    });
    expect(manual.ok && manual.notify).toBe(false);
    expect(ok(manual).clearedBy).toBe('u-1');
  });

  it('never leaves the four states, closed stays closed and occurrences never drop', () => {
    const actionArb: fc.Arbitrary<AlarmAction> = fc.oneof(
      fc.constant(raise(0)),
      fc.constant(ack(0)),
      fc.constant(clear(0)),
      fc.constant<AlarmAction>({ type: 'clear', ts: 0, userId: 'u-2' }),
      fc.constant<AlarmAction>({ type: 'escalate', ts: 0, severity: 'critical', value: 1, message: 'x' }),
      fc.constant<AlarmAction>({ type: 'shelve', ts: 0, until: 10 * MIN, userId: 'u-1' }),
      fc.constant<AlarmAction>({ type: 'unshelve', ts: 0, userId: 'u-1' }),
    );
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 40 }), (actions) => {
        let alarm: AlarmRecord | null = null;
        actions.forEach((action, i) => {
          const timed = {
            ...action,
            ts: T0 + i * MIN,
            ...(action.type === 'shelve' ? { until: T0 + i * MIN + 10 * MIN } : {}),
          };
          const result = transition(alarm, timed);
          if (alarm !== null && !isOpen(alarm)) expect(result.ok).toBe(false);
          if (!result.ok) return;
          expect(ALARM_STATES).toContain(result.alarm.state);
          if (alarm !== null) expect(result.alarm.occurrences).toBeGreaterThanOrEqual(alarm.occurrences);
          alarm = result.alarm;
        });
      }),
    );
  });
});

describe('evaluator events on the lifecycle', () => {
  it('turns a down machine into one alarm with its escalation, reminders and clear', () => {
    const down = rule({
      severity: 'major',
      forMs: 10 * MIN,
      repeatEveryMs: 30 * MIN,
      escalation: [{ afterMs: HOUR, severity: 'critical' }],
      condition: { kind: 'state', states: ['down'] },
    });
    const inputs = merge(
      [stateSample(T0, 'down'), stateSample(T0 + 2 * HOUR, 'running')],
      ticks(T0, T0 + 3 * HOUR, MIN),
    );
    let alarm: AlarmRecord | null = null;
    const notified: string[] = [];
    for (const event of replay(down, inputs).events) {
      const result = applyAlarmEvent(alarm, event);
      if (!result.ok) throw result.error;
      alarm = result.alarm;
      if (result.notify) notified.push(`${event.type}@${(event.ts - T0) / MIN}`);
      if (event.type === 'raised' && alarm !== null) {
        // The shift lead acknowledges and shelves during the planned repair.
        alarm = ok(transition(alarm, ack(event.ts + MIN)));
        alarm = ok(
          transition(alarm, {
            type: 'shelve',
            ts: event.ts + MIN,
            until: event.ts + 45 * MIN,
            userId: 'u-1',
          }),
        );
      }
    }
    // raised 10; reminder 40 is shelved; 70 escalates; reminder 100; cleared 120.
    expect(notified).toEqual(['raised@10', 'escalated@70', 'repeated@100', 'cleared@120']);
    expect(alarm).toMatchObject({ state: 'cleared_acknowledged', severity: 'critical', occurrences: 1 });
  });

  it('treats evaluator events on an alarm a user already cleared as no-ops', () => {
    const cleared = run([raise(T0), { type: 'clear', ts: T0 + MIN, userId: 'u-1' }]);
    const result = applyAlarmEvent(cleared, {
      type: 'cleared',
      ts: T0 + 2 * MIN,
      severity: 'major',
      value: 70,
      message: 'ok',
      raisedAt: T0,
      activeForMs: 2 * MIN,
    });
    expect(result).toEqual({ ok: true, alarm: cleared, entry: null, notify: false });
  });
});
