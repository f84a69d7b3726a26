import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessSupervisor } from './process-supervisor';

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('ProcessSupervisor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'supervisor-'));
  let errors: jest.SpyInstance;

  beforeEach(() => {
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => errors.mockRestore());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts a crashed process again, keeping its log, and says so', async () => {
    const supervisor = new ProcessSupervisor(dir, join(dir, 'logs'));
    const crashing = supervisor.start(
      'crashing',
      ['-e', 'console.log("up"); setTimeout(() => process.exit(3), 50)'],
      {},
      { restart: true },
    );
    const starts = () =>
      existsSync(crashing.logPath) ? (readFileSync(crashing.logPath, 'utf8').match(/up/g)?.length ?? 0) : 0;
    await until(() => starts() >= 2, 5000);
    await supervisor.stopAll();
    expect(crashing.restarts).toBeGreaterThanOrEqual(1);
    expect(String((errors.mock.calls as unknown[][])[0]?.[0])).toContain(
      'crashing stopped (exit code 3); starting it again in 1 s',
    );
  });

  it('leaves a process down when it was not asked to restart it, and does not restart what it stopped', async () => {
    const supervisor = new ProcessSupervisor(dir, join(dir, 'logs'));
    const once = supervisor.start('once', ['-e', 'process.exit(2)'], {});
    const steady = supervisor.start(
      'steady',
      ['-e', 'setInterval(() => undefined, 1000)'],
      {},
      { restart: true },
    );
    await until(() => once.child.exitCode !== null, 5000);
    await supervisor.stopAll();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(once.restarts).toBe(0);
    expect(steady.restarts).toBe(0);
    expect(steady.child.exitCode !== null || steady.child.signalCode !== null).toBe(true);
  });
});
