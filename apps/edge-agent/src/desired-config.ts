import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { DesiredConfigMessage } from '@convergent/shared-util-contracts';
import { machineEntrySchema, type MachineSpec } from './machine-config';
import { MAX_MACHINES_PER_GATEWAY } from './agent-config';

// The machines a gateway serves, as the cloud wants them (config/desired): validated like the local
// file, applied without a restart, and kept on disk so a restart comes back with the same ones.

export interface GatewayMachines {
  // 0: the local file's machines; otherwise the cloud's configuration version.
  version: number;
  machines: MachineSpec[];
}

export const desiredMachinesSchema = z.strictObject({
  machines: z
    .array(machineEntrySchema)
    .min(1, 'at least one machine')
    .max(MAX_MACHINES_PER_GATEWAY, `at most ${MAX_MACHINES_PER_GATEWAY} machines per gateway`)
    .superRefine((machines, context) => {
      const seen = new Set<string>();
      for (const machine of machines) {
        if (seen.has(machine.key))
          context.addIssue({ code: 'custom', message: `duplicate machine key "${machine.key}"` });
        seen.add(machine.key);
      }
    }),
});

export class DesiredConfigError extends Error {
  override readonly name = 'DesiredConfigError';
}

export function parseDesiredConfig(message: DesiredConfigMessage): GatewayMachines {
  const result = desiredMachinesSchema.safeParse(message.config);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `config.${issue.path.join('.')}: ${issue.message}`);
    throw new DesiredConfigError(`version ${message.version} is invalid: ${problems.join('; ')}`);
  }
  return { version: message.version, machines: result.data.machines };
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
    return parseDesiredConfig({ v: 1, version: stored.version, config: stored.config });
  }

  save(machines: GatewayMachines): void {
    const temporary = `${this.path}.tmp`;
    writeFileSync(
      temporary,
      JSON.stringify({ version: machines.version, config: { machines: machines.machines } }),
      {
        mode: 0o600,
      },
    );
    renameSync(temporary, this.path);
  }
}
