import { describe, expect, it } from '@jest/globals';
import { evaluate, initialRuleState, replay, RuleStateMismatchError } from './evaluator';
import {
  at,
  HOUR,
  kinds,
  merge,
  MIN,
  noisy,
  rule,
  sample,
  SEC,
  signal,
  stateSample,
  T0,
  tick,
  ticks,
} from './spec-helpers';

const overheat = (extra: { hysteresis?: number } = {}) =>
  rule({
    severity: 'major',
    condition: { kind: 'threshold', metric: 'temperature', op: '>', value: 80, ...extra },
  });

describe('thresholds and hysteresis', () => {
  // An hour of a bearing temperature hovering at the limit, sampled every 10 s.
  const hovering = signal('temperature', T0, T0 + HOUR, 10 * SEC, noisy(80, 2, 7));
  const cooledDown = signal('temperature', T0 + HOUR, T0 + HOUR + 10 * MIN, 10 * SEC, noisy(70, 2, 8));

  it('flaps on a noisy signal without hysteresis', () => {
    const { events } = replay(overheat(), [...hovering, ...cooledDown]);
    expect(events.filter((e) => e.type === 'raised').length).toBeGreaterThan(50);
  });

  it('raises once with a hysteresis wider than the noise, and clears once the signal really drops', () => {
    const { events } = replay(overheat({ hysteresis: 3 }), [...hovering, ...cooledDown]);
    expect(kinds(events)).toEqual(['raised', 'cleared']);
    expect(at(events, 'cleared')[0]).toBeGreaterThanOrEqual(60);
  });

  it('reports the value and a readable message on raise', () => {
    const { events } = replay(overheat(), [
      sample(T0, { temperature: 72 }),
      sample(T0 + MIN, { temperature: 85.25 }),
    ]);
    expect(events).toEqual([
      {
        type: 'raised',
        ts: T0 + MIN,
        severity: 'major',
        value: 85.25,
        message: 'temperature > 80 (is 85.25)',
        conditionSince: T0 + MIN,
      },
    ]);
  });

  it('holds a range alarm until the value is back inside the narrowed band', () => {
    const pressure = rule({
      severity: 'minor',
      condition: { kind: 'range', metric: 'pressure', min: 2, max: 6, hysteresis: 0.5 },
    });
    const values = [4, 6.2, 5.8, 5.6, 5.4, 1.9, 2.3, 2.6, 4];
    const { events } = replay(
      pressure,
      values.map((v, i) => sample(T0 + i * MIN, { pressure: v })),
    );
    // Raised at 6.2; 5.8 and 5.6 are inside [2, 6] but not [2.5, 5.5]; cleared at 5.4, raised at
    // 1.9, held at 2.3, cleared at 2.6.
    expect(events.map((e) => `${e.type}@${(e.ts - T0) / MIN}`)).toEqual([
      'raised@1',
      'cleared@4',
      'raised@5',
      'cleared@7',
    ]);
  });

  it('ignores readings of metrics the rule does not use and never-seen metrics stay quiet', () => {
    const { events, state } = replay(overheat(), [sample(T0, { vibration: 99 }), tick(T0 + HOUR)]);
    expect(events).toEqual([]);
    expect(Object.keys(state.metrics)).toEqual([]);
  });

  it('treats a NaN reading as absent, not as a value', () => {
    const { events } = replay(overheat(), [
      sample(T0, { temperature: 90 }),
      sample(T0 + MIN, { temperature: NaN }),
    ]);
    expect(kinds(events)).toEqual(['raised']);
  });
});

