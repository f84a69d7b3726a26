import type { TenantTx } from '@convergent/platform-data-access-db';
import type { Counter, MachineState } from '@convergent/shared-util-contracts';
import type {
  CountIncrement,
  CumulativeReading,
  Interval,
  ShiftCalendar,
  StateSample,
} from '@convergent/shared-util-kpi';

export interface ProductRunPru {
  start: Date;
  end: Date | null;
  idealCycleTimeMs: number;
}

export interface MachineHourInputs {
  timeZone: string;
  // The site the machine belongs to (live events carry it for visibility filtering).
  siteId: string | null;
  // The current product's PRU, used where no product run covers a bucket.
  idealCycleTimeMs: number | null;
  productRuns: ProductRunPru[];
  // null: no calendar anywhere above the machine, so it is planned around the clock.
  calendar: ShiftCalendar | null;
  oneOffPlannedStops: Interval[];
  samples: StateSample[];
  increments: CountIncrement[];
  // Cumulative readings in the range, preceded by the last one before it as the baseline.
  cumulative: CumulativeReading[];
}

export interface MachineSchedule {
  // Ids from the root down to the machine: calendars and one-off stops anywhere above apply.
  ancestors: string[];
  timeZone: string;
  siteId: string | null;
  idealCycleTimeMs: number | null;
  calendar: ShiftCalendar | null;
}

interface MachineRow {
  ancestors: string[];
  site_id: string | null;
  time_zone: string | null;
  ideal_cycle_time_ms: number | null;
}

// Everything one machine's KPIs over a range (an hour, a shift, a month for a backfill) depend on,
// read in the caller's tenant transaction.
export class MachineHourInputsRepository {
  // lookBackMs: also read the states of that long before the range (start-up rejects need the
  // setups that ended just before it).
  async load(
    tx: TenantTx,
    machineId: string,
    range: Interval,
    lookBackMs = 0,
  ): Promise<MachineHourInputs | null> {
    const statesFrom = new Date(range.start.getTime() - lookBackMs);
    const machine = await this.schedule(tx, machineId, range);
    if (!machine) return null;
    const { calendar } = machine;

    // One transaction is one connection: the reads run one after another.
    const runs = await tx.$queryRaw<Array<{ started_at: Date; ended_at: Date | null; pru: number }>>`
      SELECT r.started_at, r.ended_at, p.ideal_cycle_time_ms AS pru
      FROM product_runs r JOIN products p ON p.id = r.product_id
      WHERE r.machine_id = ${machineId}::uuid AND r.started_at < ${range.end}
        AND (r.ended_at IS NULL OR r.ended_at > ${range.start})`;
    const oneOff = await tx.plannedDowntime.findMany({
      where: { assetId: { in: machine.ancestors }, startsAt: { lt: range.end }, endsAt: { gt: range.start } },
      select: { startsAt: true, endsAt: true },
    });
    const samples = await tx.$queryRaw<Array<{ ts: Date; state: MachineState; reason: string | null }>>`
        (SELECT ts, state, reason FROM machine_state_events
          WHERE machine_id = ${machineId}::uuid AND ts < ${statesFrom} ORDER BY ts DESC LIMIT 1)
        UNION ALL
        (SELECT ts, state, reason FROM machine_state_events
          WHERE machine_id = ${machineId}::uuid AND ts >= ${statesFrom} AND ts < ${range.end})`;
    const counts = await tx.$queryRaw<
      Array<{ ts: Date; counter: Counter; increment: bigint | null; cumulative: bigint | null }>
    >`
        (SELECT ts, counter, NULL::bigint AS increment, cumulative FROM production_count_events
          WHERE machine_id = ${machineId}::uuid AND cumulative IS NOT NULL AND ts < ${range.start}
          ORDER BY ts DESC LIMIT 3)
        UNION ALL
        (SELECT ts, counter, increment, cumulative FROM production_count_events
          WHERE machine_id = ${machineId}::uuid AND ts >= ${range.start} AND ts < ${range.end})`;

    return {
      timeZone: machine.timeZone,
      siteId: machine.siteId,
      idealCycleTimeMs: machine.idealCycleTimeMs,
      productRuns: runs.map((r) => ({ start: r.started_at, end: r.ended_at, idealCycleTimeMs: r.pru })),
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

  // Where and when the machine works: its site's zone and the calendar valid for the range.
  async schedule(tx: TenantTx, machineId: string, range: Interval): Promise<MachineSchedule | null> {
    const [machine] = await tx.$queryRaw<MachineRow[]>`
      SELECT m.ancestors::text[] AS ancestors, m.site_id::text AS site_id, s.time_zone,
             cp.ideal_cycle_time_ms
      FROM assets m
      LEFT JOIN assets s ON s.id = m.site_id
      LEFT JOIN products cp ON cp.id = m.current_product_id
      WHERE m.id = ${machineId}::uuid AND m.kind = 'machine'`;
    if (!machine) return null;
    return {
      ancestors: machine.ancestors,
      timeZone: machine.time_zone ?? 'UTC',
      siteId: machine.site_id,
      idealCycleTimeMs: machine.ideal_cycle_time_ms,
      calendar: await this.nearestCalendar(tx, machine.ancestors, range),
    };
  }

  // The deepest calendar on the path from the root to the machine wins (a line may differ from its site).
  private async nearestCalendar(
    tx: TenantTx,
    ancestors: string[],
    range: Interval,
  ): Promise<ShiftCalendar | null> {
    const calendars = await tx.shiftCalendar.findMany({
      where: { assetId: { in: ancestors }, validFrom: { lte: range.end } },
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
