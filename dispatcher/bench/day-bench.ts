// A day of service (issue 13): the same demand dispatched by a taxi baseline (nearest idle vehicle,
// no pooling), by Navette as configured (the dispatcher's batch: pooling engine, community rules,
// one offer per driver, LNS), and planned offline with every request known in advance; in the demo
// town and in a synthetic city of a million inhabitants (in a worker thread, on the other core).
// Then the adaptive batching window (ADR 0029) against a fixed 2 s one on the same demo-town days.
//   npm run bench:day [-- --seed 1] [--city-requests 20000] [--no-city] [--offline-seconds 60]
//                     [--slice-seconds 10] [--days 12] [--paired-hours 4] [--town-scale 1] [--hours 18]
//                     [--paired-only] [--follow-rate 0.5] [--roads postgres://…/roads [--roads-table ways] [--at-stops]]
//                     [--lns-iterations-only] [--no-takeover | --takeover-lead 300 --takeover-gain 300
//                     [--takeover-late-after 600 --takeover-late-gain 120]]
//                     [--recall-per-request 0.75]
// --roads: the demo town driven on a road network in pgRouting (bench README, "With a road network").
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { Point } from '@navette/matching';
import { pgRoutingTravelTimes } from '../src/travel/pgrouting-travel-times.js';
import { loadRoadGraph } from './roads/road-graph.js';
import { TurningRoads } from './roads/turning-roads.js';
import type { CityJob } from './day/city-worker.js';
import { demoTownDay, onRoads, placesOf, type DayDemand } from './day/demand.js';
import {
  figures,
  forecastOf,
  offlinePlan,
  runDay,
  SERVES,
  sizeFleet,
  type SizingStep,
  type SliceRuns,
} from './day/experiments.js';
import type { DayRun } from './day/simulate.js';
import { DEFAULT_REBALANCE } from '@navette/sql';
import { DEFAULT_TAKEOVER } from '../src/batch/takeover.js';
import { machineFloorMs } from './floor.js';
import { pairedDifference } from './sim/paired.js';

const args = process.argv.slice(2);
/** The value after `name` on the command line, if `name` is there. */
const text = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const option = (name: string, fallback: number): number =>
  args.includes(name) ? Number(text(name)) : fallback;
const seed = option('--seed', 1);
const cityRequests = option('--city-requests', 20_000);
const pairedOnly = args.includes('--paired-only');
const withCity = !args.includes('--no-city') && !pairedOnly;
const offlineSeconds = option('--offline-seconds', 60);
const sliceSeconds = option('--slice-seconds', 10);
const days = option('--days', 12);
const hours = option('--hours', 18);
const pairedHours = Math.min(hours, option('--paired-hours', 4));
const townScale = option('--town-scale', 1);
// Idle Navette vehicles follow the service's waiting-spot suggestions (ADR 0034) at this rate; 0: they
// wait where they are, as if every driver ignored the app's suggestions. 0.5 by default: half of them
// followed, the rate the recall rule was chosen at (bench README, "Waiting spots").
const followRate = option('--follow-rate', 0.5);
const roadsUrl = text('--roads');
// On the roads, vehicles change course at the next vertex of their road; --at-stops: only at their next stop.
const atStops = args.includes('--at-stops');
// The batch's LNS stops after 50 ms of wall clock, as in the dispatcher, so figures move a little from
// run to run with the machine's load; --lns-iterations-only runs its 200 iterations in every batch:
// the same figures on every run, to compare two settings (bench README, "Same figures every run").
const improveMs = args.includes('--lns-iterations-only') ? Infinity : undefined;
// A driver who can be at a promised pickup sooner takes it over (ADR 0041), as the dispatcher does;
// --no-takeover: promises stay with their first driver, as before.
const takeover = args.includes('--no-takeover')
  ? null
  : {
      leadSeconds: option('--takeover-lead', DEFAULT_TAKEOVER.leadSeconds),
      minGainSeconds: option('--takeover-gain', DEFAULT_TAKEOVER.minGainSeconds),
      // A pickup promised later than --takeover-late-after seconds after it was asked goes to a driver
      // --takeover-late-gain sooner (default 120); without the flag, the dispatcher's default (none).
      late: args.includes('--takeover-late-after')
        ? {
            afterSeconds: option('--takeover-late-after', 600),
            gainSeconds: option('--takeover-late-gain', 120),
          }
        : DEFAULT_TAKEOVER.late,
    };

const started = performance.now();
const floor = machineFloorMs();
console.log(`machine floor: ${floor.toFixed(0)} ms for 50 M xorshift steps (node ${process.version})`);
if (improveMs === Infinity)
  console.log(
    'LNS: 200 iterations in every batch, no wall-clock cap (--lns-iterations-only): the same figures on every run',
  );

