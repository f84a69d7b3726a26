import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentConfig } from './agent-config';
import { DecommissionRefused, decommission, describePlan, planDecommission } from './decommission-command';
import { MessageLog } from './outbox/message-log';
import { formatStatus, isAgentRunning } from './status-command';
import { writeStatus, type AgentStatus } from './status-file';

// status and decommission on real files, as the technician's commands see them.

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

function status(overrides: Partial<AgentStatus> = {}): AgentStatus {
  return {
    pid: 4242,
    thing: 'press-line-1',
    agentVersion: '0.2.0',
    startedAt: NOW - 3_600_000,
    updatedAt: NOW - 500,
    connection: { state: 'connected', endpoint: 'iot.example.com:8883', since: NOW - 60_000 },
    buffer: { depth: 0, bytes: 2048, dropped: 0, nextOffset: 10, committed: 10 },
    published: 120,
    lastPublishAt: NOW - 2_000,
    config: { version: 3, source: 'cloud' },
    machines: [
      { key: 'press-1', source: 'Modbus TCP 10.0.0.21:502 unit 1', status: 'ok', lastReadAt: NOW - 1_000 },
      {
        key: 'press-2',
        source: 'OPC UA opc.tcp://10.0.0.22:4840 (None)',
        status: 'unreachable',
        lastError: 'connect ECONNREFUSED 10.0.0.22:4840',
      },
    ],
    ...overrides,
  };
}

describe('convergent-edge status', () => {
  it('shows the connection, the buffer, the last publish and each machine with its problem', () => {
    const text = formatStatus(status(), NOW, '/var/lib/convergent-edge');
    expect(text).toContain('Agent        running (pid 4242');
    expect(text).toContain('Connection   connected to iot.example.com:8883');
    expect(text).toContain('Buffer       0 messages waiting (2 KB on disk)');
    expect(text).toContain('Last publish 2 s ago (120 since start)');
    expect(text).toContain('Config       cloud version 3');
    expect(text).toMatch(/press-2\s+unreachable\s+OPC UA .* - connect ECONNREFUSED/);
  });

  it('says when the agent is not running, and what the broker said while it was', () => {
    const stale = status({
      updatedAt: NOW - 60_000,
      connection: { state: 'unreachable', endpoint: 'iot.example.com:8883', lastError: 'no answer' },
      buffer: { depth: 420, bytes: 90_000, dropped: 17, nextOffset: 500, committed: 80 },
    });
    expect(isAgentRunning(stale, NOW)).toBe(false);
    const text = formatStatus(stale, NOW, '/data');
    expect(text).toContain('NOT RUNNING (last seen 60 s ago): systemctl start convergent-edge');
    expect(text).toContain('unreachable to iot.example.com:8883 - no answer');
    expect(text).toContain('420 messages waiting (88 KB on disk), 17 dropped because it was full');
    expect(formatStatus(undefined, NOW, '/data')).toContain('has not run with the data folder /data');
  });
});

describe('convergent-edge decommission', () => {
  let dir: string;
  let config: AgentConfig;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cvg-decommission-'));
    config = {
      endpoint: { host: 'localhost', port: 8883 },
      certPath: join(dir, 'cert.pem'),
      keyPath: join(dir, 'key.pem'),
      thing: 'press-line-1',
      machines: ['press-1'],
      intervalMs: 1000,
      stateHeartbeatMs: 60_000,
      dataDir: join(dir, 'data'),
    };
    writeFileSync(config.certPath, 'cert');
    writeFileSync(config.keyPath, 'key');
    mkdirSync(config.dataDir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists what goes, counts the messages not yet sent, and removes identity and buffer', () => {
    const log = MessageLog.open(join(config.dataDir, 'buffer'));
    log.append([
      { topic: 't', payload: '1' },
      { topic: 't', payload: '2' },
    ]);
    log.close();
    writeStatus(config.dataDir, { ...status(), connection: { state: 'stopped', endpoint: 'x' } });

    const plan = planDecommission(config, NOW);
    expect(plan.unsentMessages).toBe(2);
    expect(describePlan(config, plan)).toContain(
      '2 messages have not reached the cloud yet and will be lost.',
    );
    decommission(plan);
    expect([config.certPath, config.keyPath, config.dataDir].some((path) => existsSync(path))).toBe(false);
  });

  it('refuses while the agent runs', () => {
    writeStatus(config.dataDir, { ...status(), updatedAt: Date.now() });
    expect(() => planDecommission(config)).toThrow(DecommissionRefused);
    expect(existsSync(config.keyPath)).toBe(true);
  });
});
