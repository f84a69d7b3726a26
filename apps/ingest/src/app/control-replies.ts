import { decodeControlReply } from '@convergent/telemetry-util-decoding';
import type { CommandAnswerOutcome, GatewayRoute } from '@convergent/fleet-data-access-gateways';
import type {
  CommandResponseMessage,
  LiveEvent,
  ReportedConfigMessage,
} from '@convergent/shared-util-contracts';
import type { DeadLetterInput } from '@convergent/telemetry-data-access-events';
import type { Acknowledge } from './ingest-pipeline';

export interface ControlReplyPorts {
  resolveGateway(thingName: string): Promise<GatewayRoute | null>;
  recordReport(route: GatewayRoute, report: ReportedConfigMessage, receivedAt: Date): Promise<boolean>;
  recordCommandAnswer(
    route: GatewayRoute,
    commandId: string,
    answer: CommandResponseMessage,
    receivedAt: Date,
  ): Promise<CommandAnswerOutcome>;
  recordDeadLetters(letters: DeadLetterInput[]): Promise<void>;
  publishLiveEvents(events: LiveEvent[]): Promise<void>;
}

// Gateways' replies to the cloud (config/reported, cmd/res): few and small, so each is validated
// and written on its own, not batched; acknowledged (PUBACK) once written, like ingest's data.
// An invalid one is dead-lettered with its reason; one that fails to write is not acknowledged and
// comes again with the next session.
export class ControlReplyHandler {
  constructor(
    private readonly ports: ControlReplyPorts,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async accept(
    topic: string,
    payload: Uint8Array,
    correlationData: Uint8Array | undefined,
    acknowledge: Acknowledge,
  ): Promise<void> {
    const receivedAt = this.clock();
    const decoded = decodeControlReply(topic, payload, correlationData);
    const thingName = decoded.ok ? decoded.value.thingName : decoded.thingName;
    const route = thingName ? await this.ports.resolveGateway(thingName) : null;
    const refusal = !decoded.ok
      ? decoded.reason
      : !route
        ? `unknown gateway "${thingName}": it is not registered with any tenant`
        : route.status !== 'active'
          ? `gateway "${thingName}" is ${route.status}, not active`
          : null;
    if (refusal !== null || !decoded.ok || !route) {
      await this.ports.recordDeadLetters([
        { tenantId: route?.tenantId ?? null, thingName, topic, reason: refusal ?? '', payload },
      ]);
      acknowledge();
      return;
    }
    const reply = decoded.value;
    const event = { tenantId: route.tenantId, siteId: route.siteId, at: receivedAt.toISOString() };
    if (reply.channel === 'config/reported') {
      const stored = await this.ports.recordReport(route, reply.message, receivedAt);
      acknowledge();
      if (stored)
        await this.ports.publishLiveEvents([
          { ...event, type: 'gateway.twin', gatewayId: route.gatewayId, change: 'reported' },
        ]);
      return;
    }
    const outcome = await this.ports.recordCommandAnswer(route, reply.commandId, reply.message, receivedAt);
    if (outcome === 'unknown') {
      await this.ports.recordDeadLetters([
        {
          tenantId: route.tenantId,
          thingName,
          topic,
          reason: `command answer for unknown command ${reply.commandId}`,
          payload,
        },
      ]);
      acknowledge();
      return;
    }
    acknowledge();
    if (outcome !== 'repeated')
      await this.ports.publishLiveEvents([
        {
          ...event,
          type: 'gateway.twin',
          gatewayId: route.gatewayId,
          change: 'command',
          commandId: reply.commandId,
        },
      ]);
  }
}
