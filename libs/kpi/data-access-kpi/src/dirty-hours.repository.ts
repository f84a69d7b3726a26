import type { Database } from '@convergent/platform-data-access-db';

export interface DirtyMachineHour {
  tenantId: string;
  machineId: string;
  hourStart: Date;
}

// Recompute marks older than a grace period: their job ran before the newest data arrived (or
// was lost with a Redis restart), so the sweep enqueues them again. Cross-tenant by design, and
// only ids leave it, so it reads through the owner-less function below.
export class DirtyHoursRepository {
  constructor(private readonly db: Database) {}

  async overdue(olderThanMs: number, limit: number): Promise<DirtyMachineHour[]> {
    const { rows } = await this.db.pool.query<{ tenant_id: string; machine_id: string; hour_start: Date }>(
      `SELECT tenant_id, machine_id, hour_start FROM kpi_overdue_dirty_hours($1, $2)`,
      [olderThanMs, limit],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, machineId: r.machine_id, hourStart: r.hour_start }));
  }
}
