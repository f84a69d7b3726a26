// What a gateway's configuration (desired or reported, JSON text) says it reads from one machine:
// the connector and its tags. The API has validated the configuration against the contracts'
// schema; this reads it leniently, so an older or partial report still shows what it can.

export interface ConfiguredTag {
  name: string;
  // Where the value comes from on the PLC: "holding 40001 (float32)", "ns=1;s=Spindle.Speed".
  address: string;
  sampleMs: number | null;
}

export interface ConfiguredMachine {
  connector: string;
  // The PLC's address, for Modbus and OPC UA.
  endpoint: string | null;
  tags: ConfiguredTag[];
  // Tags that drive the machine's state and part counts.
  roles: Array<{ tag: string; role: string }>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function tagAddress(tag: Json): string {
  const nodeId = text(tag['nodeId']);
  if (nodeId) return nodeId;
  const area = text(tag['area']);
  const address = num(tag['address']);
  if (area && address !== null)
    return `${area} ${address}${text(tag['type']) ? ` (${text(tag['type'])})` : ''}`;
  return '—';
}

function roles(spec: Json): ConfiguredMachine['roles'] {
  const found: ConfiguredMachine['roles'] = [];
  const state = isObject(spec['state']) ? spec['state'] : null;
  const running = text(state?.['runningTag']);
  if (running) found.push({ tag: running, role: 'running state' });
  const fault = text(state?.['faultTag']);
  if (fault) found.push({ tag: fault, role: 'fault' });
  for (const rule of Array.isArray(spec['counters']) ? spec['counters'] : []) {
    if (!isObject(rule)) continue;
    const tag = text(rule['tag']);
    const counter = text(rule['counter']);
    if (tag && counter) found.push({ tag, role: `${counter} count` });
  }
  return found;
}

// null: the configuration is missing, not JSON, or does not list this machine.
export function configuredMachine(configJson: string | null, sourceKey: string): ConfiguredMachine | null {
  if (!configJson) return null;
  let config: unknown;
  try {
    config = JSON.parse(configJson);
  } catch {
    return null;
  }
  const machines = isObject(config) && Array.isArray(config['machines']) ? config['machines'] : [];
  for (const entry of machines) {
    // A plain key is a simulated machine.
    if (entry === sourceKey) return { connector: 'simulator', endpoint: null, tags: [], roles: [] };
    if (!isObject(entry) || entry['key'] !== sourceKey) continue;
    const source = isObject(entry['source']) ? entry['source'] : {};
    const tags = (Array.isArray(source['tags']) ? source['tags'] : []).filter(isObject).map((tag) => ({
      name: text(tag['name']) ?? '—',
      address: tagAddress(tag),
      sampleMs: num(tag['sampleMs']),
    }));
    const host = text(source['host']);
    const port = num(source['port']);
    return {
      connector: text(source['kind']) ?? 'unknown',
      endpoint: text(source['endpointUrl']) ?? (host ? `${host}${port !== null ? `:${port}` : ''}` : null),
      tags,
      roles: roles(entry),
    };
  }
  return null;
}
