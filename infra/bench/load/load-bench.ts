// `npm run bench:load`: the real stack (API, dispatcher, PostgreSQL/PostGIS, Redis) under rising
// load: simulated drivers as socket.io clients in worker threads, riders posting at stepped rates,
// latencies joined by ride, CPU and memory of every process, the floors measured in the same run,
// and the verdicts against issue 12's targets. See infra/adr/0030-capacity.md.
import type { DriversMoved, TerritoryCollection } from '@navette/contracts';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { io } from 'socket.io-client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seeds/demo-seed.js';
import { BENCH_PASSWORD, createBenchAccounts } from './bench-accounts.js';
import { Collector } from './collector.js';
import { DatabaseWaits } from './database-waits.js';
import { counterDelta, readDispatcherCounters, type DispatcherCounters } from './dispatcher-metrics.js';
import { measureFloors } from './floors.js';
import { callApi, logIn } from './http-client.js';
import { now, positionKey, type FromThread } from './messages.js';
import { ProcessSampler } from './process-sampler.js';
import { QueueWatch } from './queue-watch.js';
import { socketOwners } from './socket-owners.js';
import {
  printComparison,
  printReport,
  saturation,
  stepResult,
  verdicts,
  type StepResult,
  type StepWindow,
} from './report.js';
import { BENCH_RATE_LIMITS, startNodes, startOneNode, type RunningStack } from './stack-launcher.js';

interface Options {
  drivers: number;
  riders: number;
  steps: number[];
  stepSeconds: number;
  driverThreads: number;
  positionEverySeconds: number;
  tripSeconds: number;
  drainSeconds: number;
  apiNodes: number;
  workers: number;
}

