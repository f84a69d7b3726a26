// What a machine connector does for the agent: read the machine's tags (a snapshot of numbers by
// tag name) and say how the link to the machine is doing. A connector never throws from start():
// a PLC that is switched off is normal on a shop floor; it keeps trying and reports it in health.

export type ConnectorStatus = 'connecting' | 'ok' | 'unreachable';

export interface ConnectorHealth {
  status: ConnectorStatus;
  // What the technician should know when it is not ok.
  lastError?: string;
  lastReadAt?: number;
}

export interface Connector {
  readonly description: string;
  start(): Promise<void>;
  // Current tag values; tags that could not be read are missing. Rejects when the machine is unreachable.
  read(): Promise<Record<string, number>>;
  health(): ConnectorHealth;
  stop(): Promise<void>;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
