import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AgentConfigError,
  DEFAULT_INTERVAL_MS,
  DEFAULT_STATE_HEARTBEAT_MS,
  resolveAgentConfig,
  type CliConfigValues,
} from './agent-config';
import { simulatedMachine } from '@convergent/shared-util-contracts';

const FLAGS: CliConfigValues = {
  endpoint: 'localhost:8883',
  cert: 'gw/cert.pem',
  key: 'gw/key.pem',
  ca: 'pki/ca.crt',
  thing: 'press-line-1',
  machine: ['press-1'],
};

function problemsOf(values: CliConfigValues, cwd = '/opt/agent'): string {
  try {
    resolveAgentConfig(values, cwd);
  } catch (error) {
    if (error instanceof AgentConfigError) return error.message;
    throw error;
  }
  throw new Error('expected an AgentConfigError');
}

describe('agent configuration', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvg-agent-config-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes flags, resolving paths against the working directory', () => {
    expect(
      resolveAgentConfig(
        {
          ...FLAGS,
          machine: ['press-1', 'press-2'],
          'interval-ms': '2500',
          'state-heartbeat-ms': '30000',
          seed: '9',
        },
        '/opt/agent',
      ),
    ).toEqual({
      endpoint: { host: 'localhost', port: 8883 },
      certPath: '/opt/agent/gw/cert.pem',
      keyPath: '/opt/agent/gw/key.pem',
      caPath: '/opt/agent/pki/ca.crt',
      thing: 'press-line-1',
      machines: ['press-1', 'press-2'].map(simulatedMachine),
      intervalMs: 2500,
      stateHeartbeatMs: 30_000,
      dataDir: '/opt/agent/.state/edge-agent/press-line-1',
      seed: 9,
    });
  });

  it('defaults the intervals and accepts an IPv6 endpoint and no CA', () => {
    const config = resolveAgentConfig({ ...FLAGS, ca: undefined, endpoint: '[::1]:18883' }, '/opt/agent');
    expect(config.intervalMs).toBe(DEFAULT_INTERVAL_MS);
    expect(config.stateHeartbeatMs).toBe(DEFAULT_STATE_HEARTBEAT_MS);
    expect(config.machines).toEqual([simulatedMachine('press-1')]);
    expect(config.endpoint).toEqual({ host: '::1', port: 18883 });
    expect(config.caPath).toBeUndefined();
  });

  it('names every bad or missing flag', () => {
    const message = problemsOf({
      endpoint: 'localhost',
      thing: 'a/b',
      machine: ['press-1', 'press 1'],
      'interval-ms': 'often',
      'state-heartbeat-ms': '500',
    });
    expect(message).toContain('--endpoint: "localhost" is not host:port');
    expect(message).toContain('--cert: required');
    expect(message).toContain('--key: required');
    expect(message).toContain('--thing: not a thing name');
    expect(message).toContain('--machine "press 1": machine key may use');
    expect(message).toContain('--interval-ms: must be a number');
    expect(message).toContain('--state-heartbeat-ms: must be at least 1000 ms');
    expect(message).not.toContain('--ca');
  });

  it('names a missing machine, a duplicate one and too many', () => {
    expect(problemsOf({ ...FLAGS, machine: undefined })).toContain(
      '--machine: required: at least one machine key',
    );
    const duplicates = problemsOf({ ...FLAGS, machine: ['press-1', 'press-2', 'press-1', 'press-1'] });
    expect(duplicates.split('\n').filter((line) => line.includes('duplicate'))).toEqual([
      '  --machine: duplicate machine key "press-1"',
    ]);
    const many = Array.from({ length: 65 }, (_, index) => `press-${index}`);
    expect(problemsOf({ ...FLAGS, machine: many })).toContain('--machine: at most 64 machines per gateway');
    expect(resolveAgentConfig({ ...FLAGS, machine: many.slice(0, 64) }).machines).toHaveLength(64);
  });

  it('bounds the state heartbeat well inside the 15 minutes after which the cloud calls a state unknown', () => {
    expect(problemsOf({ ...FLAGS, 'state-heartbeat-ms': '600000' })).toContain(
      '--state-heartbeat-ms: must be at most 300000 ms (5 minutes)',
    );
    expect(resolveAgentConfig({ ...FLAGS, 'state-heartbeat-ms': '1000' }).stateHeartbeatMs).toBe(1000);
    expect(resolveAgentConfig({ ...FLAGS, 'state-heartbeat-ms': '300000' }).stateHeartbeatMs).toBe(300_000);
  });

  it('reads a JSON file, resolving its paths against the file, with flags on top', async () => {
    const file = join(dir, 'agent.json');
    await writeFile(
      file,
      JSON.stringify({
        ...FLAGS,
        machine: undefined,
        machines: ['press-1', 'press-3'],
        cert: 'cert.pem',
        key: 'key.pem',
        ca: '/etc/ca.crt',
        intervalMs: 5000,
        stateHeartbeatMs: 120_000,
        dataDir: 'data',
      }),
    );

    expect(resolveAgentConfig({ config: file }, '/elsewhere').machines).toEqual(
      ['press-1', 'press-3'].map(simulatedMachine),
    );
    // Machines on the command line replace the file's list.
    const config = resolveAgentConfig({ config: file, machine: ['press-2'] }, '/elsewhere');

    expect(config).toMatchObject({
      certPath: join(dir, 'cert.pem'),
      keyPath: join(dir, 'key.pem'),
      caPath: '/etc/ca.crt',
      dataDir: join(dir, 'data'),
      intervalMs: 5000,
      stateHeartbeatMs: 120_000,
      machines: [simulatedMachine('press-2')],
    });
  });

  it('names the bad field of a JSON file, and unknown ones', async () => {
    const file = join(dir, 'agent.json');
    await writeFile(
      file,
      JSON.stringify({
        ...FLAGS,
        machine: undefined,
        machines: ['press-1', 'press-1', 'press/2'],
        intervalMs: 10,
        stateHeartbeatMs: 'often',
        colour: 'blue',
      }),
    );

    const message = problemsOf({ config: file });

    expect(message).toContain('unknown setting colour');
    expect(message).toContain('intervalMs (--interval-ms): must be at least 100 ms');
    expect(message).toContain('stateHeartbeatMs (--state-heartbeat-ms): must be a number of milliseconds');
    expect(message).toContain('machines (--machine) "press/2": machine key may use');
    expect(message).toContain('machines (--machine): duplicate machine key "press-1"');
  });

  it('points a file with the single machine of old to the list', async () => {
    const file = join(dir, 'agent.json');
    await writeFile(file, JSON.stringify({ ...FLAGS, machine: 'press-1' }));
    const message = problemsOf({ config: file });
    expect(message).toContain('unknown setting machine (a gateway lists its machines: "machines": ["..."])');
    expect(message).toContain('machines (--machine): required: at least one machine key');
    await writeFile(file, JSON.stringify({ ...FLAGS, machine: undefined, machines: 'press-1' }));
    expect(problemsOf({ config: file })).toContain('machines (--machine): must be a list of machine keys');
  });

  it("takes simulated cycle times from the file, for the gateway's own machines only", async () => {
    const base = {
      endpoint: 'localhost:8883',
      cert: 'c.pem',
      key: 'k.pem',
      thing: 'gw-1',
      machines: ['press-1'],
    };
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify({ ...base, simulatedCycleTimesMs: { 'press-1': 1500 } }));
    expect(resolveAgentConfig({ config: good }).simulatedCycleTimesMs).toEqual({ 'press-1': 1500 });
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...base, simulatedCycleTimesMs: { 'press-9': 1500 } }));
    expect(problemsOf({ config: bad })).toContain(
      `simulatedCycleTimesMs: "press-9" is not one of this gateway's machines`,
    );
    await writeFile(bad, JSON.stringify({ ...base, simulatedCycleTimesMs: { 'press-1': 5 } }));
    expect(problemsOf({ config: bad })).toContain('simulatedCycleTimesMs.press-1: must be at least 100 ms');
  });

  it('says which file it could not read', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{ endpoint: ');
    expect(problemsOf({ config: file })).toMatch(new RegExp(`^cannot read the configuration file ${file}: `));
    expect(problemsOf({ config: join(dir, 'missing.json') })).toContain('missing.json');
  });

  it('names a bad field of a machine given as an object by its position, key and field', async () => {
    const file = join(dir, 'machines.json');
    await writeFile(
      file,
      JSON.stringify({
        ...FLAGS,
        machine: undefined,
        machines: [
          'press-1',
          {
            key: 'lathe-1',
            source: { kind: 'modbus', port: 70000, tags: [{ name: 'speed', area: 'holdings', address: 1 }] },
          },
        ],
      }),
    );
    const message = problemsOf({ config: file });
    expect(message).toContain('machines[1] "lathe-1" source.host: required: the PLC address');
    expect(message).toContain('machines[1] "lathe-1" source.port: a port is 1-65535');
    expect(message).toContain('machines[1] "lathe-1" source.tags.0.area: one of holding, input, coil');
  });
});
