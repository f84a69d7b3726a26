import { randomUUID } from 'node:crypto';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DomainError, JOB_QUEUE, type JobPayloads } from '@convergent/shared-util-contracts';
import type { JobQueues } from '@convergent/platform-data-access-queue';
import { AssetRepository } from '@convergent/assets-data-access-assets';
import { recordAudit, type Database } from '@convergent/platform-data-access-db';
import { auditActorOf, type Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { DATABASE, JOB_QUEUES } from '../api.tokens';
import { KpiBackfillJob, StartKpiBackfillArgs } from './kpi-backfill.model';
import { assertRange } from './assert-range';

const MAX_BACKFILL_MS = 366 * 86_400_000;
// Finished backfills stay listed for a week so their outcome can be read.
const KEEP_FINISHED = { age: 7 * 86_400 };

type BackfillPayload = JobPayloads['kpi.backfill'];

function progressOf(job: Job<BackfillPayload>) {
  const p = job.progress as
    Partial<Record<'machines' | 'machinesDone' | 'buckets' | 'percent', number>> | number;
  return typeof p === 'object' ? p : {};
}

async function toModel(job: Job<BackfillPayload>): Promise<KpiBackfillJob> {
  const progress = progressOf(job);
  return {
    id: job.id ?? '',
    state: await job.getState(),
    from: new Date(job.data.from),
    to: new Date(job.data.to),
    assetId: job.data.assetId,
    machines: progress.machines ?? null,
    machinesDone: progress.machinesDone ?? 0,
    buckets: progress.buckets ?? 0,
    percent: job.finishedOn && !job.failedReason ? 100 : (progress.percent ?? 0),
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? null,
  };
}

@Resolver(() => KpiBackfillJob)
export class KpiBackfillResolver {
  constructor(
    @Inject(JOB_QUEUES) private readonly queues: JobQueues,
    private readonly assets: AssetRepository,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Mutation(() => KpiBackfillJob, {
    description:
      'Admins: recompute every KPI bucket of a range (at most 366 days) from raw events, e.g. after importing history or changing a calendar. Returns the job; follow it with kpiBackfillJob.',
  })
  async startKpiBackfill(
    @CurrentPrincipal() principal: Principal,
    @Args() args: StartKpiBackfillArgs,
  ): Promise<KpiBackfillJob> {
    requireRole(principal, ['admin'], 'start a KPI backfill');
    const { from, to } = args;
    assertRange(from, to, MAX_BACKFILL_MS, 'a backfill covers at most 366 days: start several');
    if (from > new Date())
      throw new DomainError('BAD_USER_INPUT', '"from" is in the future: nothing to compute');
    const assetId = args.assetId ?? null;
    if (assetId === null && principal.siteIds)
      throw new DomainError('FORBIDDEN', 'you may see some sites only: name the asset to backfill');
    if (assetId !== null && !(await this.assets.find(principal, assetId)))
      throw new DomainError('NOT_FOUND', `no asset with id "${assetId}"`);
    const payload: BackfillPayload = {
      tenantId: principal.tenantId,
      assetId,
      from: from.toISOString(),
      to: to.toISOString(),
    };
    const jobId = `kpi.backfill.${principal.tenantId}.${randomUUID()}`;
    // Recomputing overwrites stored KPIs, so it is audited; the entry commits only once the job
    // is queued, and a failed enqueue leaves no entry behind.
    const job = await this.db.withTenant(principal.tenantId, async (tx) => {
      await recordAudit(tx, principal.tenantId, auditActorOf(principal), {
        action: 'kpi.backfill.start',
        entityType: 'kpi_backfill',
        entityId: jobId,
        after: { ...payload },
      });
      return (await this.queue().add('kpi.backfill', payload, {
        jobId,
        removeOnComplete: KEEP_FINISHED,
      })) as Job<BackfillPayload>;
    });
    return toModel(job);
  }

  @Query(() => KpiBackfillJob, { description: "A backfill's state and progress." })
  async kpiBackfillJob(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<KpiBackfillJob> {
    const job = (await this.queue().getJob(id)) as Job<BackfillPayload> | undefined;
    // Another tenant's job is answered like a missing one.
    if (!job || job.name !== 'kpi.backfill' || job.data.tenantId !== principal.tenantId)
      throw new DomainError('NOT_FOUND', `no backfill with id "${id}"`);
    return toModel(job);
  }

  private queue() {
    return this.queues.queue(JOB_QUEUE['kpi.backfill']);
  }
}
