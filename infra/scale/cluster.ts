// Several API nodes and dispatcher workers on this machine behind Debian's nginx (infra/adr/0032):
// real processes from the build (api/dist, dispatcher/dist), as `npm start` runs them, for the
// two-node tests and `bench:load`. The caller brings a migrated database and a Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Debian's nginx (`nginx-light`); `.ci/run` installs it. */
export const NGINX_BIN = '/usr/sbin/nginx';

/** The repository root, from this file in infra/scale (tests) or infra/dist/scale (the build). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'web-map')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const root = repoRoot();
const apiMain = join(root, 'api', 'dist', 'src', 'main.js');
const dispatcherMain = join(root, 'dispatcher', 'dist', 'src', 'main.js');
const template = join(root, 'infra', 'scale', 'nginx.conf.template');

/** `npm start`'s supervisor, loaded from its source (the build compiles TypeScript only). */
const supervisorModule = () =>
  import(pathToFileURL(join(root, 'infra', 'scripts', 'supervisor.mjs')).href) as Promise<
    typeof import('../scripts/supervisor.mjs')
  >;

export interface ClusterOptions {
  /** API processes (1–26), named `a`, `b`, … (`API_NODE_ID`). */
  apiNodes: number;
  /** Dispatcher processes (0 or more). */
  workers: number;
  /** A migrated database (e.g. `createTestDatabase()` in api/test). */
  databaseUrl: string;
  redisUrl: string;
  /** `QUEUE_PREFIX` of every process: queues, outbound channel and socket.io streams. */
  queuePrefix: string;
  /** More environment for every API node and worker (e.g. `BATCH_WINDOW_MS`, rate limits). */
  env?: Record<string, string>;
  /** Environment for the API nodes only, and for the workers only (after `env`). */
  apiEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
  /** Start a process again when it exits before `stop()` (as `npm start` does). Default false. */
  restart?: boolean;
  /** Where each process's output lines go. Default: kept (the last 40 of each) for error messages. */
  log?: (name: string, line: string) => void;
  /** How long to wait for everything to answer, ms. Default 60,000. */
  readyTimeoutMs?: number;
}

export interface ClusterProcess {
  /** `api-a`, `dispatcher-1`, `nginx`. */
  name: string;
  /** The current process's id (a new one after a restart). */
  readonly pid: number;
  /** Ends the process (default SIGKILL, as a crash would) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ApiNode extends ClusterProcess {
  /** `API_NODE_ID`: `a`, `b`, …; it starts every engine.io session id this node issues (`a.…`). */
  id: string;
  /** This node directly, bypassing nginx: `http://127.0.0.1:<port>`. */
  url: string;
}

export interface Cluster {
  /** nginx: what clients use. */
  url: string;
  apiNodes: ApiNode[];
  workers: ClusterProcess[];
  nginx: ClusterProcess;
  /** The shared JWT secret (every node must verify every node's tokens). */
  jwtSecret: string;
  /** The last lines each process wrote, for a failing test's message. */
  recentOutput(name: string): string[];
  /** Stops nginx, the API nodes and the workers (SIGTERM, SIGKILL after 10 s); removes the temp folder. */
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 now (asked of the kernel; used at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The node ids of `count` API nodes: `a`, `b`, … */
export function nodeIds(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 26) throw new RangeError('apiNodes: 1 to 26');
  return Array.from({ length: count }, (_, i) => String.fromCharCode(97 + i));
}

/**
 * The nginx configuration for these API nodes: `template` with its placeholders filled in
 * (`prefix`: the folder nginx writes to; `port`: where it listens on 127.0.0.1).
 */
export function nginxConfig(
  template: string,
  options: { prefix: string; port: number; nodes: { id: string; port: number }[]; user?: string },
): string {
  const server = (port: number) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`;
  const values: Record<string, string> = {
    PREFIX: options.prefix,
    PORT: String(options.port),
    USER: options.user ? `user ${options.user};` : '',
    SERVERS: options.nodes.map((n) => `    ${server(n.port)}`).join('\n'),
    SID_ROUTES: options.nodes.map((n) => `    ~^${n.id}\\. navette_node_${n.id};`).join('\n'),
    NODE_UPSTREAMS: options.nodes
      .map(
        (n) => `  upstream navette_node_${n.id} {\n    server 127.0.0.1:${n.port};\n    keepalive 16;\n  }`,
      )
      .join('\n'),
  };
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`nginx template: unknown placeholder ${whole}`);
    return value;
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function waitUntil(what: string, deadline: number, check: () => Promise<boolean>, why: () => string) {
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not ready in time\n${why()}`);
    await sleep(100);
  }
}

async function answers(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.arrayBuffer();
  return response.status === 200;
}

