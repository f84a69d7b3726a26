import { describe, expect, it } from '@jest/globals';
import {
  assertRuleDefinition,
  formatRuleIssues,
  parseRuleDefinition,
  RuleDefinitionError,
  type RuleIssue,
} from './rule-definition';

const issuesOf = (input: unknown): RuleIssue[] => {
  const result = parseRuleDefinition(input);
  if (result.ok) throw new Error('expected the rule to be refused');
  return result.issues;
};
const threshold = { kind: 'threshold', metric: 'temperature', op: '>', value: 80 };

describe('rule definition schema', () => {
  it('accepts every kind of condition, nested, with durations, escalation and repeats', () => {
    const definition = {
      v: 1,
      severity: 'major',
      forMs: 300_000,
      clearForMs: 120_000,
      repeatEveryMs: 900_000,
      escalation: [{ afterMs: 1_800_000, severity: 'critical' }],
      condition: {
        kind: 'any',
        conditions: [
          { ...threshold, hysteresis: 2 },
          { kind: 'range', metric: 'pressure', min: 2, max: 6, hysteresis: 0.5 },
          { kind: 'rate', metric: 'temperature', perMinuteAbove: 5, direction: 'either' },
          {
            kind: 'all',
            conditions: [
              { kind: 'state', states: ['down', 'setup'] },
              { kind: 'noData', silentForMs: 600_000 },
            ],
          },
          { kind: 'noData', metric: 'vibration', silentForMs: 60_000 },
        ],
      },
    };
    expect(parseRuleDefinition(definition)).toEqual({ ok: true, rule: definition });
  });

  it('names the path of a wrong type inside a combination', () => {
    const input = {
      v: 1,
      severity: 'major',
      condition: { kind: 'all', conditions: [threshold, { ...threshold, value: '80' }] },
    };
    expect(issuesOf(input)).toEqual([
      { path: 'condition.conditions[1].value', message: 'expected a number' },
    ]);
  });

  it('reports every problem at once, each where it is', () => {
    const input = {
      v: 1,
      severity: 'huge',
      forMs: -1,
      condition: {
        kind: 'any',
        conditions: [
          { ...threshold, op: '=>', hysterisis: 1 },
          {},
          5,
          { kind: 'range', metric: 'p', min: 5, max: 1 },
          { kind: 'state', states: [] },
          { kind: 'all', conditions: [] },
          { kind: 'noData' },
          { kind: 'rate', metric: ' ', perMinuteAbove: 0 },
        ],
      },
    };
    expect(formatRuleIssues(issuesOf(input)).split('; ')).toEqual([
      'condition.conditions[0].op: expected one of ">", ">=", "<", "<="',
      'condition.conditions[0].hysterisis: unknown field',
      'condition.conditions[1].kind: is required, one of "threshold", "range", "rate", "state", "noData", "all", "any"',
      'condition.conditions[2]: expected an object',
      'condition.conditions[3].max: must be greater than min',
      'condition.conditions[4].states: must list at least one machine state',
      'condition.conditions[5].conditions: must hold at least one condition',
      'condition.conditions[6].silentForMs: is required',
      'condition.conditions[7].metric: must not be empty',
      'condition.conditions[7].perMinuteAbove: must be > 0',
      'severity: expected one of "critical", "major", "minor", "warning", "info"',
      'forMs: must be >= 0',
    ]);
  });

  it('refuses an unknown version and a missing condition', () => {
    expect(issuesOf({ v: 2, severity: 'info', condition: threshold })).toEqual([
      { path: 'v', message: 'expected 1' },
    ]);
    expect(issuesOf({ v: 1, severity: 'info' })).toEqual([{ path: 'condition', message: 'is required' }]);
    expect(issuesOf(null)).toEqual([{ path: '', message: 'expected an object' }]);
  });

  it('refuses a hysteresis band that would never let a range clear', () => {
    const input = {
      v: 1,
      severity: 'info',
      condition: { kind: 'range', metric: 'p', min: 2, max: 6, hysteresis: 2 },
    };
    expect(issuesOf(input)).toEqual([
      { path: 'condition.hysteresis', message: 'must be less than half of max - min' },
    ]);
  });

  it('wants escalation steps later and more severe each time', () => {
    const input = {
      v: 1,
      severity: 'major',
      condition: threshold,
      escalation: [
        { afterMs: 600_000, severity: 'minor' },
        { afterMs: 600_000, severity: 'critical' },
      ],
    };
    expect(issuesOf(input)).toEqual([
      { path: 'escalation[0].severity', message: 'must be more severe than major' },
      { path: 'escalation[1].afterMs', message: "must be greater than the previous step's afterMs (600000)" },
    ]);
  });

  it('keeps repeats at a humane interval and durations in whole milliseconds', () => {
    expect(
      issuesOf({ v: 1, severity: 'info', condition: threshold, repeatEveryMs: 1000, forMs: 1.5 }),
    ).toEqual([
      { path: 'forMs', message: 'must be a whole number of milliseconds' },
      { path: 'repeatEveryMs', message: 'must be at least 60000 (one minute)' },
    ]);
  });

  it('limits nesting depth and size', () => {
    let deep: unknown = threshold;
    for (let i = 0; i < 7; i++) deep = { kind: 'all', conditions: [deep] };
    expect(issuesOf({ v: 1, severity: 'info', condition: deep })[0]?.message).toBe(
      'nests deeper than 6 levels',
    );
    const wide = { kind: 'any', conditions: Array.from({ length: 33 }, () => threshold) };
    expect(issuesOf({ v: 1, severity: 'info', condition: wide })).toEqual([
      { path: 'condition', message: 'has 33 conditions, at most 32 are allowed' },
    ]);
  });

  it('throws a RuleDefinitionError carrying the issues for rules that must be valid', () => {
    expect(() => assertRuleDefinition({ v: 1 })).toThrow(RuleDefinitionError);
    expect(() => assertRuleDefinition({ v: 1 })).toThrow(/condition: is required/);
  });
});
