import { z } from 'zod';
import { MACHINE_STATES, type MachineState } from './machine-state';
import { compareSeverity, SEVERITIES, type Severity } from './severity';

export const THRESHOLD_OPS = ['>', '>=', '<', '<='] as const;
export type ThresholdOp = (typeof THRESHOLD_OPS)[number];

export const RATE_DIRECTIONS = ['rising', 'falling', 'either'] as const;
export type RateDirection = (typeof RATE_DIRECTIONS)[number];

export interface ThresholdCondition {
  kind: 'threshold';
  metric: string;
  op: ThresholdOp;
  value: number;
  // Once raised, the condition holds until the metric is back past value ∓ hysteresis.
  hysteresis?: number;
}

export interface RangeCondition {
  kind: 'range';
  metric: string;
  min: number;
  max: number;
  // Once outside [min, max], the condition holds until the metric is back inside
  // [min + hysteresis, max - hysteresis].
  hysteresis?: number;
}

export interface RateCondition {
  kind: 'rate';
  metric: string;
  // Units of the metric per minute, between the last two samples of the metric.
  perMinuteAbove: number;
  direction?: RateDirection;
}

export interface StateCondition {
  kind: 'state';
  states: MachineState[];
}

export interface NoDataCondition {
  kind: 'noData';
  // Without a metric, any sample from the asset counts as data.
  metric?: string;
  silentForMs: number;
}

export interface CombinedCondition {
  kind: 'all' | 'any';
  conditions: Condition[];
}

export type LeafCondition =
  ThresholdCondition | RangeCondition | RateCondition | StateCondition | NoDataCondition;
export type Condition = LeafCondition | CombinedCondition;

export interface EscalationStep {
  // Measured from the moment the alarm was raised.
  afterMs: number;
  severity: Severity;
}

export interface RuleDefinition {
  v: 1;
  condition: Condition;
  severity: Severity;
  forMs?: number;
  clearForMs?: number;
  escalation?: EscalationStep[];
  repeatEveryMs?: number;
}

export interface RuleIssue {
  // "condition.conditions[1].value"; empty for the definition as a whole.
  path: string;
  message: string;
}

export type RuleParseResult = { ok: true; rule: RuleDefinition } | { ok: false; issues: RuleIssue[] };

const DAY_MS = 86_400_000;
export const MAX_DURATION_MS = 90 * DAY_MS;
export const MIN_REPEAT_EVERY_MS = 60_000;
export const MAX_CONDITION_DEPTH = 6;
export const MAX_LEAF_CONDITIONS = 32;
export const MAX_ESCALATION_STEPS = 5;

const metric = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });
const finite = z.number();
const hysteresis = z.number().min(0, { error: 'must be >= 0' });
const duration = z
  .number()
  .int({ error: 'must be a whole number of milliseconds' })
  .min(0, { error: 'must be >= 0' })
  .max(MAX_DURATION_MS, { error: `must be at most ${MAX_DURATION_MS} (90 days)` });
const positiveDuration = duration.min(1, { error: 'must be > 0' });
const severity = z.enum(SEVERITIES);

const thresholdSchema = z.strictObject({
  kind: z.literal('threshold'),
  metric,
  op: z.enum(THRESHOLD_OPS),
  value: finite,
  hysteresis: hysteresis.optional(),
});

const rangeSchema = z
  .strictObject({
    kind: z.literal('range'),
    metric,
    min: finite,
    max: finite,
    hysteresis: hysteresis.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.min >= c.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be greater than min' });
    } else if (c.hysteresis !== undefined && 2 * c.hysteresis >= c.max - c.min) {
      // Otherwise the clear band [min + h, max - h] is empty and the alarm could never clear.
      ctx.addIssue({
        code: 'custom',
        path: ['hysteresis'],
        message: 'must be less than half of max - min',
      });
    }
  });

const rateSchema = z.strictObject({
  kind: z.literal('rate'),
  metric,
  perMinuteAbove: z.number().gt(0, { error: 'must be > 0' }),
  direction: z.enum(RATE_DIRECTIONS).optional(),
});

const stateSchema = z.strictObject({
  kind: z.literal('state'),
  states: z
    .array(z.enum(MACHINE_STATES))
    .min(1, { error: 'must list at least one machine state' })
    .refine((states) => new Set(states).size === states.length, { error: 'must not repeat a state' }),
});

const noDataSchema = z.strictObject({
  kind: z.literal('noData'),
  metric: metric.optional(),
  silentForMs: positiveDuration,
});

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    thresholdSchema,
    rangeSchema,
    rateSchema,
    stateSchema,
    noDataSchema,
    combinedSchema('all'),
    combinedSchema('any'),
  ]),
);

