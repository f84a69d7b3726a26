import {
  recordAudit,
  type AuditActor,
  type Database,
  type GatewayCommandStatus,
  type PageRequest,
  type Paged,
  type Prisma,
  pagedQuery,
} from '@convergent/platform-data-access-db';
import {
  DomainError,
  PROTOCOL_VERSION,
  type CommandArgs,
  type CommandName,
  type CommandRequestMessage,
  type CommandResponseMessage,
  type DesiredConfigMessage,
  type GatewayConfig,
  type ReportedConfigMessage,
} from '@convergent/shared-util-contracts';

// A gateway's digital twin (desired and reported configuration) and its commands, in PostgreSQL.
// Every call runs as one tenant (row-level security); the API checks site access before it calls.
// Changes take a `beforeCommit` step (the API queues the message for the gateway there): a failed
// enqueue rolls the change back, and a job that runs before the commit is visible finds nothing
// new yet and is retried (see ingest's device-control processor).

const COMMAND_SELECT = {
  id: true,
  gatewayId: true,
  seq: true,
  name: true,
  args: true,
  requestedByUserId: true,
  requestedByApiKeyId: true,
  issuedAt: true,
  deadline: true,
  status: true,
  result: true,
  error: true,
  completedAt: true,
  response: true,
  respondedAt: true,
} as const satisfies Prisma.GatewayCommandSelect;

const TIMED_OUT = 'no answer before the deadline';

export type GatewayCommandRecord = Prisma.GatewayCommandGetPayload<{ select: typeof COMMAND_SELECT }>;

export interface DesiredSet {
  gatewayId: string;
  siteId: string;
  version: number;
  setAt: Date;
}

export interface NewCommand {
  name: CommandName;
  args: CommandArgs;
  timeoutMs: number;
}

// What ingest made of a command's answer.
export type CommandAnswerOutcome = 'completed' | 'late' | 'repeated' | 'unknown';

export class GatewayTwinRepository {
  constructor(private readonly db: Database) {}

  // Replaces the desired configuration as a whole; its version grows by one.
  async setDesired(
    tenantId: string,
    gatewayId: string,
    config: GatewayConfig,
    actor: AuditActor,
    beforeCommit: (set: DesiredSet) => Promise<void>,
  ): Promise<DesiredSet> {
    return this.db.withTenant(tenantId, async (tx) => {
      const before = await tx.gateway.findFirst({
        where: { id: gatewayId },
        select: { desiredVersion: true, siteId: true },
      });
      if (before === null) throw new DomainError('NOT_FOUND', `no gateway with id "${gatewayId}"`);
      const setAt = new Date();
      const updated = await tx.gateway.update({
        where: { id: gatewayId },
        data: {
          desiredConfig: config,
          desiredVersion: { increment: 1 },
          desiredSetAt: setAt,
        },
        select: { desiredVersion: true },
      });
      await recordAudit(tx, tenantId, actor, {
        action: 'gateway.set_desired_config',
        entityType: 'gateway',
        entityId: gatewayId,
        before: { version: before.desiredVersion },
        after: { version: updated.desiredVersion, config },
      });
      const set = { gatewayId, siteId: before.siteId, version: updated.desiredVersion, setAt };
      await beforeCommit(set);
      return set;
    });
  }

  // The retained config/desired message for the gateway as it is now; null without one.
  async desiredMessage(
    tenantId: string,
    gatewayId: string,
  ): Promise<{ thingName: string; message: DesiredConfigMessage } | null> {
    const gateway = await this.db.withTenant(tenantId, (tx) =>
      tx.gateway.findFirst({
        where: { id: gatewayId, status: { not: 'decommissioned' } },
        select: { thingName: true, desiredVersion: true, desiredConfig: true, desiredSetAt: true },
      }),
    );
    if (gateway === null || gateway.desiredVersion < 1 || gateway.desiredSetAt === null) return null;
    return {
      thingName: gateway.thingName,
      message: {
        v: PROTOCOL_VERSION,
        version: gateway.desiredVersion,
        ts: gateway.desiredSetAt.getTime(),
        config: gateway.desiredConfig as Record<string, unknown>,
      },
    };
  }

  // A report older (by the gateway's sequence) than the stored one changes nothing; returns
  // whether it was stored.
  async recordReport(
    tenantId: string,
    gatewayId: string,
    report: ReportedConfigMessage,
    receivedAt: Date,
  ): Promise<boolean> {
    const seq = BigInt(report.seq);
    const { count } = await this.db.withTenant(tenantId, (tx) =>
      tx.gateway.updateMany({
        where: { id: gatewayId, OR: [{ reportedSeq: null }, { reportedSeq: { lt: seq } }] },
        data: {
          reportedConfig: report.config,
          reportedVersion: report.version,
          reportedStatus: report.status,
          reportedError: report.error ?? null,
          reportedAt: receivedAt,
          reportedSeq: seq,
        },
      }),
    );
    return count > 0;
  }

