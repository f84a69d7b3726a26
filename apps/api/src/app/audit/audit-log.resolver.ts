import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AuditLogRepository, type Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { AuditEntry, AuditLogArgs, AuditLogConnection } from './audit-log.model';

const asJson = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

@Resolver(() => AuditEntry)
export class AuditLogResolver {
  constructor(@Inject(AuditLogRepository) private readonly log: AuditLogRepository) {}

  @Query(() => AuditLogConnection, {
    description: "Admins: the tenant's audit log, newest first, filtered and paged with cursors.",
  })
  async auditLog(
    @CurrentPrincipal() principal: Principal,
    @Args() { filter, first, after }: AuditLogArgs,
  ): Promise<AuditLogConnection> {
    requireRole(principal, ['admin'], 'read the audit log');
    const page = await this.log.page(principal.tenantId, filter ?? {}, first, after);
    return {
      edges: page.entries.map(({ entry, cursor }) => ({
        cursor,
        node: { ...entry, before: asJson(entry.before), after: asJson(entry.after) },
      })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.entries.at(-1)?.cursor ?? null },
    };
  }
}
