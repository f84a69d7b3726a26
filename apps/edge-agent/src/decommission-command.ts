import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentConfig } from './agent-config';
import { MessageLog } from './outbox/message-log';
import { isAgentRunning } from './status-command';
import { readStatus } from './status-file';

// `convergent-edge decommission`: removes this gateway's identity (certificate and private key)
// and everything it kept (buffer, sequence number, configuration from the cloud, status), so the
// device can be reused or disposed of. The gateway's record in the cloud is retired in the portal.

export interface DecommissionPlan {
  files: string[];
  unsentMessages: number;
}

export class DecommissionRefused extends Error {
  override readonly name = 'DecommissionRefused';
}

export function planDecommission(config: AgentConfig, now = Date.now()): DecommissionPlan {
  if (isAgentRunning(readStatus(config.dataDir), now))
    throw new DecommissionRefused(
      'The agent is still running. Stop it first: systemctl stop convergent-edge',
    );
  let unsentMessages = 0;
  const buffer = join(config.dataDir, 'buffer');
  if (existsSync(buffer)) {
    const log = MessageLog.open(buffer);
    unsentMessages = log.stats().depth;
    log.close();
  }
  const files = [config.certPath, config.keyPath, config.dataDir].filter((path) => existsSync(path));
  return { files, unsentMessages };
}

export function describePlan(config: AgentConfig, plan: DecommissionPlan): string {
  return [
    `This removes the identity of gateway "${config.thing}" and all it kept:`,
    ...plan.files.map((path) => `  ${path}`),
    plan.unsentMessages > 0
      ? `${plan.unsentMessages} messages have not reached the cloud yet and will be lost.`
      : 'Every message has reached the cloud.',
    'Afterwards the gateway cannot connect until it is provisioned again.',
    '',
  ].join('\n');
}

export function decommission(plan: DecommissionPlan): void {
  for (const path of plan.files) rmSync(path, { recursive: true, force: true });
}
