import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluate, initialRuleState, replay, type AlarmEvent, type EvaluationInput } from './evaluator';
import type { RuleDefinition } from './rule-definition';
import { MIN, rule, SEC, T0 } from './spec-helpers';

const LIMIT = 50;

const ruleArb: fc.Arbitrary<RuleDefinition> = fc
  .record({
    hysteresis: fc.integer({ min: 0, max: 10 }),
    forMs: fc.integer({ min: 0, max: 10 }).map((m) => m * MIN),
    clearForMs: fc.integer({ min: 0, max: 5 }).map((m) => m * MIN),
    repeat: fc.option(
      fc.integer({ min: 1, max: 20 }).map((m) => m * MIN),
      { nil: undefined },
    ),
    escalateAfter: fc.option(
      fc.integer({ min: 1, max: 30 }).map((m) => m * MIN),
      { nil: undefined },
    ),
  })
  .map(({ hysteresis, forMs, clearForMs, repeat, escalateAfter }) =>
    rule({
      severity: 'minor',
      forMs,
      clearForMs,
      ...(repeat === undefined ? {} : { repeatEveryMs: repeat }),
      ...(escalateAfter === undefined
        ? {}
        : { escalation: [{ afterMs: escalateAfter, severity: 'critical' }] }),
      condition: { kind: 'threshold', metric: 'temperature', op: '>', value: LIMIT, hysteresis },
    }),
  );

// A signal that wanders around the limit as a random walk, with ticks in between and, now and
// then, a sample that arrives late (older than what was already seen).
const inputsArb: fc.Arbitrary<EvaluationInput[]> = fc
  .array(
    fc.record({
      stepS: fc.integer({ min: 0, max: 120 }),
      kind: fc.constantFrom('sample', 'sample', 'tick'),
      delta: fc.integer({ min: -6, max: 6 }),
      late: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }),
    { minLength: 20, maxLength: 300, size: 'max' },
  )
  .map((steps) => {
    let ts = T0;
    let value = LIMIT;
    return steps.map(({ stepS, kind, delta, late }): EvaluationInput => {
      ts += stepS * SEC;
      value = Math.min(70, Math.max(30, value + delta));
      const at = late ? ts - 10 * MIN : ts;
      return kind === 'tick'
        ? { kind: 'tick', ts: at }
        : { kind: 'sample', ts: at, values: { temperature: value } };
    });
  });

const accepted = (inputs: EvaluationInput[]): EvaluationInput[] => {
  let last = -Infinity;
  return inputs.filter((input) => {
    if (input.ts < last) return false;
    last = input.ts;
    return true;
  });
};

describe('evaluator properties', () => {
  it('alternates raised and cleared, with escalations and repeats only while raised', () => {
    fc.assert(
      fc.property(ruleArb, inputsArb, (r, inputs) => {
        let open = false;
        for (const event of replay(r, inputs).events) {
          if (event.type === 'raised') expect(open).toBe(false);
          else expect(open).toBe(true);
          if (event.type === 'raised') open = true;
          if (event.type === 'cleared') open = false;
        }
      }),
    );
  });

  it('never raises before forMs of continuous truth, and always raises once forMs has passed', () => {
    fc.assert(
      fc.property(ruleArb, inputsArb, (generated, inputs) => {
        const r: RuleDefinition = {
          ...generated,
          condition: { kind: 'threshold', metric: 'temperature', op: '>', value: LIMIT },
        };
        // The oracle: the last value holds until the next sample; truth starts at the sample
        // that first crosses the limit.
        let value: number | null = null;
        let trueSince: number | null = null;
        let state = initialRuleState(r);
        let open = false;
        for (const input of accepted(inputs)) {
          if (input.kind === 'sample') value = input.values?.['temperature'] ?? value;
          const truth = value !== null && value > LIMIT;
          trueSince = truth ? (trueSince ?? input.ts) : null;
          const result = evaluate(r, state, input);
          state = result.state;
          for (const event of result.events) {
            if (event.type === 'raised') {
              expect(trueSince).not.toBeNull();
              expect(event.ts - (trueSince ?? Infinity)).toBeGreaterThanOrEqual(r.forMs ?? 0);
              open = true;
            }
            if (event.type === 'cleared') open = false;
          }
          if (trueSince !== null && input.ts - trueSince >= (r.forMs ?? 0)) expect(open).toBe(true);
        }
      }),
    );
  });

  it('needs the signal back past the hysteresis band between two raises', () => {
    fc.assert(
      fc.property(ruleArb, inputsArb, (r, inputs) => {
        const condition = r.condition;
        if (condition.kind !== 'threshold') throw new Error('generated threshold rules only');
        const h = condition.hysteresis ?? 0;
        const kept = accepted(inputs);
        const raises = replay(r, kept).events.filter((e) => e.type === 'raised');
        for (let i = 1; i < raises.length; i++) {
          const from = raises[i - 1]?.ts ?? 0;
          const to = raises[i]?.ts ?? 0;
          const between = kept.filter(
            (input) => input.kind === 'sample' && input.ts >= from && input.ts <= to,
          );
          const dipped = between.some(
            (input) => input.kind === 'sample' && (input.values?.['temperature'] ?? Infinity) <= LIMIT - h,
          );
          expect(dipped).toBe(true);
        }
      }),
    );
  });

  it('gives the same events whether the state was kept in memory or went through JSON', () => {
    fc.assert(
      fc.property(ruleArb, inputsArb, (r, inputs) => {
        const events: AlarmEvent[] = [];
        let persisted = JSON.stringify(initialRuleState(r));
        for (const input of inputs) {
          const result = evaluate(r, JSON.parse(persisted) as ReturnType<typeof initialRuleState>, input);
          events.push(...result.events);
          persisted = JSON.stringify(result.state);
        }
        expect(events).toEqual(replay(r, inputs).events);
      }),
    );
  });

  it('is not moved by late samples: dropping them changes nothing', () => {
    fc.assert(
      fc.property(ruleArb, inputsArb, (r, inputs) => {
        const all = replay(r, inputs);
        const kept = accepted(inputs);
        const clean = replay(r, kept);
        expect(all.events).toEqual(clean.events);
        expect(all.ignored).toBe(inputs.length - kept.length);
      }),
    );
  });
});
