// Starts a KPI backfill from the command line (operators without the GraphQL mutation at hand,
// e.g. after restoring events) and follows its progress until it ends.
//   node -r ./tools/register-ts.cjs tools/ops/kpi-backfill.ts --tenant <id> --from <ISO> --to <ISO> [--asset <id>]
// Uses REDIS_URL and QUEUE_PREFIX like the worker; a running worker does the work.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { QueueEvents } from 'bullmq';
import { JobQueues, QueueConnection } from '@convergent/platform-data-access-queue';
import { JOB_QUEUE } from '@convergent/shared-util-contracts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      asset: { type: 'string' },
    },
  });
  if (!values.tenant || !values.from || !values.to)
    throw new Error(
      'usage: kpi-backfill.ts --tenant <id> --from <ISO date-time> --to <ISO date-time> [--asset <id>]',
    );
  const from = new Date(values.from);
  const to = new Date(values.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from)
    throw new Error('--from and --to must be ISO 8601 date-times with --to after --from');
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const prefix = process.env['QUEUE_PREFIX'] ?? 'convergent';
  const queues = new JobQueues(redisUrl, prefix);
  const queueName = JOB_QUEUE['kpi.backfill'];
  const redis = new QueueConnection(redisUrl, prefix);
  const events = new QueueEvents(queueName, { connection: redis.connection, prefix: redis.prefix });
  const jobId = `kpi.backfill.${values.tenant}.${randomUUID()}`;
  try {
    await events.waitUntilReady();
    const done = new Promise<void>((resolve, reject) => {
      events.on('progress', ({ jobId: id, data }) => {
        if (id === jobId) console.log(`progress ${JSON.stringify(data)}`);
      });
      events.on('completed', ({ jobId: id, returnvalue }) => {
        if (id === jobId) resolve(console.log(`completed ${JSON.stringify(returnvalue)}`));
      });
      events.on('failed', ({ jobId: id, failedReason }) => {
        if (id === jobId)
          reject(new Error(`failed: ${failedReason} (retried with backoff until its attempts run out)`));
      });
    });
    await queues.add(
      'kpi.backfill',
      {
        tenantId: values.tenant,
        assetId: values.asset ?? null,
        from: from.toISOString(),
        to: to.toISOString(),
      },
      { jobId, removeOnComplete: { age: 7 * 86_400 } },
    );
    console.log(`enqueued ${jobId} on ${redis.prefix}:${queueName}`);
    await done;
  } finally {
    await events.close();
    await queues.close();
    await redis.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
