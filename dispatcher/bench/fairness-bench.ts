// Territory fairness on simulated days in Helsinki with an undersized fleet: the same demand and
// seeds dispatched with the fairness priorities off, then on, printed side by side, with the
// day-by-day paired difference of service rate and its 95 % interval. Days run in worker threads.
//   npm run bench:fairness [-- --days <n>] [--seed <n>] [--workers <n>] [--vehicles <n>] [--hours <n>]
//                          [--zone-weight <s>] [--waiting-weight <s>] [--load-weight <s>]
//                          [--yield-margin <0..1>] [--yield-share <0..1>]
//                          [--rebalance] [--follow-rate <0..1>] [--rebalance-gain <x>] [--max-travel <s>]
//                          [--horizon <s>] [--min-gain <x>] [--no-recall]
//                          [--off-cache <file>]   (tuning: the fairness-off days, read back when run before)
//                          [--by-hour]   (refusals per zone and hour of asking, off / on)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { machineFloorMs } from './floor.js';
import { summarise, type DayOptions, type DayTally } from './sim/day.js';
import type { DayBatch } from './sim/day-worker.js';
import { pairedDifference } from './sim/paired.js';
import { HELSINKI_FALLBACK, townFromGeoJson, type TerritoryFeature, type Town } from './sim/zones.js';
import { DEFAULT_WEIGHTS } from '../src/rules/community-hooks.js';
import { DEFAULT_HOLD } from '../src/rules/fair-hold.js';
import { DEFAULT_REBALANCE } from '@navette/sql';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const days = option('--days', 192);
const seed = option('--seed', 1);
const workers = Math.max(1, Math.min(days, option('--workers', availableParallelism())));
const weights = {
  ...DEFAULT_WEIGHTS,
  zone: option('--zone-weight', DEFAULT_WEIGHTS.zone),
  waiting: option('--waiting-weight', DEFAULT_WEIGHTS.waiting),
  load: option('--load-weight', DEFAULT_WEIGHTS.load),
};
const hold = {
  margin: option('--yield-margin', DEFAULT_HOLD.margin),
  share: option('--yield-share', DEFAULT_HOLD.share),
};
const rebalance = args.includes('--rebalance')
  ? {
      options: {
        gain: option('--rebalance-gain', DEFAULT_REBALANCE.gain),
        maxTravelSeconds: option('--max-travel', DEFAULT_REBALANCE.maxTravelSeconds),
        horizonSeconds: option('--horizon', DEFAULT_REBALANCE.horizonSeconds),
        minGain: option('--min-gain', DEFAULT_REBALANCE.minGain),
        // The recall of drivers beyond reach (ADR 0034, 2026-12-07); --no-recall: the worth rule alone.
        recall: args.includes('--no-recall') ? undefined : DEFAULT_REBALANCE.recall,
      },
      followRate: option('--follow-rate', 0.7),
    }
  : undefined;

/** The demo town's neighbourhoods (infra/seeds), or built-in discs when the file is absent. */
function helsinki(): Town {
  const path = new URL('../../../infra/seeds/helsinki-territories.geojson', import.meta.url);
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as { features: TerritoryFeature[] };
    return townFromGeoJson(file.features);
  } catch {
    return HELSINKI_FALLBACK;
  }
}

const town = helsinki();
const shared: Omit<DayOptions, 'seed' | 'fairness'> = {
  town,
  vehicles: option('--vehicles', 11),
  hours: option('--hours', 12),
  outboundShare: option('--outbound', 0.1),
  zoneRateWindowSeconds: 60 * option('--zone-window', 720),
  weights,
  hold,
  rebalance,
};

