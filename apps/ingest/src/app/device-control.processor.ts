import { Worker, type Job } from 'bullmq';
import type { GatewayTwinRepository } from '@convergent/fleet-data-access-gateways';
import type { MqttConnection } from '@convergent/platform-data-access-iot';
import type { QueueConnection } from '@convergent/platform-data-access-queue';
import {
  QUEUES,
  deviceTopic,
  type DeviceControlJobName,
  type DeviceControlJobs,
  type LiveEvent,
} from '@convergent/shared-util-contracts';

export interface DeviceControlPorts {
  twins: GatewayTwinRepository;
  connection: MqttConnection;
  publishLiveEvents(events: LiveEvent[]): Promise<void>;
  now?: () => Date;
}

// A job that ran before the API's transaction committed: BullMQ tries it again shortly.
class NotYetVisible extends Error {
  override readonly name = 'NotYetVisible';
}

// Publishes what the API queued for gateways (ingest holds the platform's broker connection): the
// desired configuration, retained, so a gateway that is offline gets it when it connects; command
// requests with the command id as correlation data, the gateway's cmd/res as response topic and
// the time left as message expiry; and, at each command's deadline, its timeout.
export function startDeviceControlWorker(ports: DeviceControlPorts, queues: QueueConnection): Worker {
  const now = ports.now ?? (() => new Date());
  const handlers: { [N in DeviceControlJobName]: (data: DeviceControlJobs[N]) => Promise<void> } = {
    'device.publish-desired': async ({ tenantId, gatewayId, version }) => {
      const desired = await ports.twins.desiredMessage(tenantId, gatewayId);
      if (desired === null || desired.message.version < version)
        throw new NotYetVisible(`desired version ${version} of gateway ${gatewayId} is not visible yet`);
      await ports.connection.publish(
        deviceTopic(desired.thingName, 'config/desired'),
        JSON.stringify(desired.message),
        1,
        { retain: true },
      );
      await announce(tenantId, gatewayId, { change: 'desired' });
    },
    'device.send-command': async ({ tenantId, commandId }) => {
      if ((await ports.twins.command(tenantId, commandId)) === null)
        throw new NotYetVisible(`command ${commandId} is not visible yet`);
      const at = now();
      const request = await ports.twins.commandRequest(tenantId, commandId, at);
      // Answered or past its deadline meanwhile: nothing to send.
      if (request === null) return;
      await ports.connection.publish(
        deviceTopic(request.thingName, 'cmd/req'),
        JSON.stringify(request.message),
        1,
        {
          correlationData: commandId,
          responseTopic: deviceTopic(request.thingName, 'cmd/res'),
          messageExpiryIntervalSeconds: Math.max(
            1,
            Math.ceil((request.message.expiresAt - at.getTime()) / 1000),
          ),
        },
      );
    },
    'device.command-deadline': async ({ tenantId, commandId }) => {
      const expired = await ports.twins.expireCommand(tenantId, commandId, now());
      if (expired) await announce(tenantId, expired.gatewayId, { change: 'command', commandId });
    },
  };

  async function announce(
    tenantId: string,
    gatewayId: string,
    change: { change: 'desired' } | { change: 'command'; commandId: string },
  ): Promise<void> {
    const siteId = await ports.twins.siteOf(tenantId, gatewayId);
    if (siteId === null) return;
    await ports.publishLiveEvents([
      { type: 'gateway.twin', tenantId, siteId, gatewayId, at: now().toISOString(), ...change },
    ]);
  }

  return new Worker(
    QUEUES.deviceControl,
    async (job: Job) => {
      const handler = handlers[job.name as DeviceControlJobName] as
        ((data: unknown) => Promise<void>) | undefined;
      if (!handler) throw new Error(`unknown device-control job "${job.name}"`);
      await handler(job.data);
    },
    { connection: queues.connection, prefix: queues.prefix, concurrency: 8 },
  );
}
