// `npm start`: the whole of Navette on one machine, with a demo territory.
// Uses DATABASE_URL / REDIS_URL when set; otherwise starts project-local PostgreSQL (with PostGIS)
// and Redis, with their data in .navette/ (git-ignored), on ports 54329 and 63799.
// Then: migrations, the demo seed, the API, the dispatcher, and with --simulate the simulator.
// A child that dies (the API, the dispatcher, local Redis) is started again after a back-off
// (supervisor.mjs); only Ctrl-C or SIGTERM stops everything, cleanly; the next `npm start` reuses the data.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Supervisor } from './supervisor.mjs';
import { fileURLToPath } from 'node:url';
import { localJwtSecret } from './local-secret.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const simulate = process.argv.includes('--simulate') || process.env.NAVETTE_SIMULATE === '1';
const PG_PORT = Number(process.env.NAVETTE_PG_PORT ?? 54329);
const REDIS_PORT = Number(process.env.NAVETTE_REDIS_PORT ?? 63799);
const isRoot = process.getuid?.() === 0;
// Where local PostgreSQL and Redis keep their data (NAVETTE_DATA_DIR overrides, e.g. for tests).
const dataRoot = process.env.NAVETTE_DATA_DIR ?? join(root, '.navette');
const colours = { pg: 34, redis: 31, api: 32, dispatcher: 35, simulate: 33, navette: 36 };
let stopping = false;

function say(name, line) {
  process.stdout.write(`\x1b[${colours[name] ?? 37}m${name.padEnd(10)}\x1b[0m ${line}\n`);
}

function fail(message) {
  say('navette', `\x1b[31m${message}\x1b[0m`);
  // Stops whatever already runs (local PostgreSQL and Redis included) before exiting.
  void shutdown(1);
  return new Promise(() => undefined);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.stdout}`);
  return result.stdout;
}

function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && { version: versions[0], bin: join(base, versions[0], 'bin') };
}

const hasPostgis = (version) => existsSync(`/usr/share/postgresql/${version}/extension/postgis.control`);
const which = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Installs PostgreSQL, PostGIS and Redis from Debian's packages when allowed, or says how. */
async function ensurePackages({ postgres, redis }) {
  const pg = postgresBin();
  const missing = [];
  if (postgres && !pg) missing.push('postgresql');
  if (postgres && (!pg || !hasPostgis(pg.version)))
    missing.push(`postgresql-${pg?.version ?? '15'}-postgis-3`);
  if (redis && !which('redis-server')) missing.push('redis-server');
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!isRoot || process.env.NAVETTE_NO_INSTALL || !existsSync('/usr/bin/apt-get')) {
    await fail(
      `missing: ${missing.join(', ')}. Install them with:\n    ${isRoot ? '' : 'sudo '}${command}\n  or set DATABASE_URL and REDIS_URL.`,
    );
  }
  say('navette', `installing ${missing.join(', ')} (set NAVETTE_NO_INSTALL=1 to refuse)`);
  execFileSync('sh', ['-c', command], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** As root, PostgreSQL runs as the unprivileged `postgres` user. */
const asPostgres = (command, args) =>
  isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

function dataDirectory() {
  const inRepo = join(dataRoot, 'pg');
  if (!isRoot) return inRepo;
  mkdirSync(inRepo, { recursive: true });
  // The postgres user must be able to reach the folder; if the checkout is private, use /tmp.
  if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dataRoot]).status === 0) return inRepo;
  const fallback = `/tmp/navette-${createHash('sha1').update(dataRoot).digest('hex').slice(0, 8)}/pg`;
  say('pg', `the checkout is not readable by the postgres user: data in ${fallback}`);
  return fallback;
}

async function startLocalPostgres() {
  const { bin } = postgresBin();
  const data = dataDirectory();
  mkdirSync(data, { recursive: true });
  if (isRoot) run('chown', ['-R', 'postgres:postgres', dirname(data) === dataRoot ? data : dirname(data)]);
  if (!existsSync(join(data, 'PG_VERSION'))) {
    say('pg', `initialising a cluster in ${data}`);
    const [cmd, args] = asPostgres(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
    ]);
    run(cmd, args);
  }
  const [cmd, args] = asPostgres(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(data, 'server.log'),
    '-w',
    '-o',
    `-p ${PG_PORT} -k ${data} -c listen_addresses=127.0.0.1`,
    'start',
  ]);
  const status = spawnSync(...asPostgres(join(bin, 'pg_ctl'), ['-D', data, 'status']));
  if (status.status !== 0) {
    try {
      run(cmd, args);
    } catch (error) {
      const log = spawnSync('tail', ['-n', '15', join(data, 'server.log')], { encoding: 'utf8' }).stdout;
      await fail(`PostgreSQL did not start (${error.message.trim()})\n${log}`);
    }
  }
  say('pg', `PostgreSQL on 127.0.0.1:${PG_PORT}`);
  const psql = (sql) =>
    run(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'postgres', '-tAc', sql]);
  if (!psql(`SELECT 1 FROM pg_database WHERE datname = 'navette'`).trim()) psql('CREATE DATABASE navette');
  return {
    url: `postgres://postgres@127.0.0.1:${PG_PORT}/navette`,
    stop: (mode = 'fast') =>
      spawnSync(...asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, 'stop']), { stdio: 'ignore' }),
  };
}

