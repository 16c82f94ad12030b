import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { redisUrl } from './test-database.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dispatcherMain = join(root, 'dispatcher', 'dist', 'src', 'main.js');

/**
 * The real dispatcher as a process of its own, started and killed with SIGKILL at will (crash
 * drills). Needs the build (`npm test` builds first).
 */
export class DispatcherProcess {
  private worker: ChildProcess | undefined;
  /** How many times it was killed. */
  kills = 0;

  constructor(
    private readonly stack: { databaseUrl: string; queuePrefix: string },
    private readonly env: Record<string, string> = {},
    /** Each line the process writes on standard output (its JSON log), when given. */
    private readonly onLine?: (line: string) => void,
  ) {
    if (!existsSync(dispatcherMain))
      throw new Error(`build first: ${dispatcherMain} is missing (npm run build)`);
  }

  start(): void {
    if (this.worker && this.worker.exitCode === null && this.worker.signalCode === null) return;
    this.worker = spawn(process.execPath, [dispatcherMain], {
      env: {
        ...process.env,
        DATABASE_URL: this.stack.databaseUrl,
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: this.stack.queuePrefix,
        SWEEP_EVERY_MS: '500',
        RETRY_NO_DRIVER_MS: '200',
        ...this.env,
      },
      stdio: ['ignore', this.onLine ? 'pipe' : 'ignore', 'ignore'],
    });
    const { onLine } = this;
    if (onLine && this.worker.stdout) createInterface({ input: this.worker.stdout }).on('line', onLine);
  }

  /** SIGKILL, as a crash: no cleanup, jobs and transactions cut wherever they were. */
  async kill(): Promise<void> {
    const w = this.worker;
    if (!w || w.exitCode !== null || w.signalCode !== null) return;
    const exited = new Promise((resolve) => w.once('exit', resolve));
    w.kill('SIGKILL');
    await exited;
    this.kills++;
  }
}
