import { Inject } from '@nestjs/common';
import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  GatewayQueryRepository,
  GatewayTwinRepository,
  type GatewayCommandRecord,
} from '@convergent/fleet-data-access-gateways';
import { DeviceControlQueue, type JobQueues } from '@convergent/platform-data-access-queue';
import {
  PROTOCOL_VERSION,
  configDifference,
  DomainError,
  desiredMessageTooLarge,
} from '@convergent/shared-util-contracts';
import { auditActorOf, type Principal } from '@convergent/tenancy-data-access-auth';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { requireRole } from '../auth/require-role';
import { JOB_QUEUES } from '../api.tokens';
import { pageRequest, toConnection, type Connection } from '../graphql/connection';
import { Gateway } from './gateway.models';
import {
  ConfigDifference,
  GatewayCommand,
  GatewayCommandConnection,
  GatewayCommandsArgs,
  SendGatewayCommandArgs,
  SetGatewayDesiredConfigArgs,
} from './gateway-twin.models';
import { parseCommandRequest, parseDesiredConfig } from './gateway-twin.input';
import { toGatewayModel } from './gateways.resolver';

const TWIN_ROLES = ['admin', 'technician'] as const;

function toCommandModel(command: GatewayCommandRecord): GatewayCommand {
  return {
    ...command,
    args: JSON.stringify(command.args),
    result: command.result === null ? null : JSON.stringify(command.result),
    response: command.response === null ? null : JSON.stringify(command.response),
  };
}

// A gateway's digital twin: the desired configuration people set, what the gateway reports, the
// difference, and commands with their results. Messages to the gateway go out through the
// device-control queue (ingest publishes them on the broker).
@Resolver(() => Gateway)
export class GatewayTwinResolver {
  private readonly deviceControl: DeviceControlQueue;

  constructor(
    private readonly gateways: GatewayQueryRepository,
    private readonly twins: GatewayTwinRepository,
    @Inject(JOB_QUEUES) queues: JobQueues,
  ) {
    this.deviceControl = new DeviceControlQueue(queues);
  }

  @ResolveField(() => ConfigDifference, {
    description:
      'Which fields of the reported configuration differ from the desired one, and whether it is in sync.',
  })
  configDifference(@Parent() gateway: Gateway): ConfigDifference {
    return configDifference(
      gateway.desiredConfig === null
        ? null
        : { version: gateway.desiredVersion, config: JSON.parse(gateway.desiredConfig) as unknown },
      gateway.reportedConfig === null || gateway.reportedVersion === null
        ? null
        : {
            version: gateway.reportedVersion,
            status: gateway.reportedStatus === 'rejected' ? 'rejected' : 'applied',
            config: JSON.parse(gateway.reportedConfig) as unknown,
          },
    );
  }

  @ResolveField(() => GatewayCommandConnection, { description: 'Commands sent to it, newest first.' })
  async commands(
    @Parent() gateway: Gateway,
    @CurrentPrincipal() principal: Principal,
    @Args() args: GatewayCommandsArgs,
  ): Promise<Connection<GatewayCommand>> {
    const request = pageRequest(args);
    const { rows, totalCount } = await this.twins.commands(
      principal.tenantId,
      gateway.id,
      args.status ?? undefined,
      request,
    );
    return toConnection(rows.map(toCommandModel), request, totalCount);
  }

  @Mutation(() => Gateway, {
    description:
      'Admins and technicians: replace the configuration a gateway should run. It is checked against the schema the ' +
      'gateway accepts, kept, and published retained, so an offline gateway gets it when it connects.',
  })
  async setGatewayDesiredConfig(
    @CurrentPrincipal() principal: Principal,
    @Args() args: SetGatewayDesiredConfigArgs,
  ): Promise<Gateway> {
    requireRole(principal, TWIN_ROLES, 'configure gateways');
    const config = parseDesiredConfig(args.config);
    const tooLarge = desiredMessageTooLarge({ v: PROTOCOL_VERSION, version: 1, ts: Date.now(), config });
    if (tooLarge) throw new DomainError('BAD_USER_INPUT', `invalid configuration: ${tooLarge}`);
    await this.activeGateway(principal, args.gatewayId);
    await this.twins.setDesired(principal.tenantId, args.gatewayId, config, auditActorOf(principal), (set) =>
      this.deviceControl.publishDesired(principal.tenantId, set.gatewayId, set.version),
    );
    const updated = await this.gateways.find(principal, args.gatewayId);
    if (updated === null) throw new DomainError('NOT_FOUND', `no gateway with id "${args.gatewayId}"`);
    return toGatewayModel(updated);
  }

  @Mutation(() => GatewayCommand, {
    description:
      'Admins and technicians: send a gateway a command; its answer (or timed_out at the deadline) shows in Gateway.commands.',
  })
  async sendGatewayCommand(
    @CurrentPrincipal() principal: Principal,
    @Args() args: SendGatewayCommandArgs,
  ): Promise<GatewayCommand> {
    requireRole(principal, TWIN_ROLES, 'send commands to gateways');
    const command = parseCommandRequest(args);
    await this.activeGateway(principal, args.gatewayId);
    const created = await this.twins.createCommand(
      principal.tenantId,
      args.gatewayId,
      command,
      auditActorOf(principal),
      (record) => this.deviceControl.sendCommand(principal.tenantId, record.id, record.deadline),
    );
    return toCommandModel(created);
  }

  // A gateway on a site the caller may not see does not exist for them; a revoked one takes nothing.
  private async activeGateway(principal: Principal, gatewayId: string): Promise<void> {
    const gateway = await this.gateways.find(principal, gatewayId);
    if (gateway === null) throw new DomainError('NOT_FOUND', `no gateway with id "${gatewayId}"`);
    if (gateway.status === 'decommissioned')
      throw new DomainError('CONFLICT', `gateway "${gateway.thingName}" is decommissioned`);
  }
}
