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

// Reads a machine's state samples (the one before the range gives the state at its start) from the
// table ingest writes, in the tenant's row-level security.
export class MachineStateHistory {
  constructor(private readonly db: Database) {}

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
