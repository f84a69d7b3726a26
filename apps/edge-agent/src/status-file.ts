import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectorHealth } from './connectors/connector';
import type { MessageLogStats } from './outbox/message-log';

// What the running agent tells `convergent-edge status`: written to <dataDir>/status.json every
// second, so the command works without any port or socket on the gateway.

export interface AgentStatus {
  pid: number;
  thing: string;
  agentVersion: string;
  startedAt: number;
  updatedAt: number;
  connection: {
    state: 'connecting' | 'connected' | 'unreachable' | 'refused' | 'stopped';
    endpoint: string;
    since?: number;
    lastError?: string;
  };
  buffer: MessageLogStats;
  published: number;
  lastPublishAt?: number;
  config: { version: number; source: 'local file' | 'cloud' };
  machines: (ConnectorHealth & { key: string; source: string })[];
}

export const STATUS_FILE = 'status.json';

export function writeStatus(dataDir: string, status: AgentStatus): void {
  const path = join(dataDir, STATUS_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(status, null, 2), { mode: 0o644 });
  renameSync(`${path}.tmp`, path);
}

export function readStatus(dataDir: string): AgentStatus | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, STATUS_FILE), 'utf8')) as AgentStatus;
  } catch {
    return undefined;
  }
}
