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

export type MachineEvents = Pick<MachineHourInputs, 'samples' | 'increments' | 'cumulative'>;
export type MachineContext = Omit<MachineHourInputs, keyof MachineEvents>;

export interface MachineSchedule {
  // Ids from the root down to the machine: calendars and one-off stops anywhere above apply.
  ancestors: string[];
  timeZone: string;
  siteId: string | null;
  idealCycleTimeMs: number | null;
  calendar: ShiftCalendar | null;
}

// Events come back as one row of JSON arrays, one per column, rather than a row per event: a
// backfill reads millions of events, and parsing one JSON text per column is many times cheaper
// than pg's per-row parsing and its Date parsing of every timestamp. Timestamps are milliseconds
// after the read's start ($2): shorter to write and to parse than epoch milliseconds, and small
// enough to be V8 small integers where epoch milliseconds were a heap number each.
type ColumnsRow = Record<string, string | null>;

function jsonColumns(columns: readonly string[]): string {
  return columns
    .map((c) =>
      c === 'ts'
        ? `json_agg((date_part('epoch', ts - $2) * 1000)::bigint)::text AS ts`
        : `json_agg(${c})::text AS ${c}`,
    )
    .join(', ');
}

function columnOf<T>(row: ColumnsRow | undefined, column: string): T[] {
  const text = row?.[column];
  return text ? (JSON.parse(text) as T[]) : [];
}

function samplesFrom(row: ColumnsRow | undefined, base: number): StateSample[] {
  const ts = columnOf<number>(row, 'ts');
  const state = columnOf<MachineState>(row, 'state');
  const reason = columnOf<string | null>(row, 'reason');
  const samples = new Array<StateSample>(ts.length);
  for (let i = 0; i < ts.length; i++) {
    const why = reason[i];
    samples[i] = why
      ? { ts: new Date(base + (ts[i] as number)), state: state[i] as MachineState, reason: why }
      : { ts: new Date(base + (ts[i] as number)), state: state[i] as MachineState };
  }
  return samples;
}

function countsFrom(row: ColumnsRow | undefined, base: number) {
  const ts = columnOf<number>(row, 'ts');
  const counter = columnOf<Counter>(row, 'counter');
  const increment = columnOf<number | null>(row, 'increment');
  const reading = columnOf<number | null>(row, 'cumulative');
  const increments: CountIncrement[] = [];
  const cumulative: CumulativeReading[] = [];
  for (let i = 0; i < ts.length; i++) {
    const at = new Date(base + (ts[i] as number));
    const inc = increment[i];
    const value = reading[i];
    if (inc !== null && inc !== undefined)
      increments.push({ ts: at, counter: counter[i] as Counter, increment: inc });
    if (value !== null && value !== undefined)
      cumulative.push({ ts: at, counter: counter[i] as Counter, cumulative: value });
  }
  cumulative.sort((x, y) => x.ts.getTime() - y.ts.getTime());
  return { increments, cumulative };
}