  async createCommand(
    tenantId: string,
    gatewayId: string,
    command: NewCommand,
    actor: AuditActor,
    beforeCommit: (command: GatewayCommandRecord) => Promise<void>,
  ): Promise<GatewayCommandRecord> {
    return this.db.withTenant(tenantId, async (tx) => {
      const gateway = await tx.gateway.findFirst({ where: { id: gatewayId }, select: { id: true } });
      if (gateway === null) throw new DomainError('NOT_FOUND', `no gateway with id "${gatewayId}"`);
      const { commandSeq } = await tx.gateway.update({
        where: { id: gatewayId },
        data: { commandSeq: { increment: 1 } },
        select: { commandSeq: true },
      });
      const issuedAt = new Date();
      const created = await tx.gatewayCommand.create({
        data: {
          tenantId,
          gatewayId,
          seq: commandSeq,
          name: command.name,
          args: command.args,
          requestedByUserId: actor.userId ?? null,
          requestedByApiKeyId: actor.apiKeyId ?? null,
          issuedAt,
          deadline: new Date(issuedAt.getTime() + command.timeoutMs),
        },
        select: COMMAND_SELECT,
      });
      await recordAudit(tx, tenantId, actor, {
        action: 'gateway.send_command',
        entityType: 'gateway',
        entityId: gatewayId,
        after: {
          commandId: created.id,
          name: command.name,
          args: command.args,
          timeoutMs: command.timeoutMs,
        },
      });
      await beforeCommit(created);
      return created;
    });
  }

  // The cmd/req message for a command that still waits for its answer; null otherwise.
  async commandRequest(
    tenantId: string,
    commandId: string,
    now: Date,
  ): Promise<{ thingName: string; message: CommandRequestMessage } | null> {
    const command = await this.db.withTenant(tenantId, (tx) =>
      tx.gatewayCommand.findFirst({
        where: { id: commandId, status: 'pending', deadline: { gt: now } },
        select: {
          seq: true,
          name: true,
          args: true,
          deadline: true,
          gateway: { select: { thingName: true } },
        },
      }),
    );
    if (command === null) return null;
    const args = command.args as CommandArgs;
    return {
      thingName: command.gateway.thingName,
      message: {
        v: PROTOCOL_VERSION,
        seq: Number(command.seq),
        name: command.name as CommandName,
        ...(Object.keys(args).length > 0 ? { args } : {}),
        expiresAt: command.deadline.getTime(),
      },
    };
  }

  // The first answer counts if it came before the deadline; any answer is kept (the first one) so a
  // late result is still visible, but the status of a timed-out command stays timed_out.
  async recordCommandAnswer(
    tenantId: string,
    gatewayId: string,
    commandId: string,
    answer: CommandResponseMessage,
    receivedAt: Date,
  ): Promise<CommandAnswerOutcome> {
    return this.db.withTenant(tenantId, async (tx) => {
      const command = await tx.gatewayCommand.findFirst({
        where: { id: commandId, gatewayId },
        select: { status: true, deadline: true, response: true },
      });
      if (command === null) return 'unknown';
      const response = answer as Prisma.InputJsonValue;
      const completes = command.status === 'pending' && receivedAt.getTime() <= command.deadline.getTime();
      if (completes) {
        const { count } = await tx.gatewayCommand.updateMany({
          where: { id: commandId, status: 'pending' },
          data: {
            status: answer.status === 'succeeded' ? 'succeeded' : 'failed',
            result: answer.result ?? undefined,
            error: answer.error ?? (answer.status === 'rejected' ? 'rejected by the gateway' : null),
            completedAt: receivedAt,
            response,
            respondedAt: receivedAt,
          },
        });
        if (count > 0) return 'completed';
      }
      const kept = await tx.$executeRaw`
        UPDATE gateway_commands SET response = ${JSON.stringify(answer)}::jsonb, responded_at = ${receivedAt}
         WHERE id = ${commandId}::uuid AND response IS NULL`;
      return kept > 0 ? 'late' : 'repeated';
    });
  }

  // At the deadline: a command still pending has timed out. Returns its gateway when it is timed
  // out now (also when a read got there first), null when it was answered or is not due.
  async expireCommand(tenantId: string, commandId: string, now: Date): Promise<{ gatewayId: string } | null> {
    return this.db.withTenant(tenantId, async (tx) => {
      await tx.$executeRaw`
        UPDATE gateway_commands SET status = 'timed_out', completed_at = deadline, error = ${TIMED_OUT}
         WHERE id = ${commandId}::uuid AND status = 'pending' AND deadline <= ${now}`;
      const command = await tx.gatewayCommand.findFirst({
        where: { id: commandId, status: 'timed_out' },
        select: { gatewayId: true },
      });
      return command;
    });
  }

  // Newest first. Pending commands past their deadline read as timed out even before the deadline
  // job has run (the worker's clock and queue are not what decides it, the deadline is).
  async commands(
    tenantId: string,
    gatewayId: string,
    status: GatewayCommandStatus | undefined,
    request: PageRequest,
  ): Promise<Paged<GatewayCommandRecord>> {
    return this.db.withTenant(tenantId, async (tx) => {
      await tx.$executeRaw`
        UPDATE gateway_commands SET status = 'timed_out', completed_at = deadline, error = ${TIMED_OUT}
         WHERE gateway_id = ${gatewayId}::uuid AND status = 'pending' AND deadline < now()`;
      const where: Prisma.GatewayCommandWhereInput = { gatewayId, ...(status ? { status } : {}) };
      return pagedQuery(
        request,
        (page) =>
          tx.gatewayCommand.findMany({
            where,
            orderBy: [{ issuedAt: 'desc' }, { seq: 'desc' }],
            select: COMMAND_SELECT,
            ...page,
          }),
        () => tx.gatewayCommand.count({ where }),
      );
    });
  }

  async siteOf(tenantId: string, gatewayId: string): Promise<string | null> {
    const gateway = await this.db.withTenant(tenantId, (tx) =>
      tx.gateway.findFirst({ where: { id: gatewayId }, select: { siteId: true } }),
    );
    return gateway?.siteId ?? null;
  }

  async command(tenantId: string, commandId: string): Promise<GatewayCommandRecord | null> {
    return this.db.withTenant(tenantId, (tx) =>
      tx.gatewayCommand.findFirst({ where: { id: commandId }, select: COMMAND_SELECT }),
    );
  }
}
