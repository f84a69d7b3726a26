// Pure alarm rules: definition schema, evaluator state machine, ISA-18.2 lifecycle. No I/O, no
// clock: time arrives with the inputs. See README.md for the rule format and semantics.
export type { MachineState } from './machine-state';
export { MACHINE_STATES } from './machine-state';
export type { Severity } from './severity';
export { compareSeverity, SEVERITIES } from './severity';
export type {
  CombinedCondition,
  Condition,
  EscalationStep,
  LeafCondition,
  NoDataCondition,
  RangeCondition,
  RateCondition,
  RateDirection,
  RuleDefinition,
  RuleIssue,
  RuleParseResult,
  StateCondition,
  ThresholdCondition,
  ThresholdOp,
} from './rule-definition';
export {
  assertRuleDefinition,
  formatRuleIssues,
  MAX_CONDITION_DEPTH,
  MAX_DURATION_MS,
  MAX_ESCALATION_STEPS,
  MAX_LEAF_CONDITIONS,
  MIN_REPEAT_EVERY_MS,
  parseRuleDefinition,
  RATE_DIRECTIONS,
  RuleDefinitionError,
  THRESHOLD_OPS,
} from './rule-definition';
export type { MetricReading } from './conditions';
export { describeCondition, referencedMetrics } from './conditions';
export type {
  ActiveAlarm,
  AlarmEvent,
  EvaluationInput,
  EvaluationResult,
  IgnoredReason,
  ReplayResult,
  RuleState,
} from './evaluator';
export { evaluate, initialRuleState, replay, RuleStateMismatchError } from './evaluator';
export type {
  AlarmAction,
  AlarmEventResult,
  AlarmHistoryEntry,
  AlarmRecord,
  AlarmState,
  TransitionResult,
} from './lifecycle';
export {
  ALARM_STATES,
  applyAlarmEvent,
  isActive,
  isOpen,
  isShelved,
  MAX_SHELVE_MS,
  transition,
} from './lifecycle';
export { AlarmLifecycleError, AlarmLifecycleErrorCode } from './lifecycle.errors';