describe('"for at least" durations', () => {
  const hot = rule({
    severity: 'major',
    forMs: 5 * MIN,
    condition: { kind: 'threshold', metric: 'temperature', op: '>=', value: 80 },
  });
  const step = (stepAt: number) =>
    signal('temperature', T0, T0 + HOUR, 30 * SEC, (ts) => (ts >= stepAt ? 90 : 60));

  it('fires after five minutes above the limit, and not a sample before', () => {
    const { events } = replay(hot, step(T0 + 10 * MIN));
    expect(kinds(events)).toEqual(['raised']);
    expect(at(events, 'raised')).toEqual([15]);
    expect(events[0]?.message).toBe('temperature >= 80 (is 90) for 5 min');
  });

  it('fires on a tick when the last sample still holds', () => {
    const inputs = merge([sample(T0, { temperature: 90 })], ticks(T0 + 10 * SEC, T0 + 10 * MIN, 10 * SEC));
    expect(at(replay(hot, inputs).events, 'raised')).toEqual([5]);
  });

  it('starts the wait again when the condition lets go for one sample', () => {
    const inputs = signal('temperature', T0, T0 + 20 * MIN, MIN, (_ts, i) => (i === 4 ? 70 : 90));
    expect(at(replay(hot, inputs).events, 'raised')).toEqual([10]);
  });

  it('fires a machine-state rule when a machine has been down for ten minutes', () => {
    const down = rule({
      severity: 'critical',
      forMs: 10 * MIN,
      condition: { kind: 'state', states: ['down'] },
    });
    const inputs = merge(
      [stateSample(T0, 'running'), stateSample(T0 + 5 * MIN, 'down'), stateSample(T0 + 40 * MIN, 'running')],
      ticks(T0, T0 + HOUR, MIN),
    );
    const { events } = replay(down, inputs);
    expect(kinds(events)).toEqual(['raised', 'cleared']);
    expect(at(events, 'raised')).toEqual([15]);
    expect(at(events, 'cleared')).toEqual([40]);
    expect(events[0]?.message).toBe('machine down for 10 min');
  });

  it('does not fire for a short stop', () => {
    const down = rule({
      severity: 'critical',
      forMs: 10 * MIN,
      condition: { kind: 'state', states: ['down'] },
    });
    const inputs = merge(
      [stateSample(T0, 'down'), stateSample(T0 + 9 * MIN, 'idle')],
      ticks(T0, T0 + HOUR, MIN),
    );
    expect(replay(down, inputs).events).toEqual([]);
  });
});

describe('no data', () => {
  const silent = rule({
    severity: 'warning',
    condition: { kind: 'noData', silentForMs: 5 * MIN },
  });

  it('fires when the gateway goes silent and clears when samples resume', () => {
    const inputs = merge(
      signal('temperature', T0, T0 + 30 * MIN, 10 * SEC, () => 60),
      signal('temperature', T0 + 50 * MIN, T0 + HOUR, 10 * SEC, () => 60),
      ticks(T0, T0 + HOUR, 30 * SEC),
    );
    const { events } = replay(silent, inputs);
    expect(kinds(events)).toEqual(['raised', 'cleared']);
    // The last sample is at 29:50, so five minutes of silence are complete at 34:50 and the
    // 35:00 tick notices.
    expect(at(events, 'raised')).toEqual([35]);
    expect(at(events, 'cleared')).toEqual([50]);
    expect(events[0]?.message).toBe('no data from the asset for 5.2 min');
  });

  it('watches one tag while the others keep reporting', () => {
    const tagSilent = rule({
      severity: 'warning',
      condition: { kind: 'noData', metric: 'pressure', silentForMs: 10 * MIN },
    });
    const inputs = merge(
      signal('temperature', T0, T0 + HOUR, MIN, () => 60),
      signal('pressure', T0, T0 + 20 * MIN, MIN, () => 4),
    );
    const { events } = replay(tagSilent, inputs);
    expect(at(events, 'raised')).toEqual([29]);
  });

  it('counts silence from the first evaluation when nothing ever arrived', () => {
    const { events } = replay(silent, ticks(T0, T0 + 10 * MIN, MIN));
    expect(at(events, 'raised')).toEqual([5]);
  });
});

