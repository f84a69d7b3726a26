import { nextShiftStart } from './kpi-buckets';
import { MachineHourInputsRepository } from './machine-hour-inputs.repository';
import type { SqlRunner } from './sql-runner';

// The shift calendars that apply to the machines below an asset, as the KPI jobs read them.
export class ShiftScheduleRepository {
  private readonly inputs = new MachineHourInputsRepository();

  // The earliest next shift start among the machines in service below the asset (lines may keep
  // their own calendars, sites their own zones); null when none starts within a week.
  async nextShiftStart(sql: SqlRunner, assetId: string, now: Date): Promise<Date | null> {
    const machines = await sql.query<{ id: string }>(
      `SELECT id FROM assets WHERE kind = 'machine' AND archived_at IS NULL AND ancestors @> ARRAY[$1::uuid]`,
      [assetId],
    );
    const schedules = await this.inputs.schedules(
      sql,
      machines.map((m) => m.id),
      { start: now, end: now },
    );
    let earliest: Date | null = null;
    for (const schedule of schedules.values()) {
      const next = nextShiftStart(now, schedule.timeZone, schedule.calendar);
      if (next && (!earliest || next < earliest)) earliest = next;
    }
    return earliest;
  }
}