interface CityResult {
  requests: number;
  sizing: { vehicles: number; taxi: DayRun; steps: SizingStep[] };
  navette: DayRun;
  slices: SliceRuns[];
}
const city: Promise<CityResult> | undefined = withCity
  ? new Promise((resolve, reject) => {
      const job: CityJob = {
        seed,
        requests: cityRequests,
        hours,
        sliceSeconds,
        followRate,
        improveMs,
        takeover,
      };
      const worker = new Worker(new URL('./day/city-worker.js', import.meta.url), { workerData: job });
      worker.once('message', resolve);
      worker.once('error', reject);
    })
  : undefined;

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const min = (s: number) => (s / 60).toFixed(1);
const num = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const ROWS: [string, (r: DayRun) => string][] = [
  ['served share', (r) => pct(figures(r).servedShare)],
  ['wait p50 / p95 (min, rides)', (r) => `${min(figures(r).waitP50)} / ${min(figures(r).waitP95)}`],
  ['ride ÷ direct p50 / p95 (rides)', (r) => `${num(figures(r).rideP50)} / ${num(figures(r).rideP95)}`],
  ['vehicle-km per passenger-km', (r) => num(figures(r).vehicleKmPerPassengerKm, 3)],
  ['mean occupancy (trips aboard per km)', (r) => num(figures(r).occupancy)],
  ['vehicle-km / empty km', (r) => `${figures(r).vehicleKm.toFixed(0)} / ${figures(r).emptyKm.toFixed(0)}`],
  ['most trips aboard at once', (r) => String(r.maxAboard)],
  [
    'engine per batch p50 / p99 (ms)',
    (r) => (r.dispatch === 'offline' ? '–' : `${num(figures(r).batchP50Ms)} / ${num(figures(r).batchP99Ms)}`),
  ],
  ['engine for the whole run (s)', (r) => num(figures(r).engineSeconds, 1)],
  ['placements left out (a stop lost)', (r) => String(r.droppedPlacements)],
  ['promised pickups taken over (sooner)', (r) => String(r.takenOver)],
  ['km driven to waiting spots', (r) => (r.spotMeters / 1000).toFixed(0)],
];

/** Idle vehicles more than 15 min from every waiting spot, hour by hour (the cause of the demo town's evening misses). */
function strandedLine(title: string, run: DayRun): void {
  if (run.strandedByHour.length === 0) return;
  const hours = run.strandedByHour.map((n, h) => `${6 + h}h ${n}`).join(', ');
  console.log(
    `${title}: idle vehicles out of reach (> 15 min from every waiting spot) of ${run.vehicles}: ${hours}`,
  );
}

function table(title: string, runs: DayRun[], heads: string[]): void {
  console.log(`\n${title}`);
  console.log(`${''.padEnd(38)}${heads.map((h) => h.padStart(16)).join('')}`);
  for (const [name, cell] of ROWS)
    console.log(`${name.padEnd(38)}${runs.map((r) => cell(r).padStart(16)).join('')}`);
}

function sizingLine(steps: SizingStep[], vehicles: number): string {
  const tried = steps
    .map((s) => `${s.vehicles}: ${pct(s.servedShare)}, p95 ${min(s.waitP95)} min`)
    .join('; ');
  return `fleet ${vehicles}, the smallest on the ladder with which the taxi baseline serves ≥ ${pct(SERVES.share)} with a wait p95 ≤ ${SERVES.waitP95Seconds / 60} min (${tried})`;
}

/** The requests a dispatch never served, and why its last decision left each out (at most `most`). */
function refusals(title: string, run: DayRun, most = 10): void {
  if (run.refused.length === 0) return;
  console.log(`${title}: ${run.refused.length} refused`);
  for (const r of run.refused.slice(0, most)) {
    const clock = new Date((6 * 3600 + r.askedAt) * 1000).toISOString().slice(11, 19);
    console.log(
      `  ${r.id} (${r.kind}) asked ${clock} in ${r.zone}, direct ${min(r.directSeconds)} min: ${r.why}`,
    );
  }
}

