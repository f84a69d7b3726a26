import type { TenantTx } from '@convergent/platform-data-access-db';
import type { Counter, MachineState } from '@convergent/shared-util-contracts';
import type {
  CountIncrement,
  CumulativeReading,
  Interval,
  ShiftCalendar,
  StateSample,
} from '@convergent/shared-util-kpi';

export interface MachineHourInputs {
  timeZone: string;
  idealCycleTimeMs: number | null;
  // null: no calendar anywhere above the machine, so it is planned around the clock.
  calendar: ShiftCalendar | null;
  oneOffPlannedStops: Interval[];
  samples: StateSample[];
  increments: CountIncrement[];
  // Cumulative readings in the hour, preceded by the last one before it as the baseline.
  cumulative: CumulativeReading[];
}

interface MachineRow {
  ancestors: string[];
  time_zone: string | null;
  ideal_cycle_time_ms: number | null;
}

// Everything one machine-hour's KPIs depend on, read in the caller's tenant transaction.
export class MachineHourInputsRepository {
  async load(tx: TenantTx, machineId: string, hour: Interval): Promise<MachineHourInputs | null> {
    const [machine] = await tx.$queryRaw<MachineRow[]>`
      SELECT m.ancestors::text[] AS ancestors, s.time_zone,
             COALESCE(
               (SELECT p.ideal_cycle_time_ms FROM product_runs r JOIN products p ON p.id = r.product_id
                WHERE r.machine_id = m.id AND r.started_at < ${hour.end}
                  AND (r.ended_at IS NULL OR r.ended_at > ${hour.start})
                ORDER BY r.started_at DESC LIMIT 1),
               cp.ideal_cycle_time_ms) AS ideal_cycle_time_ms
      FROM assets m
      LEFT JOIN assets s ON s.id = m.site_id
      LEFT JOIN products cp ON cp.id = m.current_product_id
      WHERE m.id = ${machineId}::uuid AND m.kind = 'machine'`;
    if (!machine) return null;

    // One transaction is one connection: the reads run one after another.
    const calendar = await this.nearestCalendar(tx, machine.ancestors, hour);
    const oneOff = await tx.plannedDowntime.findMany({
      where: { assetId: { in: machine.ancestors }, startsAt: { lt: hour.end }, endsAt: { gt: hour.start } },
      select: { startsAt: true, endsAt: true },
    });
    const samples = await tx.$queryRaw<Array<{ ts: Date; state: MachineState; reason: string | null }>>`
        (SELECT ts, state, reason FROM machine_state_events
          WHERE machine_id = ${machineId}::uuid AND ts < ${hour.start} ORDER BY ts DESC LIMIT 1)
        UNION ALL
        (SELECT ts, state, reason FROM machine_state_events
          WHERE machine_id = ${machineId}::uuid AND ts >= ${hour.start} AND ts < ${hour.end})`;
    const counts = await tx.$queryRaw<
      Array<{ ts: Date; counter: Counter; increment: bigint | null; cumulative: bigint | null }>
    >`
        (SELECT ts, counter, NULL::bigint AS increment, cumulative FROM production_count_events
          WHERE machine_id = ${machineId}::uuid AND cumulative IS NOT NULL AND ts < ${hour.start}
          ORDER BY ts DESC LIMIT 3)
        UNION ALL
        (SELECT ts, counter, increment, cumulative FROM production_count_events
          WHERE machine_id = ${machineId}::uuid AND ts >= ${hour.start} AND ts < ${hour.end})`;

    return {
      timeZone: machine.time_zone ?? 'UTC',
      idealCycleTimeMs: machine.ideal_cycle_time_ms,
      calendar,
      oneOffPlannedStops: oneOff.map((p) => ({ start: p.startsAt, end: p.endsAt })),
      samples: samples.map((s) => ({ ts: s.ts, state: s.state, ...(s.reason ? { reason: s.reason } : {}) })),
      increments: counts
        .filter((c) => c.increment !== null)
        .map((c) => ({ ts: c.ts, counter: c.counter, increment: Number(c.increment) })),
      cumulative: counts
        .filter((c) => c.cumulative !== null)
        .map((c) => ({ ts: c.ts, counter: c.counter, cumulative: Number(c.cumulative) }))
        .sort((x, y) => x.ts.getTime() - y.ts.getTime()),
    };
  }

  // The deepest calendar on the path from the root to the machine wins (a line may differ from its site).
  private async nearestCalendar(
    tx: TenantTx,
    ancestors: string[],
    hour: Interval,
  ): Promise<ShiftCalendar | null> {
    const calendars = await tx.shiftCalendar.findMany({
      where: { assetId: { in: ancestors }, validFrom: { lte: hour.end } },
      include: { shifts: true, plannedStops: true, holidays: true },
      orderBy: { validFrom: 'desc' },
    });
    if (calendars.length === 0) return null;
    const depth = (assetId: string) => ancestors.indexOf(assetId);
    const chosen = calendars.reduce((best, c) => (depth(c.assetId) > depth(best.assetId) ? c : best));
    return {
      shifts: chosen.shifts.map((s) => ({
        name: s.name,
        start: s.startTime,
        end: s.endTime,
        days: s.daysOfWeek,
      })),
      plannedStops: chosen.plannedStops.map((p) => ({
        start: p.startTime,
        end: p.endTime,
        days: p.daysOfWeek,
        reason: p.name,
      })),
      holidays: chosen.holidays.map((h) => h.date.toISOString().slice(0, 10)),
    };
  }
}
