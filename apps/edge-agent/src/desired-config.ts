import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  checkGatewayConfig,
  type DesiredConfigMessage,
  type MachineSpec,
} from '@convergent/shared-util-contracts';

// The machines a gateway serves, as the cloud wants them (config/desired): validated with the
// contracts' schema (the one the API checks too), applied without a restart, and kept on disk so a
// restart comes back with the same ones.

export interface GatewayMachines {
  // 0: the local file's machines; otherwise the cloud's configuration version.
  version: number;
  machines: MachineSpec[];
}

export class DesiredConfigError extends Error {
  override readonly name = 'DesiredConfigError';
}

export function parseDesiredConfig(
  message: Pick<DesiredConfigMessage, 'version' | 'config'>,
): GatewayMachines {
  const checked = checkGatewayConfig(message.config);
  if (!checked.ok)
    throw new DesiredConfigError(`version ${message.version} is invalid: ${checked.problems.join('; ')}`);
  return { version: message.version, machines: checked.config.machines };
}

export class DesiredConfigStore {
  constructor(private readonly path: string) {}

  load(): GatewayMachines | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return undefined;
    }
    const stored = JSON.parse(text) as { version: number; config: Record<string, unknown> };
    return parseDesiredConfig(stored);
  }

  save(machines: GatewayMachines): void {
    const temporary = `${this.path}.tmp`;
    writeFileSync(
      temporary,
      JSON.stringify({ version: machines.version, config: { machines: machines.machines } }),
      { mode: 0o600 },
    );
    renameSync(temporary, this.path);
  }
}
