import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TerritoryCollection } from '@navette/contracts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The README's `npm start`, for real: with no DATABASE_URL/REDIS_URL it starts its own PostgreSQL
 * and Redis, migrates, seeds and serves; Ctrl-C stops everything; a second start reuses the data.
 * Needs the build (`npm test` builds first) and PostgreSQL, PostGIS and Redis installed.
 */
describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'navette-start-'));
  // As root, PostgreSQL runs as the postgres user, who must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const port = 3400 + Math.floor(Math.random() * 500);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NAVETTE_DATA_DIR: dataDir,
    NAVETTE_PG_PORT: String(port + 1000),
    NAVETTE_REDIS_PORT: String(port + 2000),
    NAVETTE_NO_INSTALL: '1',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function start(): { child: ChildProcess; output: () => string } {
    const child = spawn(process.execPath, [join(root, 'infra', 'scripts', 'start.mjs')], { env, cwd: root });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, output: () => output };
  }

  async function until(check: () => Promise<boolean> | boolean, what: string, seconds = 60): Promise<void> {
    for (let i = 0; i < seconds * 5; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${what} within ${seconds} s`);
  }

  const healthy = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200;
    } catch {
      return false;
    }
  };

  async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill(signal);
    return exited;
  }

  /** Status of the demo coordinator's GET of Helsinki's rota for tomorrow (planned by the dispatcher). */
  async function rota(): Promise<number> {
    const base = `http://127.0.0.1:${port}/api`;
    const { features } = (await (await fetch(`${base}/territories`)).json()) as TerritoryCollection;
    const helsinki = features.find((f) => f.properties.name === 'Helsinki')!;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cora@demo.navette.org', password: 'navette-demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const response = await fetch(`${base}/territories/${helsinki.properties.id}/rota`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return response.status;
  }

  /** The processes `npm start` runs (pid and command line), from the process table. */
  const children = (parent: number) =>
    spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)], { encoding: 'utf8' })
      .stdout.split('\n')
      .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => ({ pid: Number(m[1]), args: m[2]! }));
  const pidOf = (parent: number, script: string) =>
    children(parent).find((c) => c.args.includes(script))?.pid;
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('starts everything, stops cleanly on Ctrl-C, and reuses the data the second time', async () => {
    const first = start();
    await until(healthy, 'the API answers healthy');
    await until(() => first.output().includes('Navette is up'), 'the start banner');
    expect(first.output()).toContain('demo territory loaded: Helsinki');
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@demo.navette.org', password: 'navette-demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const ride = await fetch(`http://127.0.0.1:${port}/api/rides`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        pickup: { type: 'Point', coordinates: [24.95, 60.185] },
        dropoff: { type: 'Point', coordinates: [24.93, 60.17] },
      }),
    });
    expect(ride.status).toBe(201);
    const { id } = (await ride.json()) as { id: string };

    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toContain('stopped');
    expect(await healthy()).toBe(false);

    const second = start();
    try {
      await until(healthy, 'the API answers healthy again');
      expect(second.output()).toContain('demo territory already there');
      const again = await fetch(`http://127.0.0.1:${port}/api/rides/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(again.status).toBe(200);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 150_000);

  it('starts a killed dispatcher or API again, and stops everything on SIGTERM', async () => {
    const run = start();
    try {
      await until(healthy, 'the API answers healthy');
      await until(() => run.output().includes('Navette is up'), 'the start banner');
      const ready = () => run.output().split('dispatcher: matching worker ready').length - 1;
      await until(() => ready() === 1, 'the dispatcher ready');

      const main = run.child.pid!;
      const dispatcherMain = 'dispatcher/dist/src/main.js';
      const apiMain = 'api/dist/src/main.js';
      const dispatcher = pidOf(main, dispatcherMain)!;
      process.kill(dispatcher, 'SIGKILL');
      await until(() => (pidOf(main, dispatcherMain) ?? dispatcher) !== dispatcher, 'a new dispatcher');
      expect(run.output()).toMatch(/dispatcher.* killed by SIGKILL after .* s; restarting in/);
      await until(() => ready() === 2, 'the new dispatcher ready');
      // The new dispatcher works: the rota is planned by it (a `plan-day` job).
      expect(await rota()).toBe(200);

      const api = pidOf(main, apiMain)!;
      process.kill(api, 'SIGKILL');
      await until(() => (pidOf(main, apiMain) ?? api) !== api, 'a new API');
      expect(run.output()).toMatch(/api.* killed by SIGKILL after .* s; restarting in/);
      await until(healthy, 'the new API answers healthy');
      expect(await rota()).toBe(200);

      const running = children(main);
      expect(running.map((c) => c.args).sort()).toEqual([
        expect.stringContaining(apiMain),
        expect.stringContaining(dispatcherMain),
        expect.stringContaining('redis-server'),
      ]);
      expect(await stop(run.child, 'SIGTERM')).toBe(0);
      const after = run.output().slice(run.output().lastIndexOf('stopping…'));
      expect(after).toContain('stopped');
      expect(after).not.toContain('started (pid');
      expect(running.map((c) => c.pid).filter(alive)).toEqual([]);
      expect(await healthy()).toBe(false);
    } finally {
      if (run.child.exitCode === null) await stop(run.child);
    }
  }, 150_000);
});