describe('escalation and repeats', () => {
  const escalating = rule({
    severity: 'minor',
    condition: { kind: 'state', states: ['down'] },
    escalation: [
      { afterMs: 30 * MIN, severity: 'major' },
      { afterMs: 2 * HOUR, severity: 'critical' },
    ],
  });

  it('raises the severity after the configured time, step by step', () => {
    const inputs = merge([stateSample(T0, 'down')], ticks(T0, T0 + 3 * HOUR, MIN));
    const { events, state } = replay(escalating, inputs);
    expect(events.map((e) => [e.type, e.severity, (e.ts - T0) / MIN])).toEqual([
      ['raised', 'minor', 0],
      ['escalated', 'major', 30],
      ['escalated', 'critical', 120],
    ]);
    expect(state.active?.severity).toBe('critical');
  });

  it('announces only the highest step reached after a gap in the ticks', () => {
    const { events } = replay(escalating, [stateSample(T0, 'down'), tick(T0 + 3 * HOUR)]);
    expect(events.map((e) => [e.type, e.severity])).toEqual([
      ['raised', 'minor'],
      ['escalated', 'critical'],
    ]);
  });

  it('does not escalate an alarm that clears in time', () => {
    const inputs = merge(
      [stateSample(T0, 'down'), stateSample(T0 + 20 * MIN, 'running')],
      ticks(T0, T0 + HOUR, MIN),
    );
    expect(kinds(replay(escalating, inputs).events)).toEqual(['raised', 'cleared']);
  });

  it('repeats the notification while active, restarting the period at an escalation', () => {
    const repeating = rule({
      severity: 'minor',
      condition: { kind: 'state', states: ['down'] },
      repeatEveryMs: 15 * MIN,
      escalation: [{ afterMs: 40 * MIN, severity: 'major' }],
    });
    const inputs = merge(
      [stateSample(T0, 'down'), stateSample(T0 + 70 * MIN, 'idle')],
      ticks(T0, T0 + 2 * HOUR, MIN),
    );
    const { events } = replay(repeating, inputs);
    expect(events.map((e) => `${e.type}@${(e.ts - T0) / MIN}`)).toEqual([
      'raised@0',
      'repeated@15',
      'repeated@30',
      'escalated@40',
      'repeated@55',
      'cleared@70',
    ]);
  });
});

describe('delayed clear', () => {
  const sticky = rule({
    severity: 'major',
    clearForMs: 2 * MIN,
    condition: { kind: 'threshold', metric: 'temperature', op: '>', value: 80 },
  });

  it('keeps the alarm through a short dip and clears after two quiet minutes', () => {
    // Above from 0, dips 10:00-11:00, above again, below for good from 20:00.
    const valueAt = (ts: number): number => {
      const m = (ts - T0) / MIN;
      return (m >= 10 && m < 11) || m >= 20 ? 70 : 90;
    };
    const inputs = merge(
      signal('temperature', T0, T0 + 30 * MIN, 30 * SEC, valueAt),
      ticks(T0, T0 + 30 * MIN, 10 * SEC),
    );
    const { events } = replay(sticky, inputs);
    expect(kinds(events)).toEqual(['raised', 'cleared']);
    expect(at(events, 'cleared')).toEqual([22]);
    expect(events[1]).toMatchObject({ value: 70, activeForMs: 22 * MIN });
  });
});

describe('combinations', () => {
  it('AND: too hot only counts while the machine runs', () => {
    const hotWhileRunning = rule({
      severity: 'major',
      condition: {
        kind: 'all',
        conditions: [
          { kind: 'threshold', metric: 'temperature', op: '>', value: 80 },
          { kind: 'state', states: ['running'] },
        ],
      },
    });
    const { events } = replay(hotWhileRunning, [
      sample(T0, { temperature: 90 }, 'idle'),
      sample(T0 + MIN, { temperature: 91 }, 'running'),
      sample(T0 + 2 * MIN, { temperature: 92 }),
      sample(T0 + 3 * MIN, {}, 'planned_stop'),
    ]);
    expect(events.map((e) => `${e.type}@${(e.ts - T0) / MIN}`)).toEqual(['raised@1', 'cleared@3']);
    expect(events[0]?.message).toBe('temperature > 80 (is 91) and machine running');
  });

  it('OR: either limit raises, and the alarm clears only when both are fine', () => {
    const either = rule({
      severity: 'major',
      condition: {
        kind: 'any',
        conditions: [
          { kind: 'threshold', metric: 'pressure', op: '>', value: 6 },
          { kind: 'threshold', metric: 'temperature', op: '>', value: 80 },
        ],
      },
    });
    const { events } = replay(either, [
      sample(T0, { pressure: 4, temperature: 60 }),
      sample(T0 + MIN, { pressure: 7, temperature: 60 }),
      sample(T0 + 2 * MIN, { pressure: 7, temperature: 85 }),
      sample(T0 + 3 * MIN, { pressure: 4, temperature: 85 }),
      sample(T0 + 4 * MIN, { pressure: 4, temperature: 60 }),
    ]);
    expect(events.map((e) => `${e.type}@${(e.ts - T0) / MIN}`)).toEqual(['raised@1', 'cleared@4']);
  });

  it('nests: (hot and running) or silent', () => {
    const nested = rule({
      severity: 'major',
      condition: {
        kind: 'any',
        conditions: [
          {
            kind: 'all',
            conditions: [
              { kind: 'threshold', metric: 'temperature', op: '>', value: 80, hysteresis: 5 },
              { kind: 'state', states: ['running'] },
            ],
          },
          { kind: 'noData', silentForMs: 10 * MIN },
        ],
      },
    });
    const inputs = merge(
      [sample(T0, { temperature: 85 }, 'running'), sample(T0 + MIN, { temperature: 78 })],
      [sample(T0 + 2 * MIN, { temperature: 74 })],
      ticks(T0, T0 + 20 * MIN, MIN),
    );
    expect(replay(nested, inputs).events.map((e) => `${e.type}@${(e.ts - T0) / MIN}`)).toEqual([
      'raised@0',
      'cleared@2',
      'raised@12',
    ]);
  });
});

