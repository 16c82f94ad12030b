// The real stack for bench:load, as `npm start` starts it (infra/scripts/start.mjs: migrations,
// the demo seed, the API and the dispatcher as processes of their own), on a fresh database of
// the DATABASE_URL server and a unique queue prefix in the REDIS_URL Redis, so that it never
// touches other data; both are removed afterwards.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, startCluster } from '../../scale/cluster.js';
import { createScratchDatabase, type ScratchDatabase } from '../../testing/scratch-database.js';
import { descendsFrom, type Selector } from './process-sampler.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The dispatcher's jobs at once; its pool is that plus 2 (dispatcher/src/dispatcher.ts). */
const DISPATCHER_CONCURRENCY = 8;
/** Rate limits raised for the bench (per minute): one address logs in thousands of members. */
export const BENCH_RATE_LIMITS = {
  RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
  RATE_LIMIT_LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE: '1000000',
  RATE_LIMIT_RIDES_PER_MINUTE: '1000000',
  RATE_LIMIT_POSITIONS_PER_MINUTE: '1000000',
  RATE_LIMIT_SOCKET_COMMANDS_PER_MINUTE: '1000000',
  RATE_LIMIT_MEMBER_COMMANDS_PER_MINUTE: '1000000',
};
const STACK_ENV = { ...BENCH_RATE_LIMITS, DISPATCHER_CONCURRENCY: String(DISPATCHER_CONCURRENCY) };

export interface RunningStack {
  /** Where clients connect (the API node, or the proxy in front of several). */
  baseUrl: string;
  databaseUrl: string;
  databaseName: string;
  queuePrefix: string;
  dispatcherMetrics: string[];
  /** The processes to sample, by name. */
  processes: [name: string, selector: Selector][];
  /** The most PostgreSQL connections each process group may hold (its pools' sizes, summed). */
  poolSizes: Record<string, number>;
  stop(): Promise<void>;
}

/** The API's pool (`createDataSource`'s default, api/src/database/data-source.ts). */
const API_POOL = 10;
const poolSizes = (apiNodes: number, workers: number) => ({
  API: API_POOL * apiNodes,
  dispatcher: (DISPATCHER_CONCURRENCY + 2) * workers,
});

/** Removes every Redis key of the run's queue prefix. */
export async function dropQueues(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function waitForLine(child: ChildProcess, pattern: RegExp, seconds: number): Promise<void> {
  const tail: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`stack not up in ${seconds} s:\n${tail.join('\n')}`)),
      seconds * 1000,
    );
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        tail.push(line);
        if (tail.length > 30) tail.shift();
        if (!pattern.test(line)) continue;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited (${code}):\n${tail.join('\n')}`));
    });
  });
}

/** One API node and one dispatcher, through `infra/scripts/start.mjs`. */
export async function startOneNode(options: {
  serverUrl: string;
  redisUrl: string;
  env?: Record<string, string>;
}): Promise<RunningStack> {
  const database: ScratchDatabase = await createScratchDatabase(options.serverUrl, 'navette_load');
  const queuePrefix = `bench-load-${randomBytes(4).toString('hex')}`;
  const [port, metricsPort] = [await freePort(), await freePort()];
  const launcher = spawn(process.execPath, [join(root, 'infra', 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      ...STACK_ENV,
      DATABASE_URL: database.url,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: queuePrefix,
      PORT: String(port),
      JWT_SECRET: randomBytes(32).toString('base64url'),
      DISPATCHER_METRICS_PORT: String(metricsPort),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => launcher.once('exit', resolve));
  const stop = async () => {
    if (launcher.exitCode === null && launcher.signalCode === null) {
      launcher.kill('SIGTERM');
      const timer = setTimeout(() => launcher.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await database.drop();
    await dropQueues(options.redisUrl, queuePrefix);
  };
  try {
    await waitForLine(launcher, /Navette is up/, 120);
  } catch (error) {
    await stop();
    throw error;
  }
  // Once up, its output is not read any more; drained so that a full pipe never blocks it.
  launcher.stdout.resume();
  launcher.stderr.resume();
  const under = descendsFrom(launcher.pid!);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    databaseUrl: database.url,
    databaseName: database.name,
    queuePrefix,
    dispatcherMetrics: [`http://127.0.0.1:${metricsPort}/metrics`],
    processes: [
      ['API', (p, all) => p.cmdline.includes('api/dist/src/main.js') && under(p, all)],
      ['dispatcher', (p, all) => p.cmdline.includes('dispatcher/dist/src/main.js') && under(p, all)],
    ],
    poolSizes: poolSizes(1, 1),
    stop,
  };
}

/**
 * `apiNodes` API processes and `workers` dispatchers behind Debian's nginx (infra/scale, ADR 0032),
 * on a database migrated and seeded by the same CLIs `npm start` runs. Each API node counts its
 * own arrivals for the adaptive window (ADR 0029), so its full-at rate is divided by the nodes.
 */
export async function startNodes(options: {
  serverUrl: string;
  redisUrl: string;
  apiNodes: number;
  workers: number;
}): Promise<RunningStack> {
  const database = await createScratchDatabase(options.serverUrl, 'navette_load');
  const queuePrefix = `bench-load-${randomBytes(4).toString('hex')}`;
  const drop = async () => {
    await database.drop();
    await dropQueues(options.redisUrl, queuePrefix);
  };
  const metrics = new Set<string>();
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  try {
    const env = { ...process.env, DATABASE_URL: database.url };
    for (const cli of ['api/dist/src/cli/migrate.js', 'infra/dist/seeds/seed-cli.js'])
      await promisify(execFile)(process.execPath, [join(root, cli)], { cwd: root, env });
    cluster = await startCluster({
      apiNodes: options.apiNodes,
      workers: options.workers,
      databaseUrl: database.url,
      redisUrl: options.redisUrl,
      queuePrefix,
      env: {
        ...BENCH_RATE_LIMITS,
        BATCH_WINDOW_FULL_AT: String(Math.max(1, Math.round(20 / options.apiNodes))),
      },
      workerEnv: { DISPATCHER_METRICS_PORT: '0' },
      // A shared, busy machine can take minutes to start four Node processes.
      readyTimeoutMs: 180_000,
      // Each dispatcher says where it serves its metrics when it is ready.
      log: (_, line) => {
        const url = /"metrics":"(http:[^"]+)"/.exec(line)?.[1];
        if (url) metrics.add(url);
      },
    });
  } catch (error) {
    await drop();
    throw error;
  }
  const pids = (list: { pid: number }[]) => new Set(list.map((p) => p.pid));
  const [api, dispatchers] = [pids(cluster.apiNodes), pids(cluster.workers)];
  const nginx = descendsFrom(cluster.nginx.pid);
  return {
    baseUrl: cluster.url,
    databaseUrl: database.url,
    databaseName: database.name,
    queuePrefix,
    dispatcherMetrics: [...metrics],
    processes: [
      ['API', (p) => api.has(p.pid)],
      ['dispatcher', (p) => dispatchers.has(p.pid)],
      ['nginx', nginx],
    ],
    poolSizes: poolSizes(options.apiNodes, options.workers),
    async stop() {
      await cluster.stop();
      await drop();
    },
  };
}