const verdicts: [string, boolean][] = [];
/** The targets on one town: Navette against the taxi baseline on the same demand and fleet. */
function judge(town: string, taxi: DayRun, navette: DayRun): void {
  const t = figures(taxi);
  const n = figures(navette);
  verdicts.push(
    [
      `${town}: vehicle-km per passenger-km ≤ 0.70 × taxi (${num(n.vehicleKmPerPassengerKm, 3)} vs ${num(0.7 * t.vehicleKmPerPassengerKm, 3)}) at an equal or better served share (${pct(n.servedShare)} vs ${pct(t.servedShare)})`,
      n.vehicleKmPerPassengerKm <= 0.7 * t.vehicleKmPerPassengerKm && n.servedShare >= t.servedShare,
    ],
    [`${town}: wait p95 ≤ 10 min (${min(n.waitP95)} min)`, n.waitP95 <= 600],
    [`${town}: ride ≤ 1.5 × direct at p95 (${num(n.rideP95)})`, n.rideP95 <= 1.5],
  );
}

// 1. The demo town, and the days of the adaptive-window comparison (2.), on the roads if given.
let town: DayDemand = demoTownDay(seed, townScale, hours);
let pairedDays = Array.from({ length: days }, (_, d) => demoTownDay(seed + d, townScale, pairedHours));
if (roadsUrl) {
  const roadsStarted = performance.now();
  const client = new pg.Client({ connectionString: roadsUrl });
  await client.connect();
  // The town's own day too with --paired-only: the fleet is sized on it.
  const places = [...placesOf(town), ...pairedDays.flatMap(placesOf)];
  const edges = text('--roads-table') ?? 'ways';
  const [table, graph] = await Promise.all([
    pgRoutingTravelTimes(client, places, { edges }),
    atStops ? undefined : loadRoadGraph(client, { edges }),
  ]).finally(() => client.end());
  const where = new URL(roadsUrl);
  console.log(
    `travel: the demo town on the road network of ${where.host}${where.pathname} (pgRouting): ${places.length} places ` +
      `snapped to ${table.vertexCount} vertices, their road tables read in ${((performance.now() - roadsStarted) / 1000).toFixed(1)} s; ` +
      (graph
        ? `vehicles turn at the next vertex of their road (${graph.vertices.length} vertices in memory)`
        : 'vehicles turn only at their next stop (--at-stops)') +
      (withCity ? '; the city on the straight-line model' : ''),
  );
  const turning = graph && new TurningRoads(table, graph);
  const roads = turning ?? table;
  const turn = turning && ((from: Point, to: Point, elapsed: number) => turning.turn(from, to, elapsed));
  town = onRoads(town, roads, turn);
  pairedDays = pairedDays.map((day) => onRoads(day, roads, turn));
} else
  console.log('travel: the straight-line model (great circle × 1.3 at 30 km/h); --roads for a road network');
const sized = sizeFleet(town, seed);
// The rota's forecast: the mean of 4 past days (other seeds) per zone and hour.
const rebalancing = {
  followRate,
  forecast: forecastOf([1, 2, 3, 4].map((w) => demoTownDay(seed + 1000 * w, townScale, hours))),
  options: {
    ...DEFAULT_REBALANCE,
    recall: {
      ...DEFAULT_REBALANCE.recall!,
      perRequest: option('--recall-per-request', DEFAULT_REBALANCE.recall!.perRequest),
    },
  },
};
const bound = (n: DayRun, o: DayRun) =>
  `Navette's vehicle-km per passenger-km is ${num(figures(n).vehicleKmPerPassengerKm / figures(o).vehicleKmPerPassengerKm, 3)} × the offline plan's ` +
  `(served ${pct(figures(n).servedShare)} vs ${pct(figures(o).servedShare)})`;
// --paired-only: just the fleet and the adaptive-vs-fixed days (to add days without the rest).
if (!pairedOnly) {
  const navette = runDay(town, 'navette', sized.vehicles, seed, { rebalancing, improveMs, takeover });
  const offline = offlinePlan(town, sized.vehicles, seed, offlineSeconds);
  console.log(
    `\n${town.name}: ${town.requests.length} requests over ${town.seconds / 3600} h from 06:00 (peaks at 8 and 17), ` +
      `${town.requests.filter((d) => d.request.kind === 'task').length} of them tasks; ${sizingLine(sized.steps, sized.vehicles)}`,
  );
  console.log(
    followRate > 0
      ? `idle Navette vehicles follow the service's waiting-spot suggestions (DEFAULT_REBALANCE, forecast: 4 past days) at ${followRate}; the taxi's wait where they are`
      : "idle vehicles wait where they are (--follow-rate > 0: Navette's follow the waiting-spot suggestions)",
  );
  table(`${town.name}, seed ${seed}`, [sized.taxi, navette, offline], ['taxi', 'Navette', 'offline']);
  judge(town.name, sized.taxi, navette);
  refusals('taxi', sized.taxi);
  refusals('Navette', navette);
  strandedLine('taxi', sized.taxi);
  strandedLine('Navette', navette);
  console.log(`distance from the offline plan (${offlineSeconds} s of ALNS): ${bound(navette, offline)}`);
}

