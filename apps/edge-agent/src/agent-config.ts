import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import {
  isValidThingName,
  machineListSchema,
  MAX_MACHINES_PER_GATEWAY,
  type MachineSpec,
} from '@convergent/shared-util-contracts';

// What `edge-agent run` needs, from command-line flags or a JSON file (flags win), checked once at
// start with messages that name the flag or field to fix.

export interface AgentEndpoint {
  host: string;
  port: number;
}

export interface AgentConfig {
  endpoint: AgentEndpoint;
  certPath: string;
  keyPath: string;
  // Absent: the system trust store (AWS IoT Core).
  caPath?: string;
  thing: string;
  // The machines this gateway serves over its one connection: 1-64, unique keys. A plain key is a
  // simulated machine.
  machines: (string | MachineSpec)[];
  // How often each machine's counts are published.
  intervalMs: number;
  // How often each machine's current state is re-sent when it has not changed (the cloud treats a
  // state not repeated for 15 minutes as unknown time).
  stateHeartbeatMs: number;
  // Where the agent keeps its state (the sequence number file).
  dataDir: string;
  // Seeds the machine simulators (each machine gets its own seed derived from it); random when absent.
  seed?: number;
  // The simulated machines' ideal cycle times by machine key (the simulator's default otherwise), so
  // a demo machine runs at the speed its product's ideal cycle time says.
  simulatedCycleTimesMs?: Record<string, number>;
  // The on-disk buffer: its size limit (oldest dropped beyond) and how often it is flushed to disk
  // (absent: after every write).
  buffer?: { maxBytes?: number; fsyncIntervalMs?: number };
  // Publishes per second at most (AWS IoT Core allows 100 per connection).
  publish?: { maxPerSecond?: number };
}

export const DEFAULT_INTERVAL_MS = 10_000;
export const DEFAULT_STATE_HEARTBEAT_MS = 60_000;
export { MAX_MACHINES_PER_GATEWAY };

const ENDPOINT = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/;

// null when the text is not host:port with a valid port.
export function parseEndpoint(value: string): AgentEndpoint | null {
  const match = ENDPOINT.exec(value.trim());
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  return host === undefined || !(port >= 1 && port <= 65_535) ? null : { host, port };
}

const endpointSchema = z
  .string({ error: 'required, as host:port' })
  .transform((value, context): AgentEndpoint => {
    const endpoint = parseEndpoint(value);
    if (endpoint === null) {
      context.addIssue({ code: 'custom', message: `"${value}" is not host:port (e.g. localhost:8883)` });
      return z.NEVER;
    }
    return endpoint;
  });

const path = (what: string) =>
  z.string({ error: `required: path to the ${what}` }).min(1, `required: path to the ${what}`);

// The shape of the JSON file and of the flags once named alike; unknown keys are mistakes.
export const agentConfigInputSchema = z
  .strictObject({
    endpoint: endpointSchema,
    cert: path('device certificate (PEM)'),
    key: path('private key (PEM)'),
    ca: path('CA certificate (PEM)').optional(),
    thing: z
      .string({ error: 'required: the thing name' })
      .refine(isValidThingName, 'not a thing name: use 1-128 of A-Z a-z 0-9 : _ -'),
    machines: machineListSchema,
    intervalMs: z
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(100, 'must be at least 100 ms')
      .max(3_600_000, 'must be at most 1 hour')
      .default(DEFAULT_INTERVAL_MS),
    stateHeartbeatMs: z
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(1_000, 'must be at least 1000 ms')
      .max(300_000, 'must be at most 300000 ms (5 minutes)')
      .default(DEFAULT_STATE_HEARTBEAT_MS),
    dataDir: z.string().min(1).optional(),
    seed: z.number({ error: 'must be an integer' }).int('must be an integer').optional(),
    simulatedCycleTimesMs: z
      .record(
        z.string(),
        z
          .number({ error: 'must be a number of milliseconds' })
          .min(100, 'must be at least 100 ms')
          .max(3_600_000, 'must be at most 1 hour'),
      )
      .optional(),
    buffer: z
      .strictObject({
        maxBytes: z
          .number()
          .int()
          .min(1024 * 1024, 'at least 1 MB (1048576)')
          .optional(),
        fsyncIntervalMs: z.number().int().min(0).max(10_000, 'at most 10000 ms').optional(),
      })
      .optional(),
    publish: z
      .strictObject({
        maxPerSecond: z
          .number()
          .int()
          .min(1)
          .max(100, 'AWS IoT Core allows at most 100 per connection')
          .optional(),
      })
      .optional(),
  })
  .superRefine((input, context) => {
    for (const key of Object.keys(input.simulatedCycleTimesMs ?? {})) {
      if (!input.machines.some((machine) => machine.key === key)) {
        context.addIssue({
          code: 'custom',
          path: ['simulatedCycleTimesMs'],
          message: `"${key}" is not one of this gateway's machines`,
        });
      }
    }
  });

export type AgentConfigInput = z.input<typeof agentConfigInputSchema>;

// Flag names as the user types them, for error messages; the settings without a flag are file-only.
type ConfigKey = keyof z.infer<typeof agentConfigInputSchema>;
const FLAGS: Record<Exclude<ConfigKey, 'simulatedCycleTimesMs' | 'buffer' | 'publish'>, string> = {
  endpoint: '--endpoint',
  cert: '--cert',
  key: '--key',
  ca: '--ca',
  thing: '--thing',
  machines: '--machine',
  intervalMs: '--interval-ms',
  stateHeartbeatMs: '--state-heartbeat-ms',
  dataDir: '--data-dir',
  seed: '--seed',
};

