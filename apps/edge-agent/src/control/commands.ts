import {
  COMMAND_ID,
  commandRequestMessageSchema,
  type CommandName,
  type CommandReplyStatus,
} from '@convergent/shared-util-contracts';

// The cloud's commands (cmd/req) and the gateway's answers (cmd/res): which request is runnable,
// and what the answer says. Running a command is the agent's (the handlers it passes).

export type CommandResult = Record<string, string | number | boolean>;
export type CommandHandlers = Record<CommandName, () => Promise<CommandResult>>;

export interface CommandAnswer {
  status: CommandReplyStatus;
  result?: CommandResult;
  error?: string;
  // When the cloud stops waiting: the answer is not worth sending after it.
  expiresAt?: number;
}

// null: the request has no usable command id, so there is nobody to answer.
export function commandIdOf(correlationData: Buffer | undefined): string | null {
  const id = correlationData?.toString('utf8');
  return id !== undefined && COMMAND_ID.test(id) ? id : null;
}

export async function runCommand(
  payload: Buffer,
  handlers: CommandHandlers,
  now: () => number,
): Promise<CommandAnswer> {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { status: 'rejected', error: 'the request is not JSON' };
  }
  const parsed = commandRequestMessageSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(request)'}: ${issue.message}`,
    );
    return { status: 'rejected', error: `invalid request: ${problems.join('; ')}`.slice(0, 500) };
  }
  const { name, expiresAt } = parsed.data;
  if (expiresAt < now()) return { status: 'rejected', error: `expired before it arrived`, expiresAt };
  try {
    return { status: 'succeeded', result: await handlers[name](), expiresAt };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'failed', error: (reason || 'failed').slice(0, 500), expiresAt };
  }
}
