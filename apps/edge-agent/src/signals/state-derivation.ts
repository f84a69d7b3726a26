import type { MachineState } from '@convergent/shared-util-contracts';

// A machine's state from its signals, when the PLC has no state register: e.g. running when the
// spindle turns faster than a threshold for some seconds, down when the fault bit is set. Pure:
// the agent feeds it samples and gets the state changes back.

export interface StateRule {
  // The signal that says the machine is producing, and above which value.
  runningTag: string;
  runningAbove: number;
  // How long the signal must stay above (or below) the threshold before the state flips: a spindle
  // that spins up for a second while setting up is not production.
  forMs: number;
  // Optional fault signal: non-zero means down (takes precedence).
  faultTag?: string;
  // The state when not running and not faulted.
  otherwise?: Extract<MachineState, 'idle' | 'setup' | 'planned_stop'>;
}

export interface DerivedState {
  state: MachineState;
  ts: number;
  reason?: string;
}

export interface StateDeriverMemory {
  current: DerivedState | undefined;
  // The candidate state and when the signal started saying so.
  candidate: { state: MachineState; since: number } | undefined;
}

export const initialStateMemory = (): StateDeriverMemory => ({ current: undefined, candidate: undefined });

// The state the rule reads in one sample, before the hold time.
export function instantState(
  rule: StateRule,
  values: Readonly<Record<string, number>>,
): MachineState | undefined {
  if (rule.faultTag !== undefined) {
    const fault = values[rule.faultTag];
    if (fault !== undefined && fault !== 0) return 'down';
  }
  const running = values[rule.runningTag];
  if (running === undefined) return undefined;
  return running > rule.runningAbove ? 'running' : (rule.otherwise ?? 'idle');
}

// Feeds one sample; returns the new memory and the state change it completed, if any. The change is
// dated when the signal started saying so, not when the hold time ran out. A fault is taken at once.
export function deriveState(
  rule: StateRule,
  memory: StateDeriverMemory,
  ts: number,
  values: Readonly<Record<string, number>>,
): { memory: StateDeriverMemory; change: DerivedState | undefined } {
  const seen = instantState(rule, values);
  if (seen === undefined) return { memory, change: undefined };
  if (memory.current?.state === seen)
    return { memory: { ...memory, candidate: undefined }, change: undefined };
  const candidate = memory.candidate?.state === seen ? memory.candidate : { state: seen, since: ts };
  const held = seen === 'down' || memory.current === undefined || ts - candidate.since >= rule.forMs;
  if (!held) return { memory: { ...memory, candidate }, change: undefined };
  const change: DerivedState = { state: seen, ts: candidate.since };
  if (seen === 'down' && rule.faultTag !== undefined) change.reason = 'fault';
  return { memory: { current: change, candidate: undefined }, change };
}