export class AgentConfigError extends Error {
  override readonly name = 'AgentConfigError';
}

export interface CliConfigValues {
  config?: string;
  endpoint?: string;
  cert?: string;
  key?: string;
  ca?: string;
  thing?: string;
  // Repeatable: one per machine.
  machine?: string[];
  'interval-ms'?: string;
  'state-heartbeat-ms'?: string;
  'data-dir'?: string;
  seed?: string;
}

// Flags, optionally on top of a JSON file (--config). Relative paths in the file are relative to
// the file; on the command line, to the working directory.
export function resolveAgentConfig(values: CliConfigValues, cwd = process.cwd()): AgentConfig {
  const fromFile = values.config === undefined ? {} : readConfigFile(resolve(cwd, values.config));
  const fromFlags = withoutUndefined({
    endpoint: values.endpoint,
    cert: values.cert && resolve(cwd, values.cert),
    key: values.key && resolve(cwd, values.key),
    ca: values.ca && resolve(cwd, values.ca),
    thing: values.thing,
    // Given on the command line, the machines replace the file's list rather than add to it.
    machines: values.machine?.length ? values.machine : undefined,
    intervalMs: numberFlag(values['interval-ms']),
    stateHeartbeatMs: numberFlag(values['state-heartbeat-ms']),
    dataDir: values['data-dir'] && resolve(cwd, values['data-dir']),
    seed: numberFlag(values.seed),
  });
  // With a file in play, name both spellings: the field in the file and the flag.
  const label =
    values.config === undefined
      ? (key: ConfigKey) => (key in FLAGS ? FLAGS[key as keyof typeof FLAGS] : key)
      : (key: ConfigKey) => (key in FLAGS ? `${key} (${FLAGS[key as keyof typeof FLAGS]})` : key);
  const source = values.config === undefined ? 'command line' : `${values.config} and command line`;
  return toAgentConfig(parseInput({ ...fromFile, ...fromFlags }, source, label), cwd);
}

function readConfigFile(filePath: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AgentConfigError(`cannot read the configuration file ${filePath}: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AgentConfigError(`the configuration file ${filePath} must hold a JSON object`);
  }
  const base = dirname(filePath);
  const relativeTo = (value: unknown): unknown =>
    typeof value === 'string' && value !== '' ? resolve(base, value) : value;
  const input = { ...(parsed as Record<string, unknown>) };
  for (const key of ['cert', 'key', 'ca', 'dataDir']) {
    if (key in input) input[key] = relativeTo(input[key]);
  }
  return input;
}

function parseInput(
  input: Record<string, unknown>,
  source: string,
  label: (key: ConfigKey) => string,
): z.infer<typeof agentConfigInputSchema> {
  const result = agentConfigInputSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const hint = issue.keys.includes('machine')
        ? ' (a gateway lists its machines: "machines": ["..."])'
        : '';
      return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}${hint}`;
    }
    const [key, index] = issue.path;
    if (!(typeof key === 'string' && key in FLAGS)) return `${issue.path.join('.')}: ${issue.message}`;
    // One bad entry of a list: name it by its value, which is what the user typed.
    const item = typeof index === 'number' ? listItem(input[key], index, issue.path.slice(2)) : '';
    // A machine written as an object exists only in a file: its field name is what to look for.
    return `${item.startsWith('[') ? key : label(key as ConfigKey)}${item}: ${issue.message}`;
  });
  throw new AgentConfigError(`invalid configuration (${source}):\n  ${problems.join('\n  ')}`);
}

function toAgentConfig(input: z.infer<typeof agentConfigInputSchema>, cwd: string): AgentConfig {
  const config: AgentConfig = {
    endpoint: input.endpoint,
    certPath: input.cert,
    keyPath: input.key,
    thing: input.thing,
    machines: input.machines,
    intervalMs: input.intervalMs,
    stateHeartbeatMs: input.stateHeartbeatMs,
    dataDir: input.dataDir ?? resolve(cwd, '.state', 'edge-agent', input.thing),
  };
  if (input.ca !== undefined) config.caPath = input.ca;
  if (input.seed !== undefined) config.seed = input.seed;
  if (input.simulatedCycleTimesMs !== undefined) config.simulatedCycleTimesMs = input.simulatedCycleTimesMs;
  if (input.buffer !== undefined) config.buffer = input.buffer;
  if (input.publish !== undefined) config.publish = input.publish;
  return config;
}

// A plain entry by its value; a machine given as an object by its position, key and the field.
function listItem(list: unknown, index: number, field: PropertyKey[]): string {
  const value: unknown = Array.isArray(list) ? list[index] : undefined;
  if (value === undefined) return '';
  if (typeof value !== 'object' || value === null) return ` ${JSON.stringify(value)}`;
  const key = (value as { key?: unknown }).key;
  const name = typeof key === 'string' ? ` "${key}"` : '';
  return `[${index}]${name}${field.length > 0 ? ` ${field.map(String).join('.')}` : ''}`;
}

// A flag that should be a number but is not stays a string, so the schema names the flag.
function numberFlag(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return value.trim() === '' || Number.isNaN(number) ? value : number;
}

function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== ''),
  );
}