interface MachineRow {
  id: string;
  ancestors: string[];
  site_id: string | null;
  time_zone: string | null;
  ideal_cycle_time_ms: number | null;
  calendar_id: string | null;
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
    const inputs = await this.loadMany(sql, new Map([[machineId, machine]]), range, lookBackMs);
    return inputs.get(machineId) as MachineHourInputs;
  }

  // The same for many machines at once, one statement per kind of input: events of many machines
  // are interleaved in the event tables, so reading them machine by machine visits every page once
  // per machine, and one statement for the batch visits each page once.
  async loadMany(
    sql: SqlRunner,
    machines: ReadonlyMap<string, MachineSchedule>,
    range: Interval,
    lookBackMs = 0,
  ): Promise<Map<string, MachineHourInputs>> {
    const context = await this.loadContext(sql, machines, range);
    const events = await this.loadEvents(sql, [...machines.keys()], range, lookBackMs);
    const out = new Map<string, MachineHourInputs>();
    for (const id of machines.keys())
      out.set(id, { ...(context.get(id) as MachineContext), ...(events.get(id) as MachineEvents) });
    return out;
  }

  // Everything but the events: the schedule, product runs and one-off planned stops overlapping
  // the range. A backfill reads this once and the events window by window.
  async loadContext(
    sql: SqlRunner,
    machines: ReadonlyMap<string, MachineSchedule>,
    range: Interval,
  ): Promise<Map<string, MachineContext>> {
    const ids = [...machines.keys()];
    const runs = await sql.query<{
      machine_id: string;
      started_at: Date;
      ended_at: Date | null;
      pru: number;
    }>(
      `SELECT r.machine_id::text AS machine_id, r.started_at, r.ended_at,
              coalesce(o.ideal_cycle_time_ms, p.ideal_cycle_time_ms) AS pru
       FROM product_runs r JOIN products p ON p.id = r.product_id
       LEFT JOIN machine_cycle_times o ON o.machine_id = r.machine_id AND o.product_id = r.product_id
       WHERE r.machine_id = ANY($1::uuid[]) AND r.started_at < $3 AND (r.ended_at IS NULL OR r.ended_at > $2)`,
      [ids, range.start, range.end],
    );
    const ancestors = [...new Set([...machines.values()].flatMap((m) => m.ancestors))];
    const oneOff = await sql.query<{ asset_id: string; starts_at: Date; ends_at: Date }>(
      `SELECT asset_id::text AS asset_id, starts_at, ends_at FROM planned_downtime
       WHERE asset_id = ANY($1::uuid[]) AND starts_at < $3 AND ends_at > $2`,
      [ancestors, range.start, range.end],
    );
    const out = new Map<string, MachineContext>();
    for (const [id, machine] of machines)
      out.set(id, {
        timeZone: machine.timeZone,
        siteId: machine.siteId,
        idealCycleTimeMs: machine.idealCycleTimeMs,
        productRuns: runs
          .filter((r) => r.machine_id === id)
          .map((r) => ({ start: r.started_at, end: r.ended_at, idealCycleTimeMs: r.pru })),
        calendar: machine.calendar,
        oneOffPlannedStops: oneOff
          .filter((p) => machine.ancestors.includes(p.asset_id))
          .map((p) => ({ start: p.starts_at, end: p.ends_at })),
      });
    return out;
  }

  // The state samples (with the last one before the range, which gives the state at its start)
  // and counts (with each counter's last cumulative reading before it, its baseline) of many machines.
  async loadEvents(
    sql: SqlRunner,
    ids: readonly string[],
    range: Interval,
    lookBackMs = 0,
  ): Promise<Map<string, MachineEvents>> {
    const statesFrom = new Date(range.start.getTime() - lookBackMs);
    const states = await sql.query<ColumnsRow>(
      `SELECT machine_id::text AS machine_id, ${jsonColumns(['ts', 'state', 'reason'])} FROM (
         SELECT last.* FROM unnest($1::uuid[]) m(id) CROSS JOIN LATERAL
           (SELECT machine_id, ts, state, reason FROM machine_state_events
             WHERE machine_id = m.id AND ts < $2 ORDER BY ts DESC LIMIT 1) last
         UNION ALL
         SELECT machine_id, ts, state, reason FROM machine_state_events
           WHERE machine_id = ANY($1::uuid[]) AND ts >= $2 AND ts < $3) e
       GROUP BY machine_id`,
      [ids, statesFrom, range.end],
    );
    const counts = await sql.query<ColumnsRow>(
      `SELECT machine_id::text AS machine_id, ${jsonColumns(['ts', 'counter', 'increment', 'cumulative'])} FROM (
         SELECT last.* FROM unnest($1::uuid[]) m(id)
           CROSS JOIN unnest(ARRAY['produced', 'scrap', 'rework']) c(counter) CROSS JOIN LATERAL
           (SELECT machine_id, ts, counter, NULL::bigint AS increment, cumulative FROM production_count_events
             WHERE machine_id = m.id AND counter = c.counter AND cumulative IS NOT NULL AND ts < $2
             ORDER BY ts DESC LIMIT 1) last
         UNION ALL
         SELECT machine_id, ts, counter, increment, cumulative FROM production_count_events
           WHERE machine_id = ANY($1::uuid[]) AND ts >= $2 AND ts < $3) e
       GROUP BY machine_id`,
      [ids, range.start, range.end],
    );
    const statesOf = new Map(states.map((row) => [row['machine_id'], row]));
    const countsOf = new Map(counts.map((row) => [row['machine_id'], row]));
    return new Map(
      ids.map((id) => [
        id,
        {
          samples: samplesFrom(statesOf.get(id), statesFrom.getTime()),
          ...countsFrom(countsOf.get(id), range.start.getTime()),
        },
      ]),
    );
  }

  // Where and when the machine works: its site's zone and the calendar valid for the range.
  async schedule(sql: SqlRunner, machineId: string, range: Interval): Promise<MachineSchedule | null> {
    return (await this.schedules(sql, [machineId], range)).get(machineId) ?? null;
  }

  // The same for many machines; unknown ids are left out. The deepest calendar on the path from
  // the root to the machine wins (a line may differ from its site); among one asset's calendars,
  // the latest valid one.
  async schedules(
    sql: SqlRunner,
    machineIds: readonly string[],
    range: Interval,
  ): Promise<Map<string, MachineSchedule>> {
    const machines = await sql.query<MachineRow>(
      `SELECT m.id::text AS id, m.ancestors::text[] AS ancestors, m.site_id::text AS site_id, s.time_zone,
              coalesce(o.ideal_cycle_time_ms, cp.ideal_cycle_time_ms) AS ideal_cycle_time_ms,
              cal.id::text AS calendar_id
       FROM assets m
       LEFT JOIN assets s ON s.id = m.site_id
       LEFT JOIN products cp ON cp.id = m.current_product_id
       LEFT JOIN machine_cycle_times o ON o.machine_id = m.id AND o.product_id = m.current_product_id
       LEFT JOIN LATERAL (
         SELECT c.id FROM shift_calendars c WHERE c.asset_id = ANY(m.ancestors) AND c.valid_from <= $2
         ORDER BY array_position(m.ancestors, c.asset_id) DESC, c.valid_from DESC LIMIT 1) cal ON true
       WHERE m.id = ANY($1::uuid[]) AND m.kind = 'machine'`,
      [machineIds, range.end],
    );
    const calendars = await this.calendars(sql, [
      ...new Set(machines.flatMap((m) => (m.calendar_id ? [m.calendar_id] : []))),
    ]);
    return new Map(
      machines.map((m) => [
        m.id,
        {
          ancestors: m.ancestors,
          timeZone: m.time_zone ?? 'UTC',
          siteId: m.site_id,
          idealCycleTimeMs: m.ideal_cycle_time_ms,
          calendar: (m.calendar_id && calendars.get(m.calendar_id)) || null,
        },
      ]),
    );
  }

  private async calendars(sql: SqlRunner, ids: readonly string[]): Promise<Map<string, ShiftCalendar>> {
    if (ids.length === 0) return new Map();
    type Entry = { calendar_id: string; name: string; start_time: string; end_time: string; days: number[] };
    const shifts = await sql.query<Entry>(
      `SELECT calendar_id::text AS calendar_id, name, start_time, end_time, days_of_week AS days
       FROM shift_definitions WHERE calendar_id = ANY($1::uuid[])`,
      [ids],
    );
    const stops = await sql.query<Entry>(
      `SELECT calendar_id::text AS calendar_id, name, start_time, end_time, days_of_week AS days
       FROM planned_stops WHERE calendar_id = ANY($1::uuid[])`,
      [ids],
    );
    const holidays = await sql.query<{ calendar_id: string; date: string }>(
      `SELECT calendar_id::text AS calendar_id, to_char(date, 'YYYY-MM-DD') AS date
       FROM holidays WHERE calendar_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      ids.map((id) => [
        id,
        {
          shifts: shifts
            .filter((s) => s.calendar_id === id)
            .map((s) => ({ name: s.name, start: s.start_time, end: s.end_time, days: s.days })),
          plannedStops: stops
            .filter((p) => p.calendar_id === id)
            .map((p) => ({ start: p.start_time, end: p.end_time, days: p.days, reason: p.name })),
          holidays: holidays.filter((h) => h.calendar_id === id).map((h) => h.date),
        },
      ]),
    );
  }
}
