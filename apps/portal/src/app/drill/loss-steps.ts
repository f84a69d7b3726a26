import type { LossWaterfall, ParetoEntry } from './drill-operations';

// The six big losses as waterfall steps, from planned busy time down to fully productive time.
// A loss the API cannot know (no ideal cycle time) is null: the steps below it are unknown too.
export interface LossStep {
  label: string;
  ms: number | null;
  kind: 'total' | 'loss';
}

export function lossSteps(w: LossWaterfall): LossStep[] {
  return [
    { label: 'Planned busy time', ms: w.plannedBusyTimeMs, kind: 'total' },
    { label: 'Setup', ms: w.setupMs, kind: 'loss' },
    { label: 'Breakdowns', ms: w.breakdownsMs, kind: 'loss' },
    { label: 'Minor stops', ms: w.minorStopsMs, kind: 'loss' },
    { label: 'No machine data', ms: w.unknownMs, kind: 'loss' },
    { label: 'Run time', ms: w.runTimeMs, kind: 'total' },
    { label: 'Reduced speed', ms: w.reducedSpeedMs ?? null, kind: 'loss' },
    { label: 'Startup rejects', ms: w.startupRejectsMs ?? null, kind: 'loss' },
    { label: 'Production rejects', ms: w.productionRejectsMs ?? null, kind: 'loss' },
    { label: 'Fully productive time', ms: w.fullyProductiveTimeMs ?? null, kind: 'total' },
  ];
}

// Each bar floats: a loss hangs from the level left after the steps before it; a total stands on 0.
export function waterfallBars(steps: readonly LossStep[]): { base: number; value: number | null }[] {
  let level = 0;
  return steps.map((step) => {
    if (step.ms === null) return { base: 0, value: null };
    if (step.kind === 'total') {
      level = step.ms;
      return { base: 0, value: step.ms };
    }
    level -= step.ms;
    return { base: Math.max(level, 0), value: step.ms };
  });
}

export function paretoLabel(entry: ParetoEntry): string {
  return entry.reasonName ?? entry.reasonCode ?? `No reason given (${entry.state})`;
}
