import type { Database } from '@convergent/platform-data-access-db';
import type { KpiBucketGranularity } from '@convergent/shared-util-contracts';

export interface DirectoryMachine {
  tenantId: string;
  machineId: string;
  siteId: string;
}

export interface StaleBucket {
  tenantId: string;
  machineId: string;
  granularity: KpiBucketGranularity;
  bucketStart: Date;
  bucketEnd: Date;
  shiftName: string | null;
}

// The worker's cross-tenant look-ups for scheduling (ids only, through the SECURITY DEFINER
// functions of migration 0010); what is computed is then read and written under each tenant.
export class KpiMachineDirectory {
  constructor(private readonly db: Database) {}

  async all(): Promise<DirectoryMachine[]> {
    return this.machines(`SELECT tenant_id, machine_id, site_id FROM kpi_machine_directory()`, []);
  }

  async activeSince(since: Date): Promise<DirectoryMachine[]> {
    return this.machines(`SELECT tenant_id, machine_id, site_id FROM kpi_active_machines($1)`, [since]);
  }

  // Final shift/day/week results that an hour recomputed after them (late data) overlaps.
  async staleBuckets(lookbackMs: number, limit: number): Promise<StaleBucket[]> {
    const { rows } = await this.db.pool.query<{
      tenant_id: string;
      machine_id: string;
      granularity: KpiBucketGranularity;
      bucket_start: Date;
      bucket_end: Date;
      shift_name: string | null;
    }>(
      `SELECT tenant_id, machine_id, granularity::text AS granularity, bucket_start, bucket_end, shift_name
       FROM kpi_stale_buckets($1, $2)`,
      [lookbackMs, limit],
    );
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      machineId: r.machine_id,
      granularity: r.granularity,
      bucketStart: r.bucket_start,
      bucketEnd: r.bucket_end,
      shiftName: r.shift_name,
    }));
  }

  private async machines(sql: string, params: unknown[]): Promise<DirectoryMachine[]> {
    const { rows } = await this.db.pool.query<{ tenant_id: string; machine_id: string; site_id: string }>(
      sql,
      params,
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, machineId: r.machine_id, siteId: r.site_id }));
  }
}
