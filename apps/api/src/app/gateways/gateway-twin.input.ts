import {
  COMMAND_NAMES,
  DEFAULT_COMMAND_TIMEOUT_MS,
  DomainError,
  MAX_COMMAND_TIMEOUT_MS,
  MIN_COMMAND_TIMEOUT_MS,
  checkGatewayConfig,
  commandArgsSchema,
  type CommandName,
  type GatewayConfig,
} from '@convergent/shared-util-contracts';
import type { NewCommand } from '@convergent/fleet-data-access-gateways';

// What people send for a gateway's twin, checked with the contracts' schemas, with messages that
// name the field to fix.

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError('BAD_USER_INPUT', `${what} is not JSON: ${(error as Error).message}`);
  }
}

// The configuration with every default filled in, as the gateway will run and report it.
export function parseDesiredConfig(text: string): GatewayConfig {
  const checked = checkGatewayConfig(parseJson(text, 'config'));
  if (!checked.ok)
    throw new DomainError('BAD_USER_INPUT', `invalid configuration: ${checked.problems.join('; ')}`, {
      problems: checked.problems,
    });
  return checked.config;
}

export function parseCommandRequest(input: {
  name: string;
  args?: string | null;
  timeoutSeconds?: number | null;
}): NewCommand {
  if (!(COMMAND_NAMES as readonly string[]).includes(input.name))
    throw new DomainError(
      'BAD_USER_INPUT',
      `unknown command "${input.name}": use one of ${COMMAND_NAMES.join(', ')}`,
    );
  const timeoutMs = (input.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_MS / 1000) * 1000;
  if (!(timeoutMs >= MIN_COMMAND_TIMEOUT_MS && timeoutMs <= MAX_COMMAND_TIMEOUT_MS))
    throw new DomainError(
      'BAD_USER_INPUT',
      `timeoutSeconds must be between ${MIN_COMMAND_TIMEOUT_MS / 1000} and ${MAX_COMMAND_TIMEOUT_MS / 1000} (10 minutes); got ${input.timeoutSeconds}`,
    );
  const args = commandArgsSchema.safeParse(input.args ? parseJson(input.args, 'args') : {});
  if (!args.success)
    throw new DomainError(
      'BAD_USER_INPUT',
      `invalid args: ${args.error.issues.map((issue) => `${['args', ...issue.path].join('.')}: ${issue.message}`).join('; ')}`,
    );
  return { name: input.name as CommandName, args: args.data, timeoutMs };
}
