// A batch's engine work against the size of the fleet online (issue 12, ADR 0037): the same rides
// decided as the dispatcher decides them (travel matrix over the batch's points, one offer per
// driver, the k-nearest prefilter, LNS on the first pass), once with every free driver of the zone
// handed to the engine and once with only the drivers near some ride (`vehiclesNearRides`).
// npm run bench:fleet [-- --seed 1 --rides 20 --fleets 250,500,1000,2000,5000]
import {
  assignBatch,
  createPrng,
  GreatCircleTravelTimes,
  TravelMatrix,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';
import { performance } from 'node:perf_hooks';
import { batchImprove } from '../src/batch/batch-improve.js';
import { oneOfferPerDriver, type RidePlacement } from '../src/batch/one-offer-per-driver.js';
import { batchPoints } from '../src/batch/to-core.js';
import { vehiclesNearRides, withinNearest } from '../src/batch/vehicles-near-rides.js';
import { cityFleet, cityRequest } from './city.js';
import { machineFloorMs } from './floor.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1]! : fallback;
};
const seed = Number(flag('seed', '1'));
const rides = Number(flag('rides', '20'));
const fleets = flag('fleets', '250,500,1000,2000,5000').split(',').map(Number);
/** The dispatcher's prefilter (`candidatesPerRide`). */
const K_NEAREST = 40;
/** The whole fleet is not handed to the engine when its N × N arrays would pass this. */
const MAX_FULL_BYTES = 2 ** 30;

/** The dispatcher's default travel model (no `OSRM_URL`). */
const travel = new GreatCircleTravelTimes();

interface Outcome {
  ms: number;
  nodes: number;
  placements: RidePlacement[];
}

/** What `MatchBatchHandler.plan` does with a snapshot, for `fleet` as the engine's vehicles. */
function decide(
  requests: readonly TripRequest[],
  fleet: readonly Vehicle[],
  near: boolean,
  improve: boolean,
): Outcome {
  const started = performance.now();
  const inPlay = near ? vehiclesNearRides(fleet, requests, 2 * K_NEAREST) : fleet;
  const matrix = TravelMatrix.build(travel, batchPoints(requests, inPlay));
  let nodes = 0;
  const placements = oneOfferPerDriver(requests, inPlay, (batchRequests, batchVehicles, pass) => {
    const vehicles = near ? vehiclesNearRides(batchVehicles, batchRequests, K_NEAREST) : batchVehicles;
    nodes = Math.max(nodes, 2 * vehicles.length + 2 * batchRequests.length);
    return assignBatch(
      {
        requests: batchRequests,
        vehicles,
        travel: matrix,
        now: 0,
        hooks: withinNearest({}, batchRequests, vehicles, K_NEAREST),
      },
      pass === 0 && improve ? { improve: batchImprove(50) } : {},
    );
  });
  return { ms: performance.now() - started, nodes, placements };
}

const offered = (placements: readonly RidePlacement[]) => placements.map((p) => p.vehicleId ?? '-').join(',');
const served = (placements: readonly RidePlacement[]) => placements.filter((p) => p.vehicleId).length;

const floor = machineFloorMs();
console.log(
  `machine floor: ${floor.toFixed(0)} ms for 50 M xorshift steps (node ${process.version}); seed ${seed}, ` +
    `${rides} rides a batch, k = ${K_NEAREST}, LNS on the first pass as the dispatcher runs it (200 iterations, 50 ms)\n`,
);
const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(
  `${'fleet'.padStart(6)} | ${pad('all: nodes', 10)} ${pad('ms', 9)} ${pad('served', 7)} | ${pad('near: nodes', 11)} ${pad('ms', 8)} ${pad('served', 7)} | ${pad('same offers', 11)} ${pad('time ratio', 10)}`,
);
for (const size of fleets) {
  const prng = createPrng(seed * 1_000 + size);
  const fleet = cityFleet(seed * 31 + size, size, 0);
  const requests = Array.from({ length: rides }, () => cityRequest(prng, 0));
  const near = decide(requests, fleet, true, true);
  const fullNodes = 2 * size + 2 * rides;
  const fullBytes = fullNodes * fullNodes * 8 * 2;
  const all = fullBytes <= MAX_FULL_BYTES ? decide(requests, fleet, false, true) : undefined;
  // The first decision without LNS (whose random search follows another path on another fleet).
  const same =
    all &&
    offered(decide(requests, fleet, false, false).placements) ===
      offered(decide(requests, fleet, true, false).placements);
  const allColumns = all
    ? `${pad(all.nodes, 10)} ${pad(all.ms.toFixed(1), 9)} ${pad(`${served(all.placements)}/${rides}`, 7)}`
    : `${pad(`not run: ${(fullBytes / 2 ** 30).toFixed(1)} GiB of N×N arrays`, 28)}`;
  console.log(
    `${pad(size, 6)} | ${allColumns} | ${pad(near.nodes, 11)} ${pad(near.ms.toFixed(1), 8)} ${pad(`${served(near.placements)}/${rides}`, 7)} | ${pad(same === undefined ? '–' : String(same), 11)} ${pad(all ? (near.ms / all.ms).toFixed(3) : '–', 10)}`,
  );
}
console.log(`
nodes = the engine's problem size (2 per vehicle, 2 per ride) in the batch's largest pass; its time and
travel arrays are nodes × nodes. same offers = without LNS, every ride offered to the same driver (or to none) both ways.`);