/** Restarts children that exit before shutdown, with a back-off; logs why. */
const supervisor = new Supervisor({ log: (name, line) => say(name, line) });

/** Starts a child kept running by the supervisor (the simulator alone is not restarted). */
function startChild(name, command, args, env) {
  supervisor.keep(name, () => spawnChild(name, command, args, env), {
    restart: name !== 'simulate',
    onExit: (code, signal) => {
      // The simulator may finish (or fail) on its own; the service keeps running.
      if (name === 'simulate' && !stopping) say(name, `finished (${signal ?? code}); Navette keeps running`);
    },
  });
}

function spawnChild(name, command, args, env) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C reaches only this script, which stops the children in order
    // (apps before the Redis they talk to).
    detached: true,
  });
  child.navetteName = name;
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) say(name, line);
    });
    stream.on('end', () => buffer && say(name, buffer));
  }
  return child;
}

function startLocalRedis() {
  const dir = join(dataRoot, 'redis');
  mkdirSync(dir, { recursive: true });
  startChild('redis', 'redis-server', [
    '--port',
    String(REDIS_PORT),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
  ]);
  return `redis://127.0.0.1:${REDIS_PORT}`;
}

async function waitFor(check, what, seconds = 20) {
  for (let i = 0; i < seconds * 10; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  await fail(`${what} did not come up within ${seconds} s`);
}

/** True when nothing listens on 127.0.0.1:port (so a health check cannot hit someone else's server). */
const portFree = (port) =>
  new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** Stops children with SIGTERM, waits for them (SIGKILL after 10 s). */
async function stopChildren(list) {
  await Promise.all(
    list.map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          say(child.navetteName, 'still running after 10 s: killing it');
          child.kill('SIGKILL');
        }, 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
        child.kill('SIGTERM');
      });
    }),
  );
}

let stopPostgres = () => undefined;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  supervisor.stop();
  say('navette', 'stopping…');
  // The simulator first, then the apps, then Redis; PostgreSQL last.
  const order = ['simulate', 'api', 'dispatcher', 'redis'];
  for (const names of [['simulate'], ['api', 'dispatcher'], ['redis']]) {
    await stopChildren(supervisor.running(names));
  }
  await stopChildren(supervisor.running().filter((c) => !order.includes(c.navetteName)));
  stopPostgres();
  say('navette', 'stopped');
  process.exit(code);
}
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (++interrupts > 1 && stopping) {
      say('navette', 'stopping at once');
      for (const child of supervisor.running()) child.kill('SIGKILL');
      stopPostgres('immediate');
      process.exit(130);
    }
    void shutdown(0);
  });
}
// Whatever happens to this script, its children must not outlive it.
process.on('exit', () => {
  for (const child of supervisor.running()) child.kill('SIGKILL');
});

let databaseUrl = process.env.DATABASE_URL;
let redisUrl = process.env.REDIS_URL;
const port = process.env.PORT ?? '3000';
if (!(await portFree(Number(port)))) {
  await fail(
    `port ${port} is taken (another npm start?): stop it, or choose another with PORT=3001 npm start`,
  );
}
await ensurePackages({ postgres: !databaseUrl, redis: !redisUrl });
if (!databaseUrl) {
  const pg = await startLocalPostgres();
  databaseUrl = pg.url;
  stopPostgres = pg.stop;
}
if (!redisUrl) {
  redisUrl = startLocalRedis();
  await waitFor(
    () =>
      spawnSync('redis-cli', ['-p', String(REDIS_PORT), 'ping'], { encoding: 'utf8' }).stdout?.trim() ===
      'PONG',
    'Redis',
  );
}

const env = {
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  JWT_SECRET: process.env.JWT_SECRET || localJwtSecret(dataRoot),
};
try {
  say(
    'navette',
    run(process.execPath, [join(root, 'api/dist/src/cli/migrate.js')], {
      env: { ...process.env, ...env },
    }).trim(),
  );
  say(
    'navette',
    run(process.execPath, [join(root, 'infra/dist/seeds/seed-cli.js')], {
      env: { ...process.env, ...env },
    }).trim(),
  );
} catch (error) {
  await fail(String(error.message ?? error));
}
startChild('api', process.execPath, [join(root, 'api/dist/src/main.js')], { ...env, PORT: port });
startChild('dispatcher', process.execPath, [join(root, 'dispatcher/dist/src/main.js')], env);
await waitFor(async () => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200;
  } catch {
    return false;
  }
}, 'the API');
if (simulate)
  startChild('simulate', process.execPath, [join(root, 'infra/dist/sim/simulate.js')], {
    NAVETTE_URL: `http://127.0.0.1:${port}`,
  });
say(
  'navette',
  `Navette is up: http://localhost:${port}/  (driver app: /driver/, API docs: /api/openapi.json)`,
);
say(
  'navette',
  'demo accounts, password "navette-demo": alice@ (rider), dan@ (driver), cora@ (coordinator), admin@ — all @demo.navette.org',
);
say('navette', 'a child that stops is started again; Ctrl-C stops everything');
