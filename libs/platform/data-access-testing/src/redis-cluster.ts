import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

export interface RedisCluster {
  // REDIS_URL for the platform: redis+cluster://127.0.0.1:<port>,...
  url: string;
  ports: number[];
  // Stops every node and removes the folder.
  destroy(): Promise<void>;
}

// A Redis Cluster of the test's own: `masters` redis-server processes with cluster mode on, on
// free ports, in a temporary folder, joined by `redis-cli --cluster create` with no replicas. The
// shared Redis on 6379 is never touched.
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'convergent-redis-cluster-'));
  const nodes: ChildProcess[] = [];
  const ports: number[] = [];
  const destroy = async (): Promise<void> => {
    await Promise.all(nodes.map(stopNode));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < masters; index++) {
      // Each node needs a second, cluster-bus port; named explicitly so it is free too.
      const [port, busPort] = [await freePort(), await freePort()];
      ports.push(port);
      nodes.push(startNode(dir, port, busPort));
    }
    await Promise.all(ports.map((port) => until(() => ping(port), `redis-server on ${port} to answer`)));
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    await Promise.all(
      ports.map((port) => until(() => clusterStateOk(port), `the cluster to be ready on ${port}`)),
    );
  } catch (error) {
    await destroy();
    throw error;
  }
  return { url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`, ports, destroy };
}

function startNode(dir: string, port: number, busPort: number): ChildProcess {
  return spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--cluster-port',
      String(busPort),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(dir, `nodes-${port}.conf`),
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--logfile',
      join(dir, `redis-${port}.log`),
    ],
    { stdio: 'ignore' },
  );
}

function stopNode(node: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (node.exitCode !== null || node.signalCode !== null) return resolve();
    node.once('exit', () => resolve());
    node.kill('SIGTERM');
  });
}

async function ping(port: number): Promise<boolean> {
  const { stdout } = await run('redis-cli', ['-p', String(port), 'ping']);
  return stdout.trim() === 'PONG';
}

async function clusterStateOk(port: number): Promise<boolean> {
  const { stdout } = await run('redis-cli', ['-p', String(port), 'cluster', 'info']);
  return stdout.includes('cluster_state:ok');
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}
