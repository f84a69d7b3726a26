import type { AlarmSample } from '@convergent/shared-util-contracts';
import type { JobQueues } from '@convergent/platform-data-access-queue';
import type { EventBatch } from '@convergent/telemetry-data-access-events';

// Samples per evaluation job: large enough that a busy flush is a handful of jobs, small enough
// that one job stays well inside a lock's lifetime.
const SAMPLES_PER_JOB = 2000;

type TelemetrySample = AlarmSample & { values: Record<string, number> };

// What alarm rules see of a flushed batch: one sample per machine and instant, with every metric
// reported at that instant, and one per machine state change. Samples are found by machine, then
// by the instant as a number: a string key per point was the pipeline's largest cost after JSON
// in the bench/ingest profile.
export function alarmSamplesOf(batch: Pick<EventBatch, 'telemetry' | 'states'>): AlarmSample[] {
  const samples: AlarmSample[] = [];
  const byMachine = new Map<string, Map<number, TelemetrySample>>();
  let machineId: string | null = null;
  let byInstant = new Map<number, TelemetrySample>();
  for (const message of batch.telemetry) {
    const { tenantId, machineId: messageMachine } = message;
    if (messageMachine !== machineId) {
      machineId = messageMachine;
      byInstant = byMachine.get(machineId) ?? new Map<number, TelemetrySample>();
      byMachine.set(machineId, byInstant);
    }
    for (const point of message.points) {
      let sample = byInstant.get(point.ts);
      if (!sample) {
        sample = { tenantId, machineId: messageMachine, ts: point.ts, values: {} };
        byInstant.set(point.ts, sample);
        samples.push(sample);
      }
      sample.values[point.metric] = point.value;
    }
  }
  for (const s of batch.states)
    samples.push({ tenantId: s.tenantId, machineId: s.machineId, ts: s.ts.getTime(), state: s.state });
  return samples;
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
