import type { SqlRunner } from './sql-runner';
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
  // The current product's PRU, used where no product run covers a bucket. Here and in productRuns a
  // machine's own ideal cycle time for the product (machine_cycle_times) wins over the product's.
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
// read in the caller's tenant transaction. One transaction is one connection: the reads run one
// after another.
export class MachineHourInputsRepository {
  // lookBackMs: also read the states of that long before the range (start-up rejects need the
  // setups that ended just before it).
  async load(
    sql: SqlRunner,
    machineId: string,
    range: Interval,
    lookBackMs = 0,
  ): Promise<MachineHourInputs | null> {
    const machine = await this.schedule(sql, machineId, range);
    return machine ? this.loadFor(sql, machineId, machine, range, lookBackMs) : null;
  }

  // The same, for a machine whose schedule the caller has already read.
  async loadFor(
    sql: SqlRunner,
    machineId: string,
    machine: MachineSchedule,
    range: Interval,
    lookBackMs = 0,
  ): Promise<MachineHourInputs> {
    const statesFrom = new Date(range.start.getTime() - lookBackMs);
    const runs = await sql.query<{ started_at: Date; ended_at: Date | null; pru: number }>(
      `SELECT r.started_at, r.ended_at, coalesce(o.ideal_cycle_time_ms, p.ideal_cycle_time_ms) AS pru
       FROM product_runs r JOIN products p ON p.id = r.product_id
       LEFT JOIN machine_cycle_times o ON o.machine_id = r.machine_id AND o.product_id = r.product_id
       WHERE r.machine_id = $1::uuid AND r.started_at < $3 AND (r.ended_at IS NULL OR r.ended_at > $2)`,
      [machineId, range.start, range.end],
    );
    const oneOff = await sql.query<{ starts_at: Date; ends_at: Date }>(
      `SELECT starts_at, ends_at FROM planned_downtime
       WHERE asset_id = ANY($1::uuid[]) AND starts_at < $3 AND ends_at > $2`,
      [machine.ancestors, range.start, range.end],
    );
    const samples = await sql.query<{ ts: Date; state: MachineState; reason: string | null }>(
      `(SELECT ts, state, reason FROM machine_state_events
         WHERE machine_id = $1::uuid AND ts < $2 ORDER BY ts DESC LIMIT 1)
       UNION ALL
       (SELECT ts, state, reason FROM machine_state_events
         WHERE machine_id = $1::uuid AND ts >= $2 AND ts < $3)`,
      [machineId, statesFrom, range.end],
    );
    const counts = await sql.query<{
      ts: Date;
      counter: Counter;
      increment: bigint | string | null;
      cumulative: bigint | string | null;
    }>(
      `(SELECT ts, counter, NULL::bigint AS increment, cumulative FROM production_count_events
         WHERE machine_id = $1::uuid AND cumulative IS NOT NULL AND ts < $2 ORDER BY ts DESC LIMIT 3)
       UNION ALL
       (SELECT ts, counter, increment, cumulative FROM production_count_events
         WHERE machine_id = $1::uuid AND ts >= $2 AND ts < $3)`,
      [machineId, range.start, range.end],
    );

    return {
      timeZone: machine.timeZone,
      siteId: machine.siteId,
      idealCycleTimeMs: machine.idealCycleTimeMs,
      productRuns: runs.map((r) => ({ start: r.started_at, end: r.ended_at, idealCycleTimeMs: r.pru })),
      calendar: machine.calendar,
      oneOffPlannedStops: oneOff.map((p) => ({ start: p.starts_at, end: p.ends_at })),
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
  async schedule(sql: SqlRunner, machineId: string, range: Interval): Promise<MachineSchedule | null> {
    const [machine] = await sql.query<MachineRow>(
      `SELECT m.ancestors::text[] AS ancestors, m.site_id::text AS site_id, s.time_zone,
              coalesce(o.ideal_cycle_time_ms, cp.ideal_cycle_time_ms) AS ideal_cycle_time_ms
       FROM assets m
       LEFT JOIN assets s ON s.id = m.site_id
       LEFT JOIN products cp ON cp.id = m.current_product_id
       LEFT JOIN machine_cycle_times o ON o.machine_id = m.id AND o.product_id = m.current_product_id
       WHERE m.id = $1::uuid AND m.kind = 'machine'`,
      [machineId],
    );
    if (!machine) return null;
    return {
      ancestors: machine.ancestors,
      timeZone: machine.time_zone ?? 'UTC',
      siteId: machine.site_id,
      idealCycleTimeMs: machine.ideal_cycle_time_ms,
      calendar: await this.nearestCalendar(sql, machine.ancestors, range),
    };
  }

  // The deepest calendar on the path from the root to the machine wins (a line may differ from
  // its site); among one asset's calendars, the latest valid one.
  private async nearestCalendar(
    sql: SqlRunner,
    ancestors: string[],
    range: Interval,
  ): Promise<ShiftCalendar | null> {
    const [chosen] = await sql.query<{ id: string }>(
      `SELECT id FROM shift_calendars WHERE asset_id = ANY($1::uuid[]) AND valid_from <= $2
       ORDER BY array_position($1::uuid[], asset_id) DESC, valid_from DESC LIMIT 1`,
      [ancestors, range.end],
    );
    if (!chosen) return null;
    const shifts = await sql.query<{ name: string; start_time: string; end_time: string; days: number[] }>(
      `SELECT name, start_time, end_time, days_of_week AS days FROM shift_definitions WHERE calendar_id = $1::uuid`,
      [chosen.id],
    );
    const stops = await sql.query<{ name: string; start_time: string; end_time: string; days: number[] }>(
      `SELECT name, start_time, end_time, days_of_week AS days FROM planned_stops WHERE calendar_id = $1::uuid`,
      [chosen.id],
    );
    const holidays = await sql.query<{ date: string }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM holidays WHERE calendar_id = $1::uuid`,
      [chosen.id],
    );
    return {
      shifts: shifts.map((s) => ({ name: s.name, start: s.start_time, end: s.end_time, days: s.days })),
      plannedStops: stops.map((p) => ({
        start: p.start_time,
        end: p.end_time,
        days: p.days,
        reason: p.name,
      })),
      holidays: holidays.map((h) => h.date),
    };
  }
}