describe('rate of change', () => {
  const climbing = rule({
    severity: 'warning',
    condition: { kind: 'rate', metric: 'temperature', perMinuteAbove: 5 },
  });

  it('stays quiet on a slow drift and raises on a fast climb', () => {
    const slow = signal('temperature', T0, T0 + 30 * MIN, 30 * SEC, (ts) => 40 + (ts - T0) / MIN);
    const fast = signal(
      'temperature',
      T0 + 30 * MIN,
      T0 + 35 * MIN,
      30 * SEC,
      (ts) => 70 + (10 * (ts - T0 - 30 * MIN)) / MIN,
    );
    const { events } = replay(climbing, [...slow, ...fast]);
    expect(kinds(events)).toEqual(['raised']);
    // 69.5 at 29:30, 70 at 30:00 (1/min), 75 at 30:30 (10/min).
    expect(at(events, 'raised')).toEqual([30.5]);
    expect(events[0]?.message).toBe('temperature rising faster than 5/min (10/min)');
  });

  it('watches falls and both directions when asked', () => {
    const dropping = [sample(T0, { level: 100 }), sample(T0 + MIN, { level: 90 })];
    const fall = rule({
      severity: 'warning',
      condition: { kind: 'rate', metric: 'level', perMinuteAbove: 5, direction: 'falling' },
    });
    const either = rule({
      severity: 'warning',
      condition: { kind: 'rate', metric: 'level', perMinuteAbove: 5, direction: 'either' },
    });
    const rise = rule({
      severity: 'warning',
      condition: { kind: 'rate', metric: 'level', perMinuteAbove: 5 },
    });
    expect(kinds(replay(fall, dropping).events)).toEqual(['raised']);
    expect(kinds(replay(either, dropping).events)).toEqual(['raised']);
    expect(kinds(replay(rise, dropping).events)).toEqual([]);
  });
});

describe('state handling', () => {
  it('ignores samples older than the last one seen and says so', () => {
    const r = overheat();
    const first = evaluate(r, initialRuleState(r), sample(T0 + MIN, { temperature: 70 }));
    const late = evaluate(r, first.state, sample(T0, { temperature: 95 }));
    expect(late).toEqual({ state: first.state, events: [], ignored: 'out_of_order' });
    expect(evaluate(r, first.state, tick(Number.NaN)).ignored).toBe('invalid_timestamp');
  });

  it('keeps a state that survives JSON and refuses a state built for another rule', () => {
    const r = overheat();
    const { state } = replay(r, [sample(T0, { temperature: 90 })]);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    const other = rule({
      severity: 'major',
      condition: { kind: 'any', conditions: [r.condition, { kind: 'state', states: ['down'] }] },
    });
    expect(() => evaluate(other, state, tick(T0 + MIN))).toThrow(RuleStateMismatchError);
  });

  it('stores a metric called __proto__ as data, not as a prototype', () => {
    const odd = rule({
      severity: 'info',
      condition: { kind: 'threshold', metric: '__proto__', op: '>', value: 1 },
    });
    const { state, events } = replay(odd, [
      { kind: 'sample', ts: T0, values: JSON.parse('{"__proto__": 5}') as Record<string, number> },
    ]);
    expect(kinds(events)).toEqual(['raised']);
    expect(Object.getPrototypeOf(state.metrics)).toBe(Object.prototype);
  });
});
