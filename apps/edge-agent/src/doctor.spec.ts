import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findFreePort,
  issueLocalGatewayIdentity,
  startBroker,
  type BrokerHandle,
  type GatewayIdentityFiles,
} from '@convergent/platform-data-access-iot';
import type { AgentConfig } from './agent-config';
import { formatDoctor, runDoctor, type DoctorCheck } from './doctor';
import { machineSpecSchema } from '@convergent/shared-util-contracts';

// `convergent-edge doctor` against a real broker: one healthy gateway, then each precondition
// broken on its own, each with the check that fails and what to do about it.
jest.setTimeout(60_000);

describe('convergent-edge doctor', () => {
  let dir: string;
  let broker: BrokerHandle;
  let identity: GatewayIdentityFiles;
  let other: GatewayIdentityFiles;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvg-edge-doctor-'));
    broker = await startBroker(join(dir, 'broker'), { port: 0 });
    identity = await issueLocalGatewayIdentity(join(dir, 'broker'), 'gw-doctor');
    other = await issueLocalGatewayIdentity(join(dir, 'broker'), 'gw-other');
  });

  afterAll(async () => {
    await broker?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  function config(overrides: Partial<AgentConfig> = {}): AgentConfig {
    return {
      endpoint: { host: broker.host, port: broker.port },
      certPath: identity.certPath,
      keyPath: identity.keyPath,
      caPath: identity.caPath,
      thing: 'gw-doctor',
      machines: ['press-1'],
      intervalMs: 1000,
      stateHeartbeatMs: 60_000,
      dataDir: join(dir, 'data'),
      ...overrides,
    };
  }

  const failed = (checks: DoctorCheck[]) => checks.filter((check) => check.outcome === 'failed');

  it('passes a healthy gateway', async () => {
    const checks = await runDoctor(config());
    expect(failed(checks)).toEqual([]);
    expect(formatDoctor(checks)).toContain('All checks passed.');
  });

  it.each<[string, () => Promise<[Partial<AgentConfig>, Parameters<typeof runDoctor>[1]]>, string, RegExp]>([
    ['a clock far behind', () => Promise.resolve([{}, { now: () => Date.UTC(2000, 0, 1) }]), 'clock', /NTP/],
    [
      'an expired certificate',
      () => Promise.resolve([{}, { now: () => Date.now() + 3 * 365 * 24 * 3600 * 1000 }]),
      'certificate',
      /new claim token.*provision/,
    ],
    [
      'a missing certificate',
      () => Promise.resolve([{ certPath: join(dir, 'nope.pem') }, {}]),
      'certificate',
      /provision/,
    ],
    [
      'a key of another certificate',
      () => Promise.resolve([{ keyPath: other.keyPath }, {}]),
      'private key',
      /key written together/,
    ],
    [
      'a broker that is down',
      async () => [{ endpoint: { host: '127.0.0.1', port: await findFreePort() } }, {}],
      'broker',
      /network cable, the firewall/,
    ],
    [
      'a machine controller that does not answer',
      async () => [
        {
          machines: [
            machineSpecSchema.parse({
              key: 'lathe-1',
              source: {
                kind: 'modbus',
                host: '127.0.0.1',
                port: await findFreePort(),
                tags: [{ name: 'a', area: 'coil', address: 0 }],
              },
            }),
          ],
        },
        {},
      ],
      'machine lathe-1',
      /controller is on/,
    ],
    [
      'too little disk space',
      () => Promise.resolve([{}, { minFreeBytes: Number.MAX_SAFE_INTEGER }]),
      'disk space',
      /free space/,
    ],
  ])('names %s and what to do about it', async (_, setUp, check, fix) => {
    const [overrides, options] = await setUp();
    const checks = await runDoctor(config(overrides), options);
    const failures = failed(checks);
    expect(failures.map((failure) => failure.name)).toContain(check);
    expect(failures.find((failure) => failure.name === check)?.fix).toMatch(fix);
    expect(formatDoctor(checks)).toMatch(/FAIL .*\n\s+-> /);
  });
});
