import type { Database } from '@convergent/platform-data-access-db';

const DAY = 86_400_000;

// Daily partitions must exist before events for that day arrive; ingest accepts readings up to
// 30 days old, so the window reaches back that far, and a week ahead for gateways' clocks and
// for a maintenance job that does not run for a few days.
export class EventPartitionRepository {
  constructor(private readonly db: Database) {}

  async ensureAround(now: Date, daysBack = 31, daysAhead = 7): Promise<number> {
    const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
    const { rows } = await this.db.pool.query<{ created: number }>(
      `SELECT ensure_event_partitions($1::date, $2::date) AS created`,
      [day(-daysBack), day(daysAhead)],
    );
    return rows[0]?.created ?? 0;
  }
}
