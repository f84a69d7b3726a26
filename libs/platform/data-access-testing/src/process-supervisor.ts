import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ManagedProcess {
  name: string;
  // The current process; replaced when a restartable process is started again.
  child: ChildProcess;
  logPath: string;
  restarts: number;
}

export interface StartOptions {
  // Start the process again after it dies unexpectedly, with a growing pause (1 s doubling to 30 s),
  // as a process manager would: a crash during `npm start` heals instead of leaving a hole.
  restart?: boolean;
}

const MAX_RESTART_DELAY_MS = 30_000;

// Starts the platform's processes with their output in .state/logs/<name>.log, tells when one
// dies unexpectedly (with the end of its log), restarts it when asked to, and stops them all together.
export class ProcessSupervisor {
  private readonly processes: ManagedProcess[] = [];
  private readonly stopped = new Set<ManagedProcess>();

  constructor(
    private readonly root: string,
    private readonly logDir: string,
  ) {
    mkdirSync(logDir, { recursive: true });
  }

  start(
    name: string,
    args: string[],
    env: Record<string, string>,
    options: StartOptions = {},
  ): ManagedProcess {
    const logPath = join(this.logDir, `${name}.log`);
    const managed: ManagedProcess = {
      name,
      child: this.spawn(args, env, logPath, 'w'),
      logPath,
      restarts: 0,
    };
    this.watch(managed, args, env, options);
    this.processes.push(managed);
    return managed;
  }

  private spawn(
    args: string[],
    env: Record<string, string>,
    logPath: string,
    flags: 'w' | 'a',
  ): ChildProcess {
    const log = createWriteStream(logPath, { flags });
    const child = spawn(process.execPath, args, {
      cwd: this.root,
      env: { ...process.env, ...env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return child;
  }

  private watch(
    managed: ManagedProcess,
    args: string[],
    env: Record<string, string>,
    options: StartOptions,
  ): void {
    managed.child.once('exit', (code, signal) => {
      if (this.stopped.has(managed)) return;
      const delay = Math.min(1000 * 2 ** managed.restarts, MAX_RESTART_DELAY_MS);
      const what = options.restart ? `; starting it again in ${delay / 1000} s` : '';
      console.error(
        `\n✖ ${managed.name} stopped (${signal ?? `exit code ${code}`})${what}. Last lines of ${managed.logPath}:\n${tail(managed.logPath)}\n`,
      );
      if (!options.restart) return;
      setTimeout(() => {
        if (this.stopped.has(managed)) return;
        managed.restarts += 1;
        managed.child = this.spawn(args, env, managed.logPath, 'a');
        this.watch(managed, args, env, options);
      }, delay).unref();
    });
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
    this.stopped.add(managed);
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
