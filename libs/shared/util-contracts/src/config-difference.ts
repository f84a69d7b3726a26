// How a gateway's reported configuration differs from the desired one, for people: the paths
// whose values differ, and whether the gateway is in sync (it runs the desired version and
// nothing differs). Lists of objects with a `key` (machines) are matched by key, not position, so
// a machine added at the front shows as one added machine, not as every machine changed.

export interface ConfigDifference {
  inSync: boolean;
  // e.g. "machines.press-2.source.host", "machines.press-3" (only on one side).
  paths: string[];
}

export interface TwinSide {
  version: number;
  config: unknown;
}

export function configDifference(
  desired: TwinSide | null,
  reported: (TwinSide & { status: 'applied' | 'rejected' }) | null,
): ConfigDifference {
  // Nothing desired: whatever the gateway runs is what it was told (its local file).
  if (desired === null) return { inSync: true, paths: [] };
  const paths: string[] = [];
  collect(desired.config, reported?.config, '', paths);
  const inSync =
    reported !== null &&
    reported.status === 'applied' &&
    reported.version === desired.version &&
    paths.length === 0;
  return { inSync, paths };
}

function collect(a: unknown, b: unknown, path: string, into: string[]): void {
  if (Object.is(a, b)) return;
  const keyedA = keyed(a);
  const keyedB = keyed(b);
  if (keyedA && keyedB) return collectObjects(keyedA, keyedB, path, into);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let index = 0; index < Math.max(a.length, b.length); index += 1)
      collect(a[index], b[index], join(path, String(index)), into);
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) return collectObjects(a, b, path, into);
  into.push(path || '(whole configuration)');
}

function collectObjects(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  path: string,
  into: string[],
): void {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const child = join(path, key);
    if (!(key in a) || !(key in b)) into.push(child);
    else collect(a[key], b[key], child, into);
  }
}

// A list whose items are all objects with a unique string `key`, as an object by key.
function keyed(value: unknown): Record<string, unknown> | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const byKey: Record<string, unknown> = {};
  for (const item of value) {
    if (!isPlainObject(item) || typeof item['key'] !== 'string' || item['key'] in byKey) return null;
    byKey[item['key']] = item;
  }
  return byKey;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
