import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  logPath: string;
}

// Starts the platform's processes with their output in .state/logs/<name>.log, tells when one
// dies unexpectedly (with the end of its log), and stops them all together.
export class ProcessSupervisor {
  private readonly processes: ManagedProcess[] = [];
  private readonly stopped = new Set<ChildProcess>();

  constructor(
    private readonly root: string,
    private readonly logDir: string,
  ) {
    mkdirSync(logDir, { recursive: true });
  }

  start(name: string, args: string[], env: Record<string, string>): ManagedProcess {
    const logPath = join(this.logDir, `${name}.log`);
    const log = createWriteStream(logPath, { flags: 'w' });
    const child = spawn(process.execPath, args, {
      cwd: this.root,
      env: { ...process.env, ...env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    child.once('exit', (code, signal) => {
      if (this.stopped.has(child)) return;
      console.error(
        `\n✖ ${name} stopped (${signal ?? `exit code ${code}`}). Last lines of ${logPath}:\n${tail(logPath)}\n`,
      );
    });
    const managed = { name, child, logPath };
    this.processes.push(managed);
    return managed;
  }

  async waitForHttp(managed: ManagedProcess, url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (managed.child.exitCode !== null) break;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(
      `${managed.name} did not answer ${url} within ${timeoutMs / 1000} s. Last lines of ${managed.logPath}:\n${tail(managed.logPath)}`,
    );
  }

  // SIGTERM (the processes drain and close), SIGKILL after 8 s.
  stop(managed: ManagedProcess): Promise<void> {
    const { child } = managed;
    this.stopped.add(child);
    return new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.processes.map((managed) => this.stop(managed)));
  }
}

function tail(path: string, lines = 20): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
