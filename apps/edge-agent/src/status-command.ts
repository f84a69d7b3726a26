import type { AgentStatus } from './status-file';

// `convergent-edge status`: the running agent's own account (status.json), for a technician.

// The agent rewrites the file every second; older than this, it is not running.
const STALE_AFTER_MS = 10_000;

export function isAgentRunning(status: AgentStatus | undefined, now: number): boolean {
  return (
    status !== undefined && status.connection.state !== 'stopped' && now - status.updatedAt < STALE_AFTER_MS
  );
}

export function formatStatus(status: AgentStatus | undefined, now: number, dataDir: string): string {
  if (status === undefined)
    return `The agent has not run with the data folder ${dataDir} yet (no status.json).\nStart it: systemctl start convergent-edge\n`;
  const running = isAgentRunning(status, now);
  const ago = (ts: number | undefined) =>
    ts === undefined ? 'never' : `${Math.round((now - ts) / 1000)} s ago`;
  const lines = [
    `Gateway      ${status.thing} (agent ${status.agentVersion})`,
    running
      ? `Agent        running (pid ${status.pid}, since ${new Date(status.startedAt).toISOString()})`
      : `Agent        NOT RUNNING (last seen ${ago(status.updatedAt)}): systemctl start convergent-edge`,
    `Connection   ${status.connection.state} to ${status.connection.endpoint}${
      status.connection.lastError !== undefined && status.connection.state !== 'connected'
        ? ` - ${status.connection.lastError}`
        : ''
    }`,
    `Buffer       ${status.buffer.depth} messages waiting (${Math.ceil(status.buffer.bytes / 1024)} KB on disk)` +
      (status.buffer.dropped > 0 ? `, ${status.buffer.dropped} dropped because it was full` : ''),
    `Last publish ${ago(status.lastPublishAt)} (${status.published} since start)`,
    `Config       ${status.config.source}${status.config.version > 0 ? ` version ${status.config.version}` : ''}`,
    'Machines',
    ...status.machines.map(
      (machine) =>
        `  ${machine.key.padEnd(20)} ${machine.status.padEnd(12)} ${machine.source}${
          machine.status !== 'ok' && machine.lastError !== undefined ? ` - ${machine.lastError}` : ''
        }`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
