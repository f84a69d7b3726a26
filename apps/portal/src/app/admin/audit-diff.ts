// An audit entry's before and after (JSON text from the API) as the fields that changed, so a
// reader sees "role: operator → admin" instead of two blobs to compare by eye.

export interface FieldChange {
  field: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

type Flat = Map<string, string>;

// Text that is not JSON is still worth showing: it becomes one field named "value".
function parse(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

// Nested objects become dotted paths; arrays stay whole (a list of sites reads better as one value).
function flatten(value: unknown, prefix: string, into: Flat): Flat {
  if (value === undefined) return into;
  if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
    return into;
  }
  into.set(prefix || 'value', show(value));
  return into;
}

export function auditChanges(before: string | null, after: string | null): FieldChange[] {
  const old = flatten(parse(before), '', new Map());
  const now = flatten(parse(after), '', new Map());
  const fields = [...new Set([...old.keys(), ...now.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const was = old.get(field);
    const is = now.get(field);
    if (was === is) continue;
    if (was === undefined) changes.push({ field, kind: 'added', after: is });
    else if (is === undefined) changes.push({ field, kind: 'removed', before: was });
    else changes.push({ field, kind: 'changed', before: was, after: is });
  }
  return changes;
}

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

// Ids the viewer can name (sites, members, API keys) read better as names; others stay ids.
export function nameIds(value: string, names: ReadonlyMap<string, string>): string {
  return value.replace(ID, (id) => names.get(id.toLowerCase()) ?? id);
}
