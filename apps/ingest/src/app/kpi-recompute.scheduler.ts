import { machineHourJobId } from '@convergent/shared-util-contracts';
import type { JobQueues } from '@convergent/platform-data-access-queue';
import type { DirtyHour } from '@convergent/telemetry-data-access-events';

// A short delay lets a burst of messages for the same hour collapse into one job (same job id).
const COALESCE_DELAY_MS = 2000;

export async function scheduleMachineHourRecompute(queues: JobQueues, hours: DirtyHour[]): Promise<void> {
  await queues.addBulk(
    'kpi.machine-hour',
    hours.map((h) => ({
      payload: { tenantId: h.tenantId, machineId: h.machineId, hourStart: h.hourStart.toISOString() },
      options: { jobId: machineHourJobId(h.machineId, h.hourStart), delay: COALESCE_DELAY_MS },
    })),
  );
}
