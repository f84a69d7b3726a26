import { main } from './main';

describe('edge-agent command line', () => {
  let stdout: jest.SpyInstance;
  let stderr: jest.SpyInstance;

  beforeEach(() => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const written = (spy: jest.SpyInstance): string =>
    spy.mock.calls.map((call: unknown[]) => String(call[0])).join('');

  it('prints the usage for --help', async () => {
    await expect(main(['--help'])).resolves.toBe(0);
    expect(written(stdout)).toContain('Usage: convergent-edge <command> [options]');
    expect(written(stdout)).toContain('--state-heartbeat-ms <ms>');
    expect(written(stdout)).toContain('repeat it for each machine');
  });

  it('exits with 2 and names the missing and bad flags of run', async () => {
    await expect(main(['run', '--thing', 'a/b', '--endpoint', 'localhost:8883'])).resolves.toBe(2);
    const message = written(stderr);
    expect(message).toContain('--thing: not a thing name');
    expect(message).toContain('--cert: required');
    expect(message).toContain('--machine: required: at least one machine key');
  });

  it('takes --machine once per machine and names a repeated key', async () => {
    const flags = [
      'run',
      '--endpoint',
      'localhost:8883',
      '--thing',
      'line-1',
      '--cert',
      'c.pem',
      '--key',
      'k.pem',
    ];
    await expect(
      main([...flags, '--machine', 'press-1', '--machine', 'press-2', '--machine', 'press-1']),
    ).resolves.toBe(2);
    expect(written(stderr)).toContain('--machine: duplicate machine key "press-1"');
    expect(written(stderr)).not.toContain('press-2');
  });

  it('exits with 2 on an unknown flag or command', async () => {
    await expect(main(['run', '--colour', 'blue'])).resolves.toBe(2);
    expect(written(stderr)).toContain("Unknown option '--colour'");
    await expect(main(['fly'])).resolves.toBe(2);
    expect(written(stderr)).toContain('unknown command: fly');
  });
});
