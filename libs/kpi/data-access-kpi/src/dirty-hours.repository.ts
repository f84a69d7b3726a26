import type { Database } from '@convergent/platform-data-access-db';

export interface DirtyMachineHour {
  tenantId: string;
  machineId: string;
  hourStart: Date;
}

// What the sweep re-enqueues: recompute marks older than a grace period (their job ran before the
// newest data arrived, or was lost with a Redis restart) and hours that closed after their last
// computation. Cross-tenant by design and ids only, through SECURITY DEFINER functions.
export class DirtyHoursRepository {
  constructor(private readonly db: Database) {}

  async overdue(olderThanMs: number, limit: number): Promise<DirtyMachineHour[]> {
    return this.read(
      `SELECT tenant_id, machine_id, hour_start FROM kpi_overdue_dirty_hours($1, $2)`,
      olderThanMs,
      limit,
    );
  }

  // Hours last computed while open: recomputed once after they close, so they become final.
  async closedButNotFinal(graceMs: number, limit: number): Promise<DirtyMachineHour[]> {
    return this.read(
      `SELECT tenant_id, machine_id, hour_start FROM kpi_unfinalized_closed_hours($1, $2)`,
      graceMs,
      limit,
    );
  }

  private async read(sql: string, ms: number, limit: number): Promise<DirtyMachineHour[]> {
    const { rows } = await this.db.pool.query<{ tenant_id: string; machine_id: string; hour_start: Date }>(
      sql,
      [ms, limit],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, machineId: r.machine_id, hourStart: r.hour_start }));
  }
}
