// Where Redis is: one server (redis://, rediss:// with TLS) or a Redis Cluster, given by one or more
// of its nodes (redis+cluster://, rediss+cluster://); the client discovers the rest from them.
export type RedisTarget =
  | { mode: 'standalone'; url: string }
  | {
      mode: 'cluster';
      nodes: Array<{ host: string; port: number }>;
      username?: string;
      password?: string;
      tls: boolean;
    };

export class RedisUrlError extends Error {
  override name = 'RedisUrlError';
}

const CLUSTER_EXAMPLE = 'redis+cluster://[user:password@]host1:6379,host2:6379';

export function parseRedisUrl(value: string): RedisTarget {
  const scheme = /^([a-z+]+):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'redis' || scheme === 'rediss') {
    if (!URL.canParse(value)) throw new RedisUrlError('not a valid URL, e.g. redis://127.0.0.1:6379');
    return { mode: 'standalone', url: value };
  }
  if (scheme === 'redis+cluster' || scheme === 'rediss+cluster') return parseClusterUrl(value, scheme);
  throw new RedisUrlError(
    `expected a redis:// or rediss:// URL (one server, e.g. redis://127.0.0.1:6379) or a cluster's nodes as ${CLUSTER_EXAMPLE}`,
  );
}

// The node list is not a URL host (commas, several ports), so it is split by hand; the
// credentials and each node are still checked as URL parts.
function parseClusterUrl(value: string, scheme: string): RedisTarget {
  const rest = value.slice(scheme.length + 3);
  const at = rest.lastIndexOf('@');
  const credentials = at >= 0 ? rest.slice(0, at) : '';
  const hostsAndPath = at >= 0 ? rest.slice(at + 1) : rest;
  const slash = hostsAndPath.indexOf('/');
  const hosts = slash >= 0 ? hostsAndPath.slice(0, slash) : hostsAndPath;
  const path = slash >= 0 ? hostsAndPath.slice(slash) : '';
  if (path !== '' && path !== '/') {
    throw new RedisUrlError(`a Redis Cluster has only database 0: drop "${path}", e.g. ${CLUSTER_EXAMPLE}`);
  }
  if (hosts.trim() === '') throw new RedisUrlError(`name at least one cluster node, e.g. ${CLUSTER_EXAMPLE}`);
  const nodes = hosts.split(',').map((node) => parseNode(node.trim()));
  const [user, ...passwordParts] = credentials.split(':');
  const password = passwordParts.join(':');
  return {
    mode: 'cluster',
    nodes,
    username: user ? decodeURIComponent(user) : undefined,
    password: password ? decodeURIComponent(password) : undefined,
    tls: scheme === 'rediss+cluster',
  };
}

function parseNode(node: string): { host: string; port: number } {
  const match = /^(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d+))?$/i.exec(node);
  const port = Number(match?.[2] ?? 6379);
  if (!match?.[1] || port < 1 || port > 65535) {
    throw new RedisUrlError(`"${node}" is not a cluster node as host:port, e.g. ${CLUSTER_EXAMPLE}`);
  }
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}
