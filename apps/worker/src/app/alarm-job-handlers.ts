import type { JobsOptions } from 'bullmq';
import type { JobHandlers } from './job-handlers';
import type { AlarmChanged } from '@convergent/shared-util-contracts';
import type { JobQueues, LiveEventPublisher } from '@convergent/platform-data-access-queue';
import type {
  AlarmEngine,
  AlarmHousekeeping,
  DeliveryRef,
  MaintenanceScan,
  NotificationDelivery,
} from '@convergent/alarms-data-access-alarms';

type AlarmJobName = 'alarms.evaluate' | 'alarms.tick' | 'alarms.scan-maintenance' | 'notifications.deliver';

export interface AlarmJobDeps {
  engine: AlarmEngine;
  housekeeping: AlarmHousekeeping;
  scan: MaintenanceScan;
  delivery: NotificationDelivery;
  live: LiveEventPublisher;
  queues: JobQueues;
  // Retries of one notification: attempts and the first backoff delay (doubling after each).
  notifyAttempts: number;
  notifyBackoffMs: number;
  // Ticks run this far behind the clock: a sample older than a rule's last input is dropped, so
  // a tick at the exact present would drop every sample still in flight from ingest.
  tickGraceMs: number;
  clock?: () => number;
}

// A delivery whose job may have been lost between commit and enqueue is re-enqueued after this.
const LOST_DELIVERY_AFTER_MS = 60_000;

// Alarm evaluation, its periodic tick, the maintenance scan and notification delivery. The engine
// writes deliveries in its own transaction; their jobs (keyed by delivery id, so re-enqueuing is a
// no-op while one waits) and the live events follow after commit.
export function createAlarmJobHandlers(deps: AlarmJobDeps): Pick<JobHandlers, AlarmJobName> {
  const now = deps.clock ?? Date.now;
  const options = (ref: DeliveryRef): JobsOptions => ({
    jobId: ref.jobId ?? ref.deliveryId,
    attempts: deps.notifyAttempts,
    backoff: { type: 'exponential', delay: deps.notifyBackoffMs },
  });
  const afterCommit = async (deliveries: DeliveryRef[], changed: AlarmChanged[]): Promise<void> => {
    await deps.queues.addBulk(
      'notifications.deliver',
      deliveries.map((ref) => ({
        payload: { tenantId: ref.tenantId, deliveryId: ref.deliveryId },
        options: options(ref),
      })),
    );
    await deps.live.publish(changed);
  };
  return {
    'alarms.evaluate': async ({ samples }) => {
      const outcome = await deps.engine.evaluateSamples(samples);
      await afterCommit(outcome.deliveries, outcome.changed);
      return { evaluations: outcome.evaluations, ignored: outcome.ignored, alarmEvents: outcome.alarmEvents };
    },
    'alarms.tick': async () => {
      const at = now();
      let evaluations = 0;
      for (const tenantId of await deps.housekeeping.tenants()) {
        const outcome = await deps.engine.tick(tenantId, at - deps.tickGraceMs);
        evaluations += outcome.evaluations;
        const reminders = await deps.housekeeping.reminders(tenantId, at);
        const lost = await deps.housekeeping.pendingDeliveries(tenantId, LOST_DELIVERY_AFTER_MS);
        await afterCommit([...outcome.deliveries, ...reminders, ...lost], outcome.changed);
      }
      return { evaluations };
    },
    'alarms.scan-maintenance': async () => {
      const at = now();
      let warnings = 0;
      for (const tenantId of await deps.housekeeping.tenants()) {
        const outcome = await deps.scan.scan(tenantId, at);
        warnings += outcome.anomalies + outcome.forecasts;
        await afterCommit(outcome.deliveries, []);
      }
      return { warnings };
    },
    'notifications.deliver': async ({ tenantId, deliveryId }) => ({
      outcome: await deps.delivery.deliver(tenantId, deliveryId),
    }),
  };
}
