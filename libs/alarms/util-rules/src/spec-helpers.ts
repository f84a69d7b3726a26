// Shared by the specs only; not exported from index.ts.
import type { AlarmEvent, EvaluationInput } from './evaluator';
import type { MachineState } from './machine-state';
import { assertRuleDefinition, type RuleDefinition } from './rule-definition';

export const SEC = 1_000;
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const T0 = Date.UTC(2026, 5, 10, 6, 0);

// Small, seeded and deterministic: a failing series is the same series on every run.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const sample = (
  ts: number,
  values: Record<string, number>,
  machineState?: MachineState,
): EvaluationInput =>
  machineState === undefined ? { kind: 'sample', ts, values } : { kind: 'sample', ts, values, machineState };
export const stateSample = (ts: number, machineState: MachineState): EvaluationInput => ({
  kind: 'sample',
  ts,
  machineState,
});
export const tick = (ts: number): EvaluationInput => ({ kind: 'tick', ts });

// Samples of one metric every stepMs over [from, to).
export function signal(
  metric: string,
  from: number,
  to: number,
  stepMs: number,
  valueAt: (ts: number, i: number) => number,
): EvaluationInput[] {
  const out: EvaluationInput[] = [];
  for (let ts = from, i = 0; ts < to; ts += stepMs, i++) out.push(sample(ts, { [metric]: valueAt(ts, i) }));
  return out;
}

export function noisy(center: number, amplitude: number, seed: number): () => number {
  const random = mulberry32(seed);
  return () => center + (random() * 2 - 1) * amplitude;
}

export function ticks(from: number, to: number, everyMs: number): EvaluationInput[] {
  const out: EvaluationInput[] = [];
  for (let ts = from; ts < to; ts += everyMs) out.push(tick(ts));
  return out;
}

// Merges series by time; at equal times samples come before ticks, like a worker would see them.
export function merge(...series: EvaluationInput[][]): EvaluationInput[] {
  return series
    .flat()
    .map((input, i) => ({ input, i }))
    .sort((a, b) => a.input.ts - b.input.ts || rank(a.input) - rank(b.input) || a.i - b.i)
    .map(({ input }) => input);
}
const rank = (input: EvaluationInput): number => (input.kind === 'sample' ? 0 : 1);

export const rule = (definition: Omit<RuleDefinition, 'v'>): RuleDefinition =>
  assertRuleDefinition({ v: 1, ...definition });

export const kinds = (events: AlarmEvent[]): string[] => events.map((e) => e.type);
export const at = (events: AlarmEvent[], type: AlarmEvent['type']): number[] =>
  events.filter((e) => e.type === type).map((e) => (e.ts - T0) / MIN);
