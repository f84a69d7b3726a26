import type { CombinedError } from 'urql';

// How the portal reads a gateway's twin: where its configuration stands, the values behind a
// differing path, and the API's field-specific reasons for refusing a configuration.

export type ConfigSync =
  | { kind: 'none'; label: string }
  | { kind: 'in-sync'; label: string }
  | { kind: 'pending'; label: string }
  | { kind: 'rejected'; label: string }
  | { kind: 'differs'; label: string };

interface TwinFacts {
  desiredVersion: number;
  reportedVersion?: number | null | undefined;
  reportedStatus?: string | null | undefined;
  configDifference: { inSync: boolean };
}

export function configSync(twin: TwinFacts): ConfigSync {
  const reported = twin.reportedVersion ?? null;
  if (twin.desiredVersion === 0)
    return { kind: 'none', label: 'No configuration set from the cloud: the gateway runs its local file' };
  if (twin.configDifference.inSync)
    return { kind: 'in-sync', label: `In sync: the gateway runs version ${twin.desiredVersion}` };
  if (twin.reportedStatus === 'rejected' && reported === twin.desiredVersion)
    return {
      kind: 'rejected',
      label: `Version ${twin.desiredVersion} was rejected: the gateway keeps running its previous configuration`,
    };
  // The gateway has not answered the newest version yet (offline, or still applying it).
  if (reported === null || reported < twin.desiredVersion)
    return {
      kind: 'pending',
      label: `Pending: version ${twin.desiredVersion} desired, the gateway runs ${reported === null ? 'no reported version' : `version ${reported}`}`,
    };
  return { kind: 'differs', label: `Differs: the gateway reports version ${reported} with other values` };
}

// The value a difference path (from the API, machines matched by key) points at, as JSON text;
// undefined when that side lacks it.
export function valueAtPath(config: unknown, path: string): string | undefined {
  const found = walk(config, path.split('.'));
  return found === undefined ? undefined : JSON.stringify(found);
}

function walk(value: unknown, segments: string[]): unknown {
  if (segments.length === 0) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    // A machine key may itself contain dots: the longest key that matches wins.
    for (let take = segments.length; take >= 1; take -= 1) {
      const key = segments.slice(0, take).join('.');
      const item = items.find((entry) => isObject(entry) && entry['key'] === key);
      if (item !== undefined) return walk(item, segments.slice(take));
    }
    const index = Number(segments[0]);
    return Number.isInteger(index) ? walk(items[index], segments.slice(1)) : undefined;
  }
  if (isObject(value) && segments[0] !== undefined && Object.hasOwn(value, segments[0]))
    return walk(value[segments[0]], segments.slice(1));
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The API's JSON text fields (configurations, command results); undefined when absent or not JSON.
export function parseJsonText(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function prettyConfig(text: string | null | undefined): string {
  const parsed = parseJsonText(text);
  return parsed === undefined ? (text ?? '') : JSON.stringify(parsed, null, 2);
}

// Checked before a round trip: the editor must hold one JSON object; the API checks the rest.
export function configTextProblem(text: string): string | null {
  if (text.trim() === '') return 'Enter the configuration as JSON, e.g. {"machines": ["press-1"]}.';
  try {
    const parsed = JSON.parse(text) as unknown;
    return isObject(parsed) ? null : 'The configuration must be a JSON object, e.g. {"machines": [...]}.';
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
}

// The API names each refused field in extensions.problems ("config.machines.0.source.host: ...").
export function configProblems(error: CombinedError | undefined): string[] {
  const problems = error?.graphQLErrors[0]?.extensions['problems'];
  return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
}