function options(argv: string[]): Options {
  const value = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
  };
  const number = (name: string, fallback: number) => {
    const n = Number(value(name, String(fallback)));
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number`);
    return n;
  };
  return {
    drivers: number('drivers', 5000),
    riders: number('riders', 400),
    steps: value('steps', '1,10,25,50,100,200,400').split(',').map(Number),
    stepSeconds: number('step-seconds', 30),
    driverThreads: Math.max(1, number('driver-threads', 2)),
    positionEverySeconds: number('position-every', 5),
    tripSeconds: number('trip-seconds', 8),
    drainSeconds: number('drain-seconds', 5),
    apiNodes: Math.max(1, number('api-nodes', 1)),
    workers: Math.max(1, number('workers', 1)),
  };
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Starts a thread; resolves once it said it is ready (its members online). */
function thread(file: string, data: unknown, collector: Collector) {
  const worker = new Worker(new URL(file, import.meta.url), { workerData: data });
  const done = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const ready = new Promise<{ online: number; failed: string[] }>((resolve, reject) => {
    worker.on('message', (message: FromThread) => {
      if (message.type === 'records') collector.add(worker, message, now());
      if (message.type === 'ready') resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
  });
  return {
    worker,
    ready,
    stop: async () => {
      worker.postMessage({ type: 'stop' });
      await Promise.race([done, sleep(10_000).then(() => worker.terminate())]);
    },
  };
}

async function neighbourhoods(baseUrl: string): Promise<[number, number][][]> {
  const { body } = await callApi<TerritoryCollection>(baseUrl, 'GET', '/api/territories');
  const rings = (body?.features ?? [])
    .filter((f) => f.properties.level === 'neighbourhood')
    .map((f) =>
      f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : f.geometry.coordinates[0]![0]!,
    );
  if (rings.length === 0) throw new Error('no neighbourhoods: the demo seed is missing');
  return rings;
}

/**
 * Table statistics as a service that has run a while has them. Autovacuum analyses a table only
 * after enough of it changed and its next round (a minute apart), and the bench fills the tables
 * within a minute: the planner still believed the driver tables nearly empty, and the batch's read
 * of 5,000 drivers ran by nested loops in 40–70 ms where it takes ~20 ms with statistics.
 */
async function analyse(databaseUrl: string): Promise<number> {
  const started = now();
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-load-analyse' });
  await client.connect();
  try {
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
  return now() - started;
}

/** One whole run on one stack: floors, drivers and riders online, the steps, the report. */
export async function runOnce(o: Options, stack: RunningStack): Promise<StepResult[]> {
  const accounts = await createBenchAccounts(stack.databaseUrl, { riders: o.riders, drivers: o.drivers });
  const floors = await measureFloors(stack.databaseUrl, redisUrl, `${stack.queuePrefix}-floor`);
  const collector = new Collector();
  const sampler = new ProcessSampler([
    ...stack.processes,
    [
      'PostgreSQL backends',
      (p) => p.cmdline.startsWith('postgres: ') && p.cmdline.includes(` ${stack.databaseName} `),
    ],
    ['Redis (shared)', (p) => p.cmdline.startsWith('redis-server')],
    ['load generator', (p) => p.pid === process.pid],
  ]);
  const queue = new QueueWatch(redisUrl, stack.queuePrefix);
  const pools = stack.processes.map(([name]) => name);
  const waits = new DatabaseWaits(stack.databaseUrl, () =>
    socketOwners(pools.map((name) => [name, sampler.members.get(name) ?? []])),
  );
  sampler.start();
  await queue.start();
  await waits.start();
  const gauges = setInterval(() => collector.sampleDrivers(now()), 1000);

  const coordinator = await logIn(stack.baseUrl, DEMO_ACCOUNTS.coordinator, DEMO_PASSWORD);
  const map = io(stack.baseUrl, { auth: { token: coordinator.token }, transports: ['websocket'] });
  map.on('drivers:moved', ({ moves }: DriversMoved) => {
    const at = now();
    for (const moved of moves) collector.seen(positionKey(moved.driverId, moved.position), at);
  });

  const areas = await neighbourhoods(stack.baseUrl);
  const started = now();
  const share = Math.ceil(accounts.drivers.length / o.driverThreads);
  const drivers = Array.from({ length: o.driverThreads }, (_, i) =>
    thread(
      './drivers.js',
      {
        type: 'start',
        baseUrl: stack.baseUrl,
        password: BENCH_PASSWORD,
        emails: accounts.drivers.slice(i * share, (i + 1) * share),
        positionEveryMs: o.positionEverySeconds * 1000,
        tripMs: o.tripSeconds * 1000,
        areas,
        seed: 100 + i,
      },
      collector,
    ),
  );
  const riders = thread(
    './riders.js',
    {
      type: 'start',
      baseUrl: stack.baseUrl,
      password: BENCH_PASSWORD,
      emails: accounts.riders,
      areas,
      seed: 7,
    },
    collector,
  );
  const ready = await Promise.all([...drivers.map((d) => d.ready), riders.ready]);
  const failed = ready.flatMap((r) => r.failed);
  out(
    `online in ${((now() - started) / 1000).toFixed(1)} s: ${ready.slice(0, -1).reduce((s, r) => s + r.online, 0)} drivers on shift, ` +
      `${ready.at(-1)!.online} riders${failed.length ? `; ${failed.length} failed, e.g. ${failed[0]}` : ''}`,
  );
  await sleep(Math.min(5000, o.positionEverySeconds * 1000)); // every driver reported once
  out(`tables analysed in ${((await analyse(stack.databaseUrl)) / 1000).toFixed(1)} s`);

  const windows: StepWindow[] = [];
  const counters: DispatcherCounters[] = [];
  const read = () => readDispatcherCounters(stack.dispatcherMetrics);
  for (const rate of o.steps) {
    const before = await read();
    const from = now();
    riders.worker.postMessage({ type: 'rate', perSecond: rate });
    await sleep(o.stepSeconds * 1000);
    const to = now();
    windows.push({ rate, from, to });
    counters.push(counterDelta(before, await read()));
    out(`step ${rate} req/s done: ${collector.offers.size} rides offered so far`);
  }
  riders.worker.postMessage({ type: 'rate', perSecond: 0 });
  await sleep(o.drainSeconds * 1000);
  map.close();
  await Promise.all([...drivers.map((d) => d.stop()), riders.stop()]);
  clearInterval(gauges);
  sampler.stop();
  await queue.stop();
  await waits.stop();

  const steps = windows.map((w, i) =>
    stepResult(
      w,
      collector,
      queue.windows,
      queue.retried,
      counters[i]!,
      queue.depth,
      sampler.use(w.from, w.to),
      waits.samples,
      stack.poolSizes,
    ),
  );
  printReport(out, floors, steps, verdicts(steps, o.drivers), saturation(steps));
  const end = windows.at(-1)?.to ?? 0;
  const late = new Map<string, number>();
  for (const [at, kind, n] of collector.errors) if (at >= end) late.set(kind, (late.get(kind) ?? 0) + n);
  out(
    `\nerrors after the last step (during the drain, and requests never answered): ${[...late].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`,
  );
  return steps;
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  out(
    `bench:load — ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  out(
    'the machine is shared with other work: figures are noisy, the machine line of each step shows how busy it was',
  );
  out(
    `drivers ${o.drivers} (${o.driverThreads} threads, a position every ${o.positionEverySeconds} s, trips of ${o.tripSeconds} s), riders ${o.riders}, ` +
      `steps ${o.steps.join(', ')} req/s × ${o.stepSeconds} s`,
  );
  out(
    `rate limits raised for the bench: ${Object.entries(BENCH_RATE_LIMITS)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  const one = await measured(o, 'one API node and one dispatcher (infra/scripts/start.mjs)', () =>
    startOneNode({ serverUrl, redisUrl }),
  );
  if (o.apiNodes === 1 && o.workers === 1) return;
  const many = await measured(
    o,
    `${o.apiNodes} API nodes and ${o.workers} dispatchers behind nginx (infra/scale)`,
    () => startNodes({ serverUrl, redisUrl, apiNodes: o.apiNodes, workers: o.workers }),
  );
  printComparison(out, `${o.apiNodes} nodes, ${o.workers} workers`, one, many);
}

/** Starts a stack, runs the steps on it, stops it. */
async function measured(
  o: Options,
  what: string,
  launch: () => Promise<RunningStack>,
): Promise<StepResult[]> {
  out(`\n##### ${what}`);
  const launched = now();
  const stack = await launch();
  out(
    `up in ${((now() - launched) / 1000).toFixed(1)} s at ${stack.baseUrl}, ` +
      `database ${stack.databaseName}, queue prefix ${stack.queuePrefix}`,
  );
  try {
    return await runOnce(o, stack);
  } finally {
    const stopping = now();
    await stack.stop();
    out(`\nstack stopped, its database and queues removed, in ${((now() - stopping) / 1000).toFixed(1)} s`);
  }
}

await main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
