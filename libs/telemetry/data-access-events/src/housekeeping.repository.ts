import type { Database } from '@convergent/platform-data-access-db';

export interface RetentionPolicy {
  // Dead letters are for diagnosing a gateway now, not an archive.
  deadLetterDays: number;
  // Partitions younger than this are never dropped: EventPartitionRepository keeps creating them
  // behind today (ensureAround's daysBack), and must not race a drop every day.
  minPartitionAgeDays: number;
}

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = { deadLetterDays: 14, minPartitionAgeDays: 35 };

export interface RetentionResult {
  partitionsDropped: number;
  eventsDeleted: number;
  rollupsDeleted: number;
  deadLettersDeleted: number;
}

interface RetentionRow {
  partitions_dropped: number;
  events_deleted: string;
  rollups_deleted: string;
  dead_letters_deleted: string;
}

// Rollups and retention across every tenant, through the SECURITY DEFINER functions of migration
// 0014 (the application role may neither read other tenants' rows nor drop partitions).
export class HousekeepingRepository {
  constructor(private readonly db: Database) {}

  // Recomputes the 1-minute buckets starting in [from, to) and the hours they belong to.
  async rollupTelemetry(from: Date, to: Date): Promise<number> {
    const { rows } = await this.db.pool.query<{ minutes: number }>(
      'SELECT rollup_telemetry($1, $2) AS minutes',
      [from, to],
    );
    return rows[0]?.minutes ?? 0;
  }

  async applyRetention(
    now: Date,
    policy: RetentionPolicy = DEFAULT_RETENTION_POLICY,
  ): Promise<RetentionResult> {
    const { rows } = await this.db.pool.query<RetentionRow>('SELECT * FROM apply_retention($1, $2, $3)', [
      now,
      policy.deadLetterDays,
      policy.minPartitionAgeDays,
    ]);
    const row = rows[0];
    if (row === undefined) throw new Error('apply_retention returned no row');
    return {
      partitionsDropped: row.partitions_dropped,
      eventsDeleted: Number(row.events_deleted),
      rollupsDeleted: Number(row.rollups_deleted),
      deadLettersDeleted: Number(row.dead_letters_deleted),
    };
  }
}