// 2. Adaptive against fixed window, the same demo-town days.
const fixed = pairedDays.map((day, d) =>
  runDay(day, 'navette', sized.vehicles, seed + d, { adaptive: false, improveMs, takeover }),
);
const adaptive = pairedDays.map((day, d) =>
  runDay(day, 'navette', sized.vehicles, seed + d, { improveMs, takeover }),
);
console.log(
  `\nadaptive window (50 ms alone → 2 s at 20 req/s) against a fixed 2 s window: ${days} demo-town days of ${pairedHours} h ` +
    `(seeds ${seed}–${seed + days - 1}), ${sized.vehicles} vehicles; adaptive − fixed, day by day, mean and 95 % interval`,
);
const measures: [string, (r: DayRun) => number, (x: number) => string][] = [
  ['vehicle-km per passenger-km', (r) => figures(r).vehicleKmPerPassengerKm, (x) => x.toFixed(4)],
  ['mean occupancy', (r) => figures(r).occupancy, (x) => x.toFixed(4)],
  ['served share (point)', (r) => 100 * figures(r).servedShare, (x) => x.toFixed(2)],
  ['wait p50 (min)', (r) => figures(r).waitP50 / 60, (x) => x.toFixed(2)],
  ['wait p95 (min)', (r) => figures(r).waitP95 / 60, (x) => x.toFixed(2)],
  ['batches per day', (r) => r.batchMs.length, (x) => x.toFixed(0)],
];
for (const [name, measure, show] of measures) {
  const d = pairedDifference(fixed, adaptive, measure);
  const mean = (runs: DayRun[]) => runs.reduce((s, r) => s + measure(r), 0) / runs.length;
  console.log(
    `${name.padEnd(30)} fixed ${show(mean(fixed)).padStart(8)}  adaptive ${show(mean(adaptive)).padStart(8)}  ` +
      `difference ${show(d.mean)} (${show(d.low)} … ${show(d.high)})`,
  );
}
const vkm = pairedDifference(fixed, adaptive, (r) => figures(r).vehicleKmPerPassengerKm);
const vkmFixed = fixed.reduce((s, r) => s + figures(r).vehicleKmPerPassengerKm, 0) / fixed.length;
const served = pairedDifference(fixed, adaptive, (r) => figures(r).servedShare);
verdicts.push([
  `adaptive window loses no pooling quality: the interval's far end of vehicle-km per passenger-km within 1 % of the fixed window's ` +
    `(${num((100 * vkm.high) / vkmFixed)} %) and of served share within 0.5 point (${num(-100 * served.low)})`,
  vkm.high <= 0.01 * vkmFixed && -served.low <= 0.005,
]);

// 3. The city (from the worker).
if (city) {
  const c = await city;
  console.log(
    `\ncity of 1 M (16 km × 16 km, 16 districts): ${c.requests} requests over ${hours} h; ${sizingLine(c.sizing.steps, c.sizing.vehicles)}`,
  );
  table(`city, seed ${seed}`, [c.sizing.taxi, c.navette], ['taxi', 'Navette']);
  judge('city', c.sizing.taxi, c.navette);
  refusals('city, taxi', c.sizing.taxi);
  refusals('city, Navette', c.navette);
  strandedLine('city, taxi', c.sizing.taxi);
  strandedLine('city, Navette', c.navette);
  const engine = figures(c.navette).engineSeconds;
  console.log(
    `city day: engine ${engine.toFixed(0)} s on one core for ${c.navette.simulatedSeconds / 3600} h of service ` +
      `(${(c.navette.simulatedSeconds / engine).toFixed(0)}× faster than real time), ${c.navette.batchMs.length} batches`,
  );
  verdicts.push([
    `city: the day planned faster than real time on one core, engine only (${engine.toFixed(0)} s for ${c.navette.simulatedSeconds} s)`,
    engine < c.navette.simulatedSeconds,
  ]);
  for (const s of c.slices) {
    table(
      `city slice ${s.label}: ${s.requests} requests, ${s.vehicles} vehicles (the city's fleet × the slice's share of the hour)`,
      [s.taxi, s.navette, s.offline],
      ['taxi', 'Navette', 'offline'],
    );
    console.log(`distance from the offline plan (${sliceSeconds} s of ALNS): ${bound(s.navette, s.offline)}`);
  }
}

console.log('');
for (const [name, ok] of verdicts) console.log(`${ok ? 'MET   ' : 'MISSED'}  ${name}`);
console.log(`\nbench:day ran in ${((performance.now() - started) / 1000).toFixed(0)} s`);