/** The days from `seed` on, spread over the workers; tallies in seed order. */
async function run(fairness: boolean): Promise<DayTally[]> {
  const seeds = Array.from({ length: days }, (_, d) => seed + d);
  const shares = Array.from({ length: workers }, (_, w) => seeds.filter((_, i) => i % workers === w));
  const parts = await Promise.all(
    shares.map(
      (share) =>
        new Promise<DayTally[]>((resolve, reject) => {
          const batch: DayBatch = { options: { ...shared, fairness }, seeds: share };
          const worker = new Worker(new URL('./sim/day-worker.js', import.meta.url), { workerData: batch });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return seeds.map((_, i) => parts[i % workers]![Math.floor(i / workers)]!);
}

const floor = machineFloorMs();
console.log(`machine floor: ${floor.toFixed(0)} ms for 50 M xorshift steps (node ${process.version})`);
const demand = town.zones.reduce((s, z) => s + z.requestsPerHour, 0);
console.log(
  `${town.name}: ${town.zones.length} neighbourhoods, ${demand} requests/h, ${shared.vehicles} vehicles (4 seats), ` +
    `${days} day(s) of ${shared.hours} h from seed ${seed} on ${workers} worker(s), 30 s batches, refused after 15 min`,
);
console.log(
  `weights (s): zone ${weights.zone}, waiting ${weights.waiting}, load ${weights.load}, trust ${weights.trustStep}, reach ${weights.reach}; ` +
    `a ride yields while its zone is served > ${hold.margin} better than the worst, for ≤ ${hold.share} of its wait`,
);
console.log(
  rebalance
    ? `rebalancing (on only): idle drivers suggested waiting spots, gain ${rebalance.options.gain}, ` +
        `at most ${rebalance.options.maxTravelSeconds} s away, horizon ${rebalance.options.horizonSeconds} s, ` +
        `min gain ${rebalance.options.minGain}, ` +
        (rebalance.options.recall
          ? `recall beyond ${rebalance.options.recall.reachSeconds} s while under ${rebalance.options.recall.perRequest} driver per expected request (from ≤ ${rebalance.options.recall.maxTravelSeconds} s), `
          : 'no recall, ') +
        `${rebalance.followRate} of suggestions followed\n`
    : 'no rebalancing: idle drivers drive home\n',
);

/**
 * The fairness-off days depend on the town, fleet, hours and seeds only (the weights, the hold and
 * rebalancing act with fairness on): when tuning, `--off-cache` keeps them between runs.
 */
let offSimulated = true;
async function offRun(): Promise<DayTally[]> {
  const at = args.indexOf('--off-cache');
  if (at < 0) return run(false);
  const path = args[at + 1]!;
  const key = JSON.stringify([
    shared.town.name,
    shared.vehicles,
    shared.hours,
    shared.outboundShare,
    seed,
    days,
  ]);
  const cached = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as { key: string; days: DayTally[] })
    : null;
  if (cached?.key === key) {
    console.log(`fairness-off days read back from ${path} (same town, fleet, hours and seeds)`);
    offSimulated = false;
    return cached.days;
  }
  const tallies = await run(false);
  writeFileSync(path, JSON.stringify({ key, days: tallies }));
  return tallies;
}

const started = performance.now();
const offDays = await offRun();
const onDays = await run(true);
const seconds = (performance.now() - started) / 1000;
const off = summarise(offDays);
const on = summarise(onDays);

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log('zone            requests  refused (off)  refused (on)');
for (const [i, z] of off.zones.entries()) {
  const o = on.zones[i]!;
  console.log(
    `${z.zone.padEnd(14)} ${String(z.requests).padStart(9)}  ${pct(z.refusalRate).padStart(13)}  ${pct(o.refusalRate).padStart(12)}`,
  );
}
if (args.includes('--by-hour')) {
  // Where and when the two runs differ: refusals per zone and hour of asking, summed over the days.
  const hours = offDays[0]?.zones[0]?.refusedByHour.length ?? 0;
  const byHour = (tallies: readonly DayTally[], zones: readonly number[]) =>
    Array.from({ length: hours }, (_, h) =>
      tallies.reduce((s, d) => s + zones.reduce((t, z) => t + d.zones[z]!.refusedByHour[h]!, 0), 0),
    );
  const line = (name: string, zones: readonly number[]) => {
    const [a, b] = [byHour(offDays, zones), byHour(onDays, zones)];
    const cells = a.map((x, h) => `${x}/${b[h]}(${b[h]! >= x ? '+' : ''}${b[h]! - x})`.padStart(12));
    console.log(`${name.padEnd(14)}${cells.join('')}`);
  };
  console.log('\nrefused per hour of asking, off / on (on − off)');
  console.log(
    `${'zone'.padEnd(14)}${Array.from({ length: hours }, (_, h) => `h${h}`.padStart(12)).join('')}`,
  );
  for (const [i, z] of off.zones.entries()) line(z.zone, [i]);
  line(
    'all',
    off.zones.map((_, i) => i),
  );
}
const row = (name: string, a: string, b: string) =>
  console.log(`${name.padEnd(38)} ${a.padStart(10)} ${b.padStart(10)}`);
console.log('');
row('', 'off', 'on');
row('requests', String(off.requests), String(on.requests));
row('service rate', pct(off.serviceRate), pct(on.serviceRate));
row('Gini of refusal rate across zones', off.refusalGini.toFixed(3), on.refusalGini.toFixed(3));
row('mean wait (min)', (off.meanWaitSeconds / 60).toFixed(1), (on.meanWaitSeconds / 60).toFixed(1));
row('mean ride time ÷ direct', off.meanRideOverDirect.toFixed(2), on.meanRideOverDirect.toFixed(2));
row('Gini of trips per driver ÷ availability', off.driverLoadGini.toFixed(3), on.driverLoadGini.toFixed(3));
row(
  'engine time per batch (ms)',
  (off.decideMs / off.batches).toFixed(1),
  (on.decideMs / on.batches).toFixed(1),
);
console.log(`\n${(offSimulated ? 2 : 1) * days} simulated days in ${seconds.toFixed(0)} s`);

const lost = off.serviceRate - on.serviceRate;
const paired = days >= 2 ? pairedDifference(offDays, onDays) : undefined;
const point = (x: number) => (100 * x).toFixed(2);
if (paired)
  console.log(
    `service rate, day by day on − off: mean ${point(paired.mean)} point, standard error ${point(paired.standardError)}, ` +
      `95 % interval ${point(paired.low)} to ${point(paired.high)}`,
  );
const farEnd = paired ? paired.low : -lost;
const checks = [
  [`Gini with fairness ≤ 0.10 (${on.refusalGini.toFixed(3)})`, on.refusalGini <= 0.1],
  [
    `Gini with fairness ≤ ½ of without (${on.refusalGini.toFixed(3)} vs ${(off.refusalGini / 2).toFixed(3)})`,
    on.refusalGini <= off.refusalGini / 2,
  ],
  [
    `service rate no lower than without at the 95 % interval's far end, ≥ −0.2 point (${point(farEnd)}${paired ? '' : ', one day: totals'})`,
    farEnd >= -0.002,
  ],
] as const;
console.log('');
for (const [name, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}`);
console.log(`target (issue 13): ${checks.every(([, ok]) => ok) ? 'met' : 'missed'}`);
