import { spawn } from 'node:child_process';
import { exitReason, restartDelayMs, Supervisor } from './supervisor.mjs';

describe('restartDelayMs: the back-off between restarts in a row', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelayMs(n))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(restartDelayMs(1000, { baseMs: 50, maxMs: 400 })).toBe(400);
    expect(restartDelayMs(2, { baseMs: 50, maxMs: 400 })).toBe(100);
  });

  it('counts restarts from 1', () => {
    expect(() => restartDelayMs(0)).toThrow(RangeError);
  });
});

describe('Supervisor: children that exit are started again until stop()', () => {
  /** A node child that exits by itself after `ms` with `code`. */
  const exiting =
    (code: number, ms = 0) =>
    () =>
      spawn(process.execPath, ['-e', `setTimeout(() => process.exit(${code}), ${ms})`], { stdio: 'ignore' });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(check()).toBe(true);
  };

  it('restarts a crashing child with growing pauses, says why, and no more after stop()', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ log: (name, line) => lines.push(`${name} ${line}`), baseMs: 10 });
    let starts = 0;
    supervisor.keep('worker', () => {
      starts++;
      return exiting(3)();
    });
    await until(() => starts >= 3);
    supervisor.stop();
    const restarts = lines.filter((l) => l.includes('restarting'));
    expect(restarts[0]).toMatch(
      /^worker exit code 3 after .* s; restarting in 0\.0 s \(restart 1 in a row\)$/,
    );
    expect(restarts[1]).toContain('(restart 2 in a row)');
    await until(() => supervisor.running().length === 0);
    const seen = starts;
    await new Promise((r) => setTimeout(r, 200));
    expect(starts).toBe(seen);
  });

  it('reports a signal, and starts a child that ran long enough as if for the first time', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor({ log: (_n, line) => lines.push(line), baseMs: 10, stableMs: 0 });
    supervisor.keep('api', () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']));
    const started = () => lines.filter((l) => l.startsWith('started')).length;
    for (const n of [1, 2]) {
      await until(() => started() === n && supervisor.running().length === 1);
      supervisor.running()[0]!.kill('SIGKILL');
    }
    await until(() => lines.filter((l) => l.includes('restarting')).length === 2);
    supervisor.stop();
    for (const child of supervisor.running()) child.kill('SIGKILL');
    const restarts = lines.filter((l) => l.includes('restarting'));
    expect(
      restarts.every((l) => l.startsWith('killed by SIGKILL') && l.endsWith('(restart 1 in a row)')),
    ).toBe(true);
  });

  it('leaves a child with restart: false stopped, and tells onExit', async () => {
    const exits: (number | null)[] = [];
    const supervisor = new Supervisor({ log: () => undefined, baseMs: 10 });
    supervisor.keep('simulate', exiting(0), { restart: false, onExit: (code) => exits.push(code) });
    await until(() => exits.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(exits).toEqual([0]);
    expect(supervisor.running()).toEqual([]);
  });

  it('names an exit by its signal, else by its code', () => {
    expect(exitReason(null, 'SIGKILL')).toBe('killed by SIGKILL');
    expect(exitReason(1, null)).toBe('exit code 1');
  });
});
