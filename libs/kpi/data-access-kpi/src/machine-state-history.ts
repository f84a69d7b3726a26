import type { Database } from '@convergent/platform-data-access-db';
import { DomainError, type MachineState } from '@convergent/shared-util-contracts';
import {
  stateTimeline,
  type Interval,
  type StateSample,
  type StateSegment,
} from '@convergent/shared-util-kpi';
import { STALE_STATE_AFTER_MS } from './machine-hour-kpi';

// A timeline answer stays small enough to draw and to send: a machine flapping every few seconds
// over a month would otherwise be hundreds of thousands of intervals.
export const MAX_TIMELINE_SAMPLES = 20_000;

export interface TimelineInterval extends StateSegment {
  reasonName: string | null;
}

// Pure: the machine's state intervals in the range, by the KPI rules (docs/kpi.md, "State timeline
// and unknown time"): a state holds until the next sample, until it is STALE_STATE_AFTER_MS old or
// until now; everything else is unknown, never the last state running on. An interval that began
// before the range is clipped to it; the range is cut at now, since nothing is known after it.
export function machineTimeline(
  samples: readonly StateSample[],
  range: Interval,
  now: Date,
  reasonNames: ReadonlyMap<string, string> = new Map(),
): TimelineInterval[] {
  const end = new Date(Math.min(range.end.getTime(), now.getTime()));
  if (end <= range.start) return [];
  return stateTimeline(samples, { start: range.start, end }, now, STALE_STATE_AFTER_MS).map((segment) => ({
    ...segment,
    reasonName: segment.reason ? (reasonNames.get(segment.reason) ?? null) : null,
  }));
}

export type ObservedState = MachineState | 'unknown';

const OBSERVED_STATES: readonly ObservedState[] = [
  'running',
  'idle',
  'setup',
  'planned_stop',
  'down',
  'unknown',
];

// Pure: how many machines are in each state, from each machine's last state of the last
// STALE_STATE_AFTER_MS (null: none that recent, so unknown, by the same rule as the timeline).
export function countStates(latest: ReadonlyArray<MachineState | null>): Record<ObservedState, number> {
  const counts = Object.fromEntries(OBSERVED_STATES.map((s) => [s, 0])) as Record<ObservedState, number>;
  for (const state of latest) counts[state ?? 'unknown'] += 1;
  return counts;
}

// Reads a machine's state samples (the one before the range gives the state at its start) from the
// table ingest writes, in the tenant's row-level security.
export class MachineStateHistory {
  constructor(private readonly db: Database) {}

  // Machines in service below the asset (within siteIds unless null) by their state now.
  async currentStates(
    tenantId: string,
    assetId: string,
    siteIds: readonly string[] | null,
    now: Date,
  ): Promise<Record<ObservedState, number>> {
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      const rows = await sql.query<{ state: MachineState | null }>(
        `SELECT last.state FROM assets m
         LEFT JOIN LATERAL (SELECT state FROM machine_state_events e
           WHERE e.machine_id = m.id AND e.ts > $2 AND e.ts <= $3 ORDER BY e.ts DESC LIMIT 1) last ON true
         WHERE m.kind = 'machine' AND m.archived_at IS NULL AND m.ancestors @> ARRAY[$1::uuid]
           AND ($4::uuid[] IS NULL OR m.site_id = ANY($4::uuid[]))`,
        [assetId, new Date(now.getTime() - STALE_STATE_AFTER_MS), now, siteIds],
      );
      return countStates(rows.map((r) => r.state));
    });
  }

  async timeline(
    tenantId: string,
    machineId: string,
    range: Interval,
    now: Date,
  ): Promise<TimelineInterval[]> {
    return this.db.withSqlTransaction(async (sql) => {
      await sql.setTenant(tenantId);
      const samples = await sql.query<{ ts: Date; state: MachineState; reason: string | null }>(
        `(SELECT ts, state, reason FROM machine_state_events
           WHERE machine_id = $1::uuid AND ts < $2 ORDER BY ts DESC LIMIT 1)
         UNION ALL
         (SELECT ts, state, reason FROM machine_state_events
           WHERE machine_id = $1::uuid AND ts >= $2 AND ts < $3 ORDER BY ts LIMIT ${MAX_TIMELINE_SAMPLES + 1})`,
        [machineId, range.start, range.end],
      );
      if (samples.length > MAX_TIMELINE_SAMPLES)
        throw new DomainError(
          'BAD_USER_INPUT',
          `the machine changed state more than ${MAX_TIMELINE_SAMPLES} times in this range: ask for a shorter range`,
          { maxSamples: MAX_TIMELINE_SAMPLES },
        );
      const codes = [...new Set(samples.flatMap((s) => (s.reason ? [s.reason] : [])))];
      const reasons = codes.length
        ? await sql.query<{ code: string; name: string }>(
            `SELECT code, name FROM downtime_reasons WHERE code = ANY ($1::text[])`,
            [codes],
          )
        : [];
      return machineTimeline(
        samples.map((s) => ({ ts: s.ts, state: s.state, ...(s.reason ? { reason: s.reason } : {}) })),
        range,
        now,
        new Map(reasons.map((r) => [r.code, r.name])),
      );
    });
  }
}
