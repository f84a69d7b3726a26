import type { Database, LossClass } from '@convergent/platform-data-access-db';
import {
  rollUp,
  sumLosses,
  type Interval,
  type KpiResult,
  type SixBigLosses,
  type StopReasonTime,
} from '@convergent/shared-util-kpi';
import { MachineHourInputsRepository } from './machine-hour-inputs.repository';
import { MachineBucketCalculator, STARTUP_WINDOW_MS } from './machine-hour-kpi';

export interface ParetoEntry extends StopReasonTime {
  reasonName: string | null;
  // The tenant's class for the code; without a configured code, down is a breakdown, idle a
  // minor stop, setup a setup and planned_stop planned.
  lossClass: LossClass;
  share: number;
  cumulativeShare: number;
}

export interface RangeAnalysis {
  result: KpiResult;
  losses: SixBigLosses;
  pareto: ParetoEntry[];
  machines: number;
}

const DEFAULT_CLASS: Record<StopReasonTime['state'], LossClass> = {
  down: 'breakdown',
  idle: 'minor_stop',
  setup: 'setup',
  planned_stop: 'planned',
};

function mergeStops(lists: readonly StopReasonTime[][]): StopReasonTime[] {
  const totals = new Map<string, StopReasonTime>();
  for (const stop of lists.flat()) {
    const key = JSON.stringify([stop.state, stop.reason]);
    const entry = totals.get(key);
    if (entry) entry.ms += stop.ms;
    else totals.set(key, { ...stop });
  }
  return [...totals.values()].sort((a, b) => b.ms - a.ms);
}

// Pure: the Pareto of unplanned stop time by reason, largest first, with each entry's share and the
// running share (the 80 % line). Planned stops are not losses and are left out.
export function downtimePareto(
  stops: readonly StopReasonTime[],
  reasons: ReadonlyMap<string, { name: string; lossClass: LossClass }>,
): ParetoEntry[] {
  const losses = stops.filter((s) => s.state !== 'planned_stop');
  const total = losses.reduce((sum, s) => sum + s.ms, 0);
  let running = 0;
  return losses.map((s) => {
    running += s.ms;
    const reason = s.reason ? reasons.get(s.reason) : undefined;
    return {
      ...s,
      reasonName: reason?.name ?? null,
      lossClass: reason?.lossClass ?? DEFAULT_CLASS[s.state],
      share: total === 0 ? 0 : s.ms / total,
      cumulativeShare: total === 0 ? 0 : running / total,
    };
  });
}

// Any range of any asset computed from raw events at query time (not from stored buckets): the
// roll-up of its machines, the six-big-loss waterfall and the downtime Pareto. Reads run under the
// tenant; the caller has checked the asset is visible to the user.
export class KpiRangeAnalysisService {
  private readonly inputs = new MachineHourInputsRepository();

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async analyse(tenantId: string, assetId: string, range: Interval): Promise<RangeAnalysis> {
    const now = this.clock();
    // A plain pg transaction: a month of many machines' events outlasts Prisma's transaction limit.
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      const machines = await sql.query<{ id: string }>(
        `SELECT id FROM assets WHERE kind = 'machine' AND archived_at IS NULL AND ancestors @> ARRAY[$1::uuid]`,
        [assetId],
      );
      const reasons = await sql.query<{ code: string; name: string; loss_class: LossClass }>(
        `SELECT code, name, loss_class::text AS loss_class FROM downtime_reasons WHERE archived_at IS NULL`,
      );
      const perMachine = [];
      if (now > range.start) {
        for (const { id } of machines) {
          const inputs = await this.inputs.load(sql, id, range, STARTUP_WINDOW_MS);
          if (inputs) perMachine.push(new MachineBucketCalculator(inputs, range).analyse(range, now));
        }
      }
      return {
        result: rollUp(perMachine.map((m) => m.result)),
        losses: sumLosses(perMachine.map((m) => m.losses)),
        pareto: downtimePareto(
          mergeStops(perMachine.map((m) => m.stops)),
          new Map(reasons.map((r) => [r.code, { name: r.name, lossClass: r.loss_class }])),
        ),
        machines: perMachine.length,
      };
    });
  }
}
