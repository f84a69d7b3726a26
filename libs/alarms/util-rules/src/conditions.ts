import type { MachineState } from './machine-state';
import type {
  CombinedCondition,
  Condition,
  LeafCondition,
  RateCondition,
  ThresholdOp,
} from './rule-definition';

export interface MetricReading {
  value: number;
  ts: number;
  // The reading before, for rate-of-change; null until the metric has been seen twice.
  prevValue: number | null;
  prevTs: number | null;
}

// What the evaluator remembers about the asset; only the metrics the rule reads are kept.
export interface Observations {
  firstTs: number | null;
  lastSampleTs: number | null;
  machineState: MachineState | null;
  metrics: Record<string, MetricReading>;
}

export interface ConditionResult {
  truth: boolean;
  // Human-readable reasons the condition holds, e.g. "temperature > 80 (is 85.2)".
  causes: string[];
  // The value an operator would look at first: the first metric value among the causes.
  value: number | null;
}

export function readingOf(observations: Observations, metric: string): MetricReading | null {
  // Own properties only: a metric called "constructor" must not find Object.prototype's.
  return Object.hasOwn(observations.metrics, metric) ? (observations.metrics[metric] ?? null) : null;
}

export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

export function formatDuration(ms: number): string {
  if (ms >= 3_600_000) return `${formatNumber(Math.round(ms / 360_000) / 10)} h`;
  if (ms >= 60_000) return `${formatNumber(Math.round(ms / 6_000) / 10)} min`;
  if (ms >= 1_000) return `${formatNumber(Math.round(ms / 100) / 10)} s`;
  return `${ms} ms`;
}

export function referencedMetrics(condition: Condition, into = new Set<string>()): Set<string> {
  switch (condition.kind) {
    case 'all':
    case 'any':
      for (const child of condition.conditions) referencedMetrics(child, into);
      return into;
    case 'threshold':
    case 'range':
    case 'rate':
      into.add(condition.metric);
      return into;
    case 'noData':
      if (condition.metric !== undefined) into.add(condition.metric);
      return into;
    case 'state':
      return into;
  }
}

export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'threshold':
      return `${condition.metric} ${condition.op} ${formatNumber(condition.value)}`;
    case 'range':
      return `${condition.metric} outside ${formatNumber(condition.min)}..${formatNumber(condition.max)}`;
    case 'rate':
      return `${condition.metric} ${rateWords(condition)} faster than ${formatNumber(condition.perMinuteAbove)}/min`;
    case 'state':
      return `machine ${condition.states.join(' or ')}`;
    case 'noData':
      return `no data from ${condition.metric ?? 'the asset'} for ${formatDuration(condition.silentForMs)}`;
    case 'all':
    case 'any': {
      const parts = condition.conditions.map(describeCondition);
      return parts.length === 1
        ? (parts[0] ?? '')
        : `(${parts.join(condition.kind === 'all' ? ' and ' : ' or ')})`;
    }
  }
}

function rateWords(condition: RateCondition): string {
  switch (condition.direction ?? 'rising') {
    case 'rising':
      return 'rising';
    case 'falling':
      return 'falling';
    case 'either':
      return 'changing';
  }
}

function compare(a: number, op: ThresholdOp, b: number): boolean {
  switch (op) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
}

const FALSE: ConditionResult = { truth: false, causes: [], value: null };

// Evaluates the tree at ts. Every leaf has a latch (its truth at the previous evaluation, in
// depth-first order) so hysteresis can hold a raised threshold until the metric is back past the
// band. All children are evaluated, never short-circuited, so every latch stays current.
export function evaluateCondition(
  condition: Condition,
  observations: Observations,
  ts: number,
  previousLatches: readonly boolean[],
): { result: ConditionResult; latches: boolean[] } {
  const latches: boolean[] = [];
  const combine = (node: CombinedCondition): ConditionResult => {
    const results = node.conditions.map(visit);
    const truth = node.kind === 'all' ? results.every((r) => r.truth) : results.some((r) => r.truth);
    if (!truth) return FALSE;
    const contributing = results.filter((r) => r.truth);
    return {
      truth,
      causes: contributing.flatMap((r) => r.causes),
      value: contributing.find((r) => r.value !== null)?.value ?? null,
    };
  };
  const leaf = (node: LeafCondition): ConditionResult => {
    const index = latches.length;
    const result = evaluateLeaf(node, observations, ts, previousLatches[index] ?? false);
    latches.push(result.truth);
    return result;
  };
  const visit = (node: Condition): ConditionResult => {
    switch (node.kind) {
      case 'all':
      case 'any':
        return combine(node);
      case 'threshold':
      case 'range':
      case 'rate':
      case 'state':
      case 'noData':
        return leaf(node);
    }
  };
  return { result: visit(condition), latches };
}

function evaluateLeaf(
  condition: LeafCondition,
  observations: Observations,
  ts: number,
  latched: boolean,
): ConditionResult {
  switch (condition.kind) {
    case 'threshold': {
      const reading = readingOf(observations, condition.metric);
      if (reading === null) return FALSE;
      const h = latched ? (condition.hysteresis ?? 0) : 0;
      const bound = condition.op === '>' || condition.op === '>=' ? condition.value - h : condition.value + h;
      if (!compare(reading.value, condition.op, bound)) return FALSE;
      return {
        truth: true,
        causes: [`${describeCondition(condition)} (is ${formatNumber(reading.value)})`],
        value: reading.value,
      };
    }
    case 'range': {
      const reading = readingOf(observations, condition.metric);
      if (reading === null) return FALSE;
      const h = latched ? (condition.hysteresis ?? 0) : 0;
      if (reading.value >= condition.min + h && reading.value <= condition.max - h) return FALSE;
      return {
        truth: true,
        causes: [`${describeCondition(condition)} (is ${formatNumber(reading.value)})`],
        value: reading.value,
      };
    }
    case 'rate': {
      const reading = readingOf(observations, condition.metric);
      if (reading === null || reading.prevValue === null || reading.prevTs === null) return FALSE;
      const minutes = (reading.ts - reading.prevTs) / 60_000;
      if (minutes <= 0) return FALSE;
      const rate = (reading.value - reading.prevValue) / minutes;
      const limit = condition.perMinuteAbove;
      const holds =
        condition.direction === 'falling'
          ? rate < -limit
          : condition.direction === 'either'
            ? Math.abs(rate) > limit
            : rate > limit;
      if (!holds) return FALSE;
      return {
        truth: true,
        causes: [`${describeCondition(condition)} (${formatNumber(rate)}/min)`],
        value: reading.value,
      };
    }
    case 'state': {
      const state = observations.machineState;
      if (state === null || !condition.states.includes(state)) return FALSE;
      return { truth: true, causes: [`machine ${state}`], value: null };
    }
    case 'noData': {
      const lastSeen =
        condition.metric === undefined
          ? (observations.lastSampleTs ?? observations.firstTs)
          : (readingOf(observations, condition.metric)?.ts ?? observations.firstTs);
      // Silence is counted from the first evaluation when nothing has ever arrived.
      if (lastSeen === null || ts - lastSeen < condition.silentForMs) return FALSE;
      return {
        truth: true,
        causes: [`no data from ${condition.metric ?? 'the asset'} for ${formatDuration(ts - lastSeen)}`],
        value: null,
      };
    }
  }
}
