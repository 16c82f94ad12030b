// Territory fairness on simulated days in Helsinki with an undersized fleet: the same demand and
// seeds dispatched with the fairness priorities off, then on, printed side by side.
//   npm run bench:fairness [-- --vehicles <n>] [--hours <n>] [--days <n>] [--seed <n>]
//                          [--zone-weight <s>] [--waiting-weight <s>] [--load-weight <s>]
//                          [--yield-margin <0..1>] [--yield-share <0..1>]
import { readFileSync } from 'node:fs';
import { machineFloorMs } from './floor.js';
import { simulateDay, summarise, type DaySummary } from './sim/day.js';
import { HELSINKI_FALLBACK, townFromGeoJson, type TerritoryFeature, type Town } from './sim/zones.js';
import { DEFAULT_WEIGHTS } from '../src/rules/community-hooks.js';
import { DEFAULT_HOLD } from '../src/rules/fair-hold.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const vehicles = option('--vehicles', 11);
const hours = option('--hours', 12);
const days = option('--days', 24);
const seed = option('--seed', 1);
const outboundShare = option('--outbound', 0.1);
const zoneRateWindowSeconds = 60 * option('--zone-window', 720);
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

const floor = machineFloorMs();
console.log(`machine floor: ${floor.toFixed(0)} ms for 50 M xorshift steps (node ${process.version})`);
const town = helsinki();
const demand = town.zones.reduce((s, z) => s + z.requestsPerHour, 0);
console.log(
  `${town.name}: ${town.zones.length} neighbourhoods, ${demand} requests/h, ${vehicles} vehicles (4 seats), ` +
    `${days} day(s) of ${hours} h from seed ${seed}, 30 s batches, refused after 15 min`,
);
console.log(
  `weights (s): zone ${weights.zone}, waiting ${weights.waiting}, load ${weights.load}, trust ${weights.trustStep}, reach ${weights.reach}; ` +
    `a ride yields while its zone is served > ${hold.margin} better than the worst, for ≤ ${hold.share} of its wait\n`,
);

const run = (fairness: boolean): DaySummary =>
  summarise(
    Array.from({ length: days }, (_, d) =>
      simulateDay({
        town,
        vehicles,
        hours,
        seed: seed + d,
        fairness,
        weights,
        hold,
        outboundShare,
        zoneRateWindowSeconds,
      }),
    ),
  );
const off = run(false);
const on = run(true);

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log('zone            requests  refused (off)  refused (on)');
for (const [i, z] of off.zones.entries()) {
  const o = on.zones[i]!;
  console.log(
    `${z.zone.padEnd(14)} ${String(z.requests).padStart(9)}  ${pct(z.refusalRate).padStart(13)}  ${pct(o.refusalRate).padStart(12)}`,
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

const lost = off.serviceRate - on.serviceRate;
const checks = [
  [`Gini with fairness ≤ 0.10 (${on.refusalGini.toFixed(3)})`, on.refusalGini <= 0.1],
  [
    `Gini with fairness ≤ ½ of without (${on.refusalGini.toFixed(3)} vs ${(off.refusalGini / 2).toFixed(3)})`,
    on.refusalGini <= off.refusalGini / 2,
  ],
  [`service rate lost ≤ 0.5 point (${(100 * lost).toFixed(2)})`, lost <= 0.005],
] as const;
console.log('');
for (const [name, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}`);
