import {
  describeCondition,
  evaluateCondition,
  formatDuration,
  readingOf,
  referencedMetrics,
  type MetricReading,
  type Observations,
} from './conditions';
import type { MachineState } from './machine-state';
import { countLeaves, type RuleDefinition } from './rule-definition';
import type { Severity } from './severity';

// Time comes with the input (epoch milliseconds): the engine has no clock of its own. Ticks carry
// only time, so duration, escalation, repeat and no-data rules advance while a tag is silent.
export type EvaluationInput =
  | {
      kind: 'sample';
      ts: number;
      values?: Readonly<Record<string, number>>;
      machineState?: MachineState;
    }
  | { kind: 'tick'; ts: number };

export interface ActiveAlarm {
  raisedAt: number;
  severity: Severity;
  // Index of the last escalation step applied, -1 for none.
  escalationStep: number;
  repeats: number;
  nextRepeatAt: number | null;
}

// Plain JSON, persisted between evaluations. It belongs to one rule definition: when the rule
// changes, start again from initialRuleState.
export interface RuleState extends Observations {
  v: 1;
  lastTs: number | null;
  latches: boolean[];
  conditionTrue: boolean;
  // When conditionTrue last changed: the start of the "for" or the "clear for" wait.
  conditionSince: number | null;
  active: ActiveAlarm | null;
}

interface EventBase {
  ts: number;
  severity: Severity;
  value: number | null;
  message: string;
}

export type AlarmEvent =
  | (EventBase & { type: 'raised'; conditionSince: number })
  | (EventBase & { type: 'escalated'; from: Severity; step: number })
  | (EventBase & { type: 'repeated'; repeat: number })
  | (EventBase & { type: 'cleared'; raisedAt: number; activeForMs: number });

export type IgnoredReason = 'out_of_order' | 'invalid_timestamp';

export interface EvaluationResult {
  state: RuleState;
  events: AlarmEvent[];
  // Set when the input was dropped and the state returned unchanged.
  ignored: IgnoredReason | null;
}

export class RuleStateMismatchError extends Error {
  constructor(expected: number, actual: number) {
    super(
      `rule state has ${actual} condition latches but the rule has ${expected} conditions: ` +
        'the rule changed, start again from initialRuleState(rule)',
    );
    this.name = 'RuleStateMismatchError';
  }
}

export function initialRuleState(rule: RuleDefinition): RuleState {
  return {
    v: 1,
    firstTs: null,
    lastTs: null,
    lastSampleTs: null,
    machineState: null,
    metrics: {},
    latches: new Array<boolean>(countLeaves(rule.condition)).fill(false),
    conditionTrue: false,
    conditionSince: null,
    active: null,
  };
}

function observe(rule: RuleDefinition, state: RuleState, input: EvaluationInput): Observations {
  const firstTs = state.firstTs ?? input.ts;
  if (input.kind === 'tick') return { ...state, firstTs };
  let metrics: Record<string, MetricReading> = { ...state.metrics };
  for (const metric of referencedMetrics(rule.condition)) {
    if (input.values === undefined || !Object.hasOwn(input.values, metric)) continue;
    const value = input.values[metric];
    // A NaN or infinite reading is a broken sensor, not a value: treat it as absent.
    if (value === undefined || !Number.isFinite(value)) continue;
    const previous = readingOf(state, metric);
    // A correction re-sent with the same timestamp replaces the reading, not the rate's base.
    const reading: MetricReading =
      previous !== null && previous.ts === input.ts
        ? { ...previous, value }
        : { value, ts: input.ts, prevValue: previous?.value ?? null, prevTs: previous?.ts ?? null };
    // Spread and computed keys define own properties (assignment would not): a metric called
    // "__proto__" stays a metric.
    metrics = { ...metrics, [metric]: reading };
  }
  return {
    firstTs,
    lastSampleTs: input.ts,
    machineState: input.machineState ?? state.machineState,
    metrics,
  };
}

