import type { JobsOptions } from 'bullmq';
import { QUEUES, type DeviceControlJobName, type DeviceControlJobs } from '@convergent/shared-util-contracts';
import type { JobQueues } from './job-queues';

// The producer side of the device-control queue (cloud-to-gateway messages, published by ingest).
export class DeviceControlQueue {
  constructor(private readonly queues: JobQueues) {}

  async add<N extends DeviceControlJobName>(
    name: N,
    payload: DeviceControlJobs[N],
    options: JobsOptions = {},
  ): Promise<void> {
    await this.queues.queue(QUEUES.deviceControl).add(name, payload, options);
  }

  publishDesired(tenantId: string, gatewayId: string, version: number): Promise<void> {
    return this.add('device.publish-desired', { tenantId, gatewayId, version });
  }

  // The request now, and the check for its answer at the deadline.
  async sendCommand(tenantId: string, commandId: string, deadline: Date): Promise<void> {
    await this.add('device.send-command', { tenantId, commandId });
    await this.add(
      'device.command-deadline',
      { tenantId, commandId },
      { delay: Math.max(0, deadline.getTime() - Date.now()), jobId: `device.command-deadline.${commandId}` },
    );
  }
}
