import type { AlarmSample } from '@convergent/shared-util-contracts';
import type { JobQueues } from '@convergent/platform-data-access-queue';
import type { EventBatch } from '@convergent/telemetry-data-access-events';

// Samples per evaluation job: large enough that a busy flush is a handful of jobs, small enough
// that one job stays well inside a lock's lifetime.
const SAMPLES_PER_JOB = 2000;

// What alarm rules see of a flushed batch: one sample per machine and instant, with every metric
// reported at that instant, and one per machine state change.
export function alarmSamplesOf(batch: Pick<EventBatch, 'telemetry' | 'states'>): AlarmSample[] {
  const byInstant = new Map<string, AlarmSample & { values: Record<string, number> }>();
  for (const t of batch.telemetry) {
    const ts = t.ts.getTime();
    const key = `${t.machineId}|${ts}`;
    let sample = byInstant.get(key);
    if (!sample) {
      sample = { tenantId: t.tenantId, machineId: t.machineId, ts, values: {} };
      byInstant.set(key, sample);
    }
    sample.values[t.metric] = t.value;
  }
  const states: AlarmSample[] = batch.states.map((s) => ({
    tenantId: s.tenantId,
    machineId: s.machineId,
    ts: s.ts.getTime(),
    state: s.state,
  }));
  return [...byInstant.values(), ...states];
}

// One job per slice of a flushed batch, enqueued after the batch is committed (see docs/alarms.md).
export async function scheduleAlarmEvaluation(queues: JobQueues, batch: EventBatch): Promise<void> {
  const samples = alarmSamplesOf(batch);
  const jobs: Array<{ payload: { samples: AlarmSample[] } }> = [];
  for (let i = 0; i < samples.length; i += SAMPLES_PER_JOB) {
    jobs.push({ payload: { samples: samples.slice(i, i + SAMPLES_PER_JOB) } });
  }
  await queues.addBulk('alarms.evaluate', jobs);
}
