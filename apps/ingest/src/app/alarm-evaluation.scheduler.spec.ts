import { randomUUID } from 'node:crypto';
import { JobQueues } from '@convergent/platform-data-access-queue';
import { emptyBatch } from '@convergent/telemetry-data-access-events';
import { alarmSamplesOf, scheduleAlarmEvaluation } from './alarm-evaluation.scheduler';

const key = { tenantId: 't-1', machineId: 'm-1', gatewayId: 'g-1', seq: 1 };

describe('alarmSamplesOf', () => {
  it('joins the metrics of one machine and instant into one sample and keeps state changes', () => {
    const at = new Date('2026-11-25T10:00:00Z');
    const later = new Date('2026-11-25T10:00:01Z');
    expect(
      alarmSamplesOf({
        telemetry: [
          {
            ...key,
            points: [
              { ts: at.getTime(), metric: 'temperature', value: 81 },
              { ts: at.getTime(), metric: 'vibration', value: 2.5 },
              { ts: later.getTime(), metric: 'temperature', value: 82 },
            ],
          },
        ],
        states: [{ ...key, idx: 0, ts: later, state: 'down', reason: null }],
      }),
    ).toEqual([
      { tenantId: 't-1', machineId: 'm-1', ts: at.getTime(), values: { temperature: 81, vibration: 2.5 } },
      { tenantId: 't-1', machineId: 'm-1', ts: later.getTime(), values: { temperature: 82 } },
      { tenantId: 't-1', machineId: 'm-1', ts: later.getTime(), state: 'down' },
    ]);
  });
});

// Against the real Redis, under a prefix of the test's own.
describe('scheduleAlarmEvaluation', () => {
  const queues = new JobQueues(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', `test-${randomUUID()}`);

  afterAll(async () => {
    await queues.queue('alarms').obliterate({ force: true });
    await queues.close();
  });

  it('slices a large flush into evaluation jobs of at most 2,000 samples, losing none', async () => {
    const base = Date.parse('2026-11-25T10:00:00Z');
    const telemetry = Array.from({ length: 9 }, (_, m) => ({
      ...key,
      seq: m + 1,
      points: Array.from({ length: 500 }, (_, i) => ({
        ts: base + (m * 500 + i) * 1000,
        metric: 'temperature',
        value: 20 + (i % 10),
      })),
    }));
    await scheduleAlarmEvaluation(queues, { ...emptyBatch(), telemetry });
    const jobs = await queues.queue('alarms').getJobs(['waiting']);
    const sizes = jobs
      .map((job) => (job.data as { samples: unknown[] }).samples.length)
      .sort((a, b) => b - a);
    expect(jobs.every((job) => job.name === 'alarms.evaluate')).toBe(true);
    expect(sizes).toEqual([2000, 2000, 500]);
  });
});
