import type { Interval, ShiftCalendar } from '@convergent/shared-util-kpi';
import { BucketPlan, BucketSweep } from './bucket-sweep';
import type { PlannedBucket, StoredGranularity } from './kpi-buckets';
import type { MachineBucketResult } from './kpi-result.repository';
import type { MachineSchedule } from './machine-hour-inputs.repository';
import type { MachineBucketCalculator } from './machine-hour-kpi';

const DAY = 86_400_000;

export interface BackfillStep {
  // Buckets written by this step.
  written: number;
  // Every bucket ending by then is written.
  through: Date;
  // Where a resumed backfill starts: the earliest start of a bucket still being summed.
  restartAt: Date;
}

export interface BackfillOptions {
  granularities?: readonly StoredGranularity[];
  // Only the buckets starting then or later (a resumed backfill: BackfillStep.restartAt).
  resumeAt?: Date | null;
  // After each window's buckets are committed.
  onStep?: (step: BackfillStep) => Promise<void>;
}

// The state of a backfill of many machines, worked through in windows of one UTC day (the event
// tables' partitions, so a window reads one partition once for every machine, where batches of
// machines read every partition once per batch). A machine's buckets are the sums of the atoms
// each window cuts (bucket-sweep.ts), so a night shift or a week spanning windows is summed across
// them and written, whole, after the window it ends in. Pure: the caller reads and writes.
export class WindowedBackfill {
  private readonly plans = new Map<string, BucketPlan>();
  private readonly sweeps = new Map<string, BucketSweep>();
  private readonly atoms = new Map<BucketPlan, { window: number; atoms: Interval[] }>();
  readonly envelope: Interval | null;

  constructor(
    schedules: ReadonlyMap<string, MachineSchedule>,
    bucketsOf: (schedule: MachineSchedule) => PlannedBucket[],
    private readonly now: Date,
  ) {
    // Machines of one site follow the same zone and calendar, so they share one plan.
    const shared = new Map<ShiftCalendar | null, Map<string, BucketPlan>>();
    let start = Infinity;
    let end = -Infinity;
    for (const [id, schedule] of schedules) {
      const byZone = shared.get(schedule.calendar) ?? new Map<string, BucketPlan>();
      shared.set(schedule.calendar, byZone);
      let plan = byZone.get(schedule.timeZone);
      if (!plan) {
        plan = new BucketPlan(bucketsOf(schedule), now);
        byZone.set(schedule.timeZone, plan);
        const envelope = plan.envelope;
        start = Math.min(start, envelope?.start.getTime() ?? Infinity);
        end = Math.max(end, envelope?.end.getTime() ?? -Infinity);
      }
      this.plans.set(id, plan);
      this.sweeps.set(id, new BucketSweep(plan));
    }
    this.envelope = start < end ? { start: new Date(start), end: new Date(end) } : null;
  }

  // The windows from resumeAt (or the start) to the end, cut at UTC midnights.
  windows(resumeAt: Date | null = null): Interval[] {
    if (!this.envelope) return [];
    const end = this.envelope.end.getTime();
    let at = Math.max(this.envelope.start.getTime(), resumeAt?.getTime() ?? -Infinity);
    const windows: Interval[] = [];
    while (at < end) {
      const next = Math.min((Math.floor(at / DAY) + 1) * DAY, end);
      windows.push({ start: new Date(at), end: new Date(next) });
      at = next;
    }
    return windows;
  }

  // The machine's buckets that this window completes, from its atoms in the window; windows must
  // come in order. calculator holds the machine's inputs for the window.
  compute(machineId: string, calculator: MachineBucketCalculator, window: Interval): MachineBucketResult[] {
    const plan = this.plans.get(machineId);
    const sweep = this.sweeps.get(machineId);
    if (!plan || !sweep) return [];
    const rows: MachineBucketResult[] = [];
    for (const atom of this.atomsOf(plan, window)) {
      if (!sweep.covers(atom)) continue;
      for (const { bucket, parts } of sweep.add(atom, calculator.parts(atom, this.now)))
        rows.push({
          machineId,
          bucket,
          result: calculator.finish(parts, bucket, this.now),
          final: this.now >= bucket.end,
        });
    }
    return rows;
  }

  // Once every machine has been computed for the window.
  progress(window: Interval): Omit<BackfillStep, 'written'> {
    let restartAt = window.end;
    for (const sweep of this.sweeps.values()) {
      const since = sweep.inProgressSince;
      if (since && since < restartAt) restartAt = since;
    }
    return { through: window.end, restartAt };
  }

  private atomsOf(plan: BucketPlan, window: Interval): Interval[] {
    const cached = this.atoms.get(plan);
    if (cached?.window === window.start.getTime()) return cached.atoms;
    const atoms = plan.atomsBetween(window.start.getTime(), window.end.getTime());
    this.atoms.set(plan, { window: window.start.getTime(), atoms });
    return atoms;
  }
}
