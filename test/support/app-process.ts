import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MAIN = {
  api: join(ROOT, 'apps', 'api', 'src', 'main.ts'),
  worker: join(ROOT, 'apps', 'worker', 'src', 'main.ts'),
} as const;
/** The line each app logs once it is up (see apps/<app>/src/main.ts). */
const STARTED = { api: 'Retrowalk API listening', worker: 'Retrowalk worker running' } as const;

export type AppName = keyof typeof MAIN;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A real api or worker process started from the TypeScript sources, for tests that must kill one
 * (SIGKILL, SIGTERM) or start several at once. Its stdout and stderr are kept line by line.
 */
export class AppProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly app: AppName,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['-r', join(__dirname, 'ts-register.js'), MAIN[app]], {
      cwd: ROOT,
      // The child reads its settings from its environment, as in production. At least info level:
      // the line that says the process is up is an info line.
      env: { PATH: process.env.PATH ?? '', ...env, LOG_LEVEL: env.LOG_LEVEL === 'debug' ? 'debug' : 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        this.lines.push(...parts.filter((l) => l.length > 0));
        this.waiters.splice(0).forEach((wake) => wake());
      });
    }
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        this.waiters.splice(0).forEach((wake) => wake());
        resolve({ code, signal });
      }),
    );
  }

  /** Starts the process and resolves once it says it is up (or rejects with what it printed). */
  static async start(app: AppName, env: Record<string, string>, timeoutMs = 60_000): Promise<AppProcess> {
    const proc = new AppProcess(app, env);
    await proc.waitForLine((line) => line.includes(STARTED[app]), timeoutMs);
    return proc;
  }

  /** Starts the process without waiting (for start-up races); await `waitUntilUp()` or `exited`. */
  static spawn(app: AppName, env: Record<string, string>): AppProcess {
    return new AppProcess(app, env);
  }

  async waitUntilUp(timeoutMs = 60_000): Promise<void> {
    await this.waitForLine((line) => line.includes(STARTED[this.app]), timeoutMs);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves when a line matches; rejects when the process exits first or the time is up. */
  async waitForLine(match: (line: string) => boolean, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(match);
      if (found !== undefined) return found;
      if (!this.running) throw new Error(`${this.app} exited before the line appeared:\n${this.tail()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.app}: timed out waiting for a line:\n${this.tail()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  kill(signal: NodeJS.Signals): Promise<Exit> {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }

  tail(lines = 30): string {
    return this.lines.slice(-lines).join('\n');
  }
}