function combinedSchema<K extends 'all' | 'any'>(kind: K) {
  return z.strictObject({
    kind: z.literal(kind),
    conditions: z.array(conditionSchema).min(1, { error: 'must hold at least one condition' }),
  });
}

const escalationSchema = z
  .array(z.strictObject({ afterMs: positiveDuration, severity }))
  .max(MAX_ESCALATION_STEPS, { error: `must have at most ${MAX_ESCALATION_STEPS} steps` });

const ruleSchema = z
  .strictObject({
    v: z.literal(1),
    condition: conditionSchema,
    severity,
    forMs: duration.optional(),
    clearForMs: duration.optional(),
    escalation: escalationSchema.optional(),
    repeatEveryMs: duration
      .min(MIN_REPEAT_EVERY_MS, { error: `must be at least ${MIN_REPEAT_EVERY_MS} (one minute)` })
      .optional(),
  })
  .superRefine((rule, ctx) => {
    let previous = { afterMs: 0, severity: rule.severity };
    (rule.escalation ?? []).forEach((step, i) => {
      if (step.afterMs <= previous.afterMs && i > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', i, 'afterMs'],
          message: `must be greater than the previous step's afterMs (${previous.afterMs})`,
        });
      }
      if (compareSeverity(step.severity, previous.severity) <= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', i, 'severity'],
          message: `must be more severe than ${previous.severity}`,
        });
      }
      previous = step;
    });
    checkShape(rule.condition, ['condition'], 1, ctx);
    const leaves = countLeaves(rule.condition);
    if (leaves > MAX_LEAF_CONDITIONS) {
      ctx.addIssue({
        code: 'custom',
        path: ['condition'],
        message: `has ${leaves} conditions, at most ${MAX_LEAF_CONDITIONS} are allowed`,
      });
    }
  });

function checkShape(condition: Condition, path: PropertyKey[], depth: number, ctx: z.RefinementCtx): void {
  if (condition.kind !== 'all' && condition.kind !== 'any') return;
  if (depth >= MAX_CONDITION_DEPTH) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'conditions'],
      message: `nests deeper than ${MAX_CONDITION_DEPTH} levels`,
    });
    return;
  }
  condition.conditions.forEach((child, i) => checkShape(child, [...path, 'conditions', i], depth + 1, ctx));
}

export function countLeaves(condition: Condition): number {
  switch (condition.kind) {
    case 'all':
    case 'any':
      return condition.conditions.reduce((sum, child) => sum + countLeaves(child), 0);
    case 'threshold':
    case 'range':
    case 'rate':
    case 'state':
    case 'noData':
      return 1;
  }
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);
const quoted = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

// Zod's defaults ("Invalid input: expected number, received string") are written for developers;
// rule authors get the same facts in shorter words, always next to the path.
function ruleErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `expected ${article(issue.expected)}`;
  }
  if (issue.code === 'invalid_value') {
    const expected = issue.values.length === 1 ? quoted(issue.values) : `one of ${quoted(issue.values)}`;
    return issue.input === undefined ? `is required, ${expected}` : `expected ${expected}`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue && Array.isArray(issue['options'])) {
    const options = quoted(issue['options'] as unknown[]);
    const input = issue.input;
    const missing = typeof input === 'object' && input !== null && !('kind' in input);
    return missing ? `is required, one of ${options}` : `expected one of ${options}`;
  }
  return undefined;
}

export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

export function parseRuleDefinition(input: unknown): RuleParseResult {
  const result = ruleSchema.safeParse(input, { error: ruleErrorMap });
  if (result.success) return { ok: true, rule: result.data };
  return {
    ok: false,
    issues: result.error.issues.flatMap((issue) =>
      // A typo'd field is reported where it is, so "hysterisis" reads as the culprit.
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: formatIssuePath([...issue.path, key]), message: 'unknown field' }))
        : [{ path: formatIssuePath(issue.path), message: issue.message }],
    ),
  };
}

export function formatRuleIssues(issues: readonly RuleIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
}

export class RuleDefinitionError extends Error {
  constructor(readonly issues: RuleIssue[]) {
    super(`invalid alarm rule: ${formatRuleIssues(issues)}`);
    this.name = 'RuleDefinitionError';
  }
}

// For callers that read rules written by this lib (the database) and treat a bad one as a bug.
export function assertRuleDefinition(input: unknown): RuleDefinition {
  const result = parseRuleDefinition(input);
  if (!result.ok) throw new RuleDefinitionError(result.issues);
  return result.rule;
}
