// The children of `npm start` (Redis, the API, the dispatcher) are kept running: one that exits
// while the service is not stopping is started again after a back-off, and the reason is logged.
// Only `stop()` (Ctrl-C / SIGTERM in start.mjs) ends them for good. See infra/adr/0012.

/**
 * Pause before the `restarts`-th restart in a row (1, 2, …), in milliseconds: `baseMs` doubled
 * for each earlier one, at most `maxMs`. Defaults: 1000 and 30000 (1 s, 2 s, 4 s … 30 s).
 */
export function restartDelayMs(restarts, { baseMs = 1000, maxMs = 30_000 } = {}) {
  if (!Number.isInteger(restarts) || restarts < 1) throw new RangeError('restarts counts from 1');
  return Math.min(maxMs, baseMs * 2 ** Math.min(restarts - 1, 30));
}

/** How a child ended, for the log: its signal, or its exit code. */
export const exitReason = (code, signal) => (signal ? `killed by ${signal}` : `exit code ${code}`);

export class Supervisor {
  /**
   * `log(name, line)`: where the supervisor says what it does. `baseMs`, `maxMs`: the back-off
   * (see `restartDelayMs`). `stableMs`: a child that ran at least this long before exiting is
   * restarted as if for the first time (default 60000 ms).
   */
  constructor({ log, baseMs = 1000, maxMs = 30_000, stableMs = 60_000 }) {
    this.log = log;
    this.backoff = { baseMs, maxMs };
    this.stableMs = stableMs;
    this.stopping = false;
    /** @type {Map<string, { child: import('node:child_process').ChildProcess, timer?: NodeJS.Timeout, restarts: number }>} */
    this.kept = new Map();
  }

  /**
   * Runs `spawnChild()` as `name` and, unless `restart` is false, runs it again whenever it exits
   * before `stop()`. `onExit(code, signal)` is told of every exit (restart or not).
   */
  keep(name, spawnChild, { restart = true, onExit = () => undefined } = {}) {
    const entry = { child: undefined, timer: undefined, restarts: 0 };
    this.kept.set(name, entry);
    const launch = () => {
      entry.timer = undefined;
      const startedAt = Date.now();
      const child = spawnChild();
      entry.child = child;
      this.log(name, `started (pid ${child.pid})`);
      child.once('exit', (code, signal) => {
        onExit(code, signal);
        if (this.stopping || !restart) return;
        const ranMs = Date.now() - startedAt;
        entry.restarts = ranMs >= this.stableMs ? 1 : entry.restarts + 1;
        const delay = restartDelayMs(entry.restarts, this.backoff);
        this.log(
          name,
          `${exitReason(code, signal)} after ${(ranMs / 1000).toFixed(1)} s; restarting in ${(delay / 1000).toFixed(1)} s (restart ${entry.restarts} in a row)`,
        );
        entry.timer = setTimeout(() => {
          if (!this.stopping) launch();
        }, delay);
      });
    };
    launch();
  }

  /** The children of these names (all when omitted) that are still running. */
  running(names) {
    return [...this.kept]
      .filter(([name]) => !names || names.includes(name))
      .map(([, entry]) => entry.child)
      .filter((child) => child && child.exitCode === null && child.signalCode === null);
  }

  /** No more restarts (pending ones are cancelled); the caller stops the running children. */
  stop() {
    this.stopping = true;
    for (const entry of this.kept.values()) clearTimeout(entry.timer);
  }
}