/** Stops a child (SIGTERM, then SIGKILL after `graceMs`) and waits for its exit. */
function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/**
 * Starts `apiNodes` API processes, `workers` dispatcher processes and nginx in front of the API
 * nodes, and resolves once every node answers `/api/health` directly and through nginx and every
 * worker runs its queue (its heartbeat file exists). Needs the build (`npm run build`).
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  for (const file of [apiMain, dispatcherMain])
    if (!existsSync(file)) throw new Error(`build first (npm run build): ${file} is missing`);
  if (!existsSync(NGINX_BIN)) throw new Error(`${NGINX_BIN} is missing: apt-get install nginx-light`);
  const ids = nodeIds(options.apiNodes);
  const { exitReason, Supervisor } = await supervisorModule();
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  const prefix = mkdtempSync(join(tmpdir(), 'navette-cluster-'));
  // As root, nginx's workers run as nobody: they must reach the temp folders nginx makes here.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(prefix, 0o755);
  const output = new Map<string, string[]>();
  const keep = (name: string, line: string) => {
    const lines = output.get(name) ?? [];
    lines.push(line);
    if (lines.length > 40) lines.shift();
    output.set(name, lines);
    options.log?.(name, line);
  };
  const tail = (name: string) => `${name}:\n  ${(output.get(name) ?? []).join('\n  ')}`;
  const supervisor = new Supervisor({ log: keep });
  const children = new Map<string, () => ChildProcess | undefined>();
  const jwtSecret = options.env?.JWT_SECRET ?? randomBytes(32).toString('base64url');
  const nginxPort = await freePort();
  const url = `http://127.0.0.1:${nginxPort}`;

  const launch = (name: string, command: string, args: string[], env: Record<string, string>) => {
    let current: ChildProcess | undefined;
    supervisor.keep(
      name,
      () => {
        const child = spawn(command, args, {
          cwd: root,
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        for (const stream of [child.stdout, child.stderr]) {
          let buffer = '';
          stream.setEncoding('utf8');
          stream.on('data', (chunk: string) => {
            buffer += chunk;
            const lines = buffer.split('\n');
            buffer = lines.pop() ?? '';
            for (const line of lines) keep(name, line);
          });
        }
        current = child;
        return child;
      },
      {
        restart: options.restart ?? false,
        onExit: (code, signal) => {
          if (!supervisor.stopping) keep(name, `exited: ${exitReason(code, signal)}`);
        },
      },
    );
    children.set(name, () => current);
    const process_: ClusterProcess = {
      name,
      get pid() {
        return current?.pid ?? -1;
      },
      // nginx's workers outlive a SIGKILLed master: it is ended with SIGTERM (fast shutdown).
      kill: (signal = name === 'nginx' ? 'SIGTERM' : 'SIGKILL') =>
        current ? stopChild(current, signal, 5000) : Promise.resolve(),
    };
    return process_;
  };

  const shared = {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: options.queuePrefix,
    JWT_SECRET: jwtSecret,
    ...options.env,
  };
  const cluster: Cluster = {
    url,
    apiNodes: [],
    workers: [],
    nginx: { name: 'nginx', pid: -1, kill: () => Promise.resolve() },
    jwtSecret,
    recentOutput: (name) => [...(output.get(name) ?? [])],
    async stop() {
      supervisor.stop();
      const running = (names: string[]) =>
        names.flatMap((name) => {
          const child = children.get(name)?.();
          return child && !exited(child) ? [child] : [];
        });
      // The proxy first (no new requests), then the apps.
      await Promise.all(running(['nginx']).map((c) => stopChild(c, 'SIGTERM')));
      await Promise.all(running([...children.keys()]).map((c) => stopChild(c, 'SIGTERM')));
      rmSync(prefix, { recursive: true, force: true });
    },
  };
  try {
    const ports = new Map<string, number>();
    for (const id of ids) {
      const port = await freePort();
      ports.set(id, port);
      const node = launch(`api-${id}`, process.execPath, [apiMain], {
        ...shared,
        PORT: String(port),
        API_NODE_ID: id,
        PUBLIC_URL: `${url}/`,
        // Behind nginx on this machine: the client's address is the one nginx forwards.
        TRUST_PROXY: 'loopback',
        ...options.apiEnv,
      });
      cluster.apiNodes.push(Object.assign(node, { id, url: `http://127.0.0.1:${port}` }));
    }
    const heartbeats: string[] = [];
    for (let i = 1; i <= options.workers; i++) {
      const heartbeat = join(prefix, `dispatcher-${i}.alive`);
      const worker = launch(`dispatcher-${i}`, process.execPath, [dispatcherMain], {
        ...shared,
        DISPATCHER_HEARTBEAT_FILE: heartbeat,
        ...options.workerEnv,
      });
      cluster.workers.push(worker);
      heartbeats.push(heartbeat);
    }
    await Promise.all([
      ...cluster.workers.map((worker, i) =>
        waitUntil(
          worker.name,
          deadline,
          () => Promise.resolve(existsSync(heartbeats[i] ?? '')),
          () => tail(worker.name),
        ),
      ),
      ...cluster.apiNodes.map((node) =>
        waitUntil(
          node.name,
          deadline,
          () => answers(`${node.url}/api/health`),
          () => tail(node.name),
        ),
      ),
    ]);

    const conf = join(prefix, 'nginx.conf');
    writeFileSync(
      conf,
      nginxConfig(readFileSync(template, 'utf8'), {
        prefix,
        port: nginxPort,
        nodes: ids.map((id) => ({ id, port: ports.get(id) ?? 0 })),
        ...(asRoot ? { user: 'nobody nogroup' } : {}),
      }),
    );
    cluster.nginx = launch(
      'nginx',
      NGINX_BIN,
      ['-c', conf, '-p', `${prefix}/`, '-e', join(prefix, 'error.log')],
      {},
    );
    const nginxError = () => {
      const log = join(prefix, 'error.log');
      return `${tail('nginx')}\n${existsSync(log) ? readFileSync(log, 'utf8') : ''}`;
    };
    await waitUntil('nginx', deadline, () => answers(`${url}/api/health`), nginxError);
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