// The alarm state machine for one rule on one asset. Pure: the same rule, state and input always
// give the same result, so the worker can persist the state anywhere and replay late data.
export function evaluate(rule: RuleDefinition, state: RuleState, input: EvaluationInput): EvaluationResult {
  if (!Number.isFinite(input.ts)) return { state, events: [], ignored: 'invalid_timestamp' };
  if (state.lastTs !== null && input.ts < state.lastTs) return { state, events: [], ignored: 'out_of_order' };
  const leaves = countLeaves(rule.condition);
  if (state.latches.length !== leaves) throw new RuleStateMismatchError(leaves, state.latches.length);

  const ts = input.ts;
  const observations = observe(rule, state, input);
  const { result, latches } = evaluateCondition(rule.condition, observations, ts, state.latches);
  const changed = result.truth !== state.conditionTrue || state.conditionSince === null;
  const conditionSince = changed ? ts : (state.conditionSince ?? ts);
  const heldForMs = ts - conditionSince;
  const events: AlarmEvent[] = [];
  let active = state.active;

  if (active === null && result.truth && heldForMs >= (rule.forMs ?? 0)) {
    const held = (rule.forMs ?? 0) > 0 ? ` for ${formatDuration(heldForMs)}` : '';
    active = {
      raisedAt: ts,
      severity: rule.severity,
      escalationStep: -1,
      repeats: 0,
      nextRepeatAt: rule.repeatEveryMs === undefined ? null : ts + rule.repeatEveryMs,
    };
    events.push({
      type: 'raised',
      ts,
      severity: rule.severity,
      value: result.value,
      message: `${result.causes.join(' and ')}${held}`,
      conditionSince,
    });
  } else if (active !== null && !result.truth && heldForMs >= (rule.clearForMs ?? 0)) {
    events.push({
      type: 'cleared',
      ts,
      severity: active.severity,
      value: primaryValue(rule, observations),
      message: `back to normal: ${describeCondition(rule.condition)} no longer holds`,
      raisedAt: active.raisedAt,
      activeForMs: ts - active.raisedAt,
    });
    active = null;
  } else if (active !== null && result.truth) {
    // Escalation and repeats wait while a delayed clear is pending: the condition has gone.
    active = escalateOrRepeat(rule, active, ts, result.value, result.causes.join(' and '), events);
  }

  return {
    state: {
      v: 1,
      ...observations,
      lastTs: ts,
      latches,
      conditionTrue: result.truth,
      conditionSince,
      active,
    },
    events,
    ignored: null,
  };
}

function escalateOrRepeat(
  rule: RuleDefinition,
  active: ActiveAlarm,
  ts: number,
  value: number | null,
  causes: string,
  events: AlarmEvent[],
): ActiveAlarm {
  const steps = rule.escalation ?? [];
  let reached = active.escalationStep;
  steps.forEach((step, i) => {
    if (ts - active.raisedAt >= step.afterMs) reached = Math.max(reached, i);
  });
  const every = rule.repeatEveryMs;
  const step = steps[reached];
  if (reached > active.escalationStep && step !== undefined) {
    // After a gap (worker down, ticks late) only the highest step reached is announced.
    events.push({
      type: 'escalated',
      ts,
      severity: step.severity,
      from: active.severity,
      step: reached,
      value,
      message: `${causes}, active for ${formatDuration(ts - active.raisedAt)}`,
    });
    // The escalation is itself a notification: the repeat period starts again from it.
    return {
      ...active,
      severity: step.severity,
      escalationStep: reached,
      nextRepeatAt: every === undefined ? null : ts + every,
    };
  }
  if (every !== undefined && active.nextRepeatAt !== null && ts >= active.nextRepeatAt) {
    const repeat = active.repeats + 1;
    events.push({
      type: 'repeated',
      ts,
      severity: active.severity,
      repeat,
      value,
      message: `${causes}, still active after ${formatDuration(ts - active.raisedAt)}`,
    });
    // Missed periods are skipped, not replayed as a burst.
    const periods = Math.floor((ts - active.nextRepeatAt) / every) + 1;
    return { ...active, repeats: repeat, nextRepeatAt: active.nextRepeatAt + periods * every };
  }
  return active;
}

function primaryValue(rule: RuleDefinition, observations: Observations): number | null {
  for (const metric of referencedMetrics(rule.condition)) {
    const reading = readingOf(observations, metric);
    if (reading !== null) return reading.value;
  }
  return null;
}

export interface ReplayResult {
  state: RuleState;
  events: AlarmEvent[];
  ignored: number;
}

// Folds evaluate over a series: backfills, previews of a rule on history, and tests.
export function replay(
  rule: RuleDefinition,
  inputs: Iterable<EvaluationInput>,
  state: RuleState = initialRuleState(rule),
): ReplayResult {
  const events: AlarmEvent[] = [];
  let ignored = 0;
  let current = state;
  for (const input of inputs) {
    const result = evaluate(rule, current, input);
    current = result.state;
    events.push(...result.events);
    if (result.ignored !== null) ignored += 1;
  }
  return { state: current, events, ignored };
}
