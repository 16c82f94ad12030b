// Live matcher throughput: a steady stream of requests against 1,000 vehicles on shift; each decision
// = spatial prefilter (k nearest by straight line) + exact cheapest insertion + applying the result.
//   npm run bench:matcher [-- --requests <n>] [--rate <per second>] [--k <n>] [--seed <n>]
import { performance } from 'node:perf_hooks';
import {
  createPrng,
  insertRequest,
  nearest,
  type AboardRider,
  type PlannedRoute,
  type Point,
  type TripRequest,
  type Vehicle,
} from '@navette/matching';
import { cityFleet, cityRequest, roadTravel } from './city.js';
import { machineFloorMs } from './floor.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const total = option('--requests', 6000);
const rate = option('--rate', 0.5); // requests per simulated second
const k = option('--k', 10);
const seed = option('--seed', 1);
const travel = roadTravel();
const prng = createPrng(seed);

const floor = machineFloorMs();
console.log(`machine floor: ${floor.toFixed(0)} ms for 50 M xorshift steps (node ${process.version})`);

/** A vehicle, its known requests and its last planned schedule. */
class State {
  route: PlannedRoute | undefined;
  constructor(public vehicle: Vehicle) {}
  get at(): Point {
    return this.vehicle.at;
  }
}
const fleet: State[] = cityFleet(seed, 1000, 0).map(
  (v) => new State({ ...v, assigned: [], stops: [], shiftEndSeconds: 8 * 3600 }),
);
const known = new Map<string, TripRequest>();

/** Moves every vehicle along its schedule up to `now`: served stops leave the route. */
function advance(state: State, now: number): void {
  const route = state.route;
  if (route === undefined || route.stops.length === 0) return;
  let done = 0;
  while (done < route.stops.length && route.stops[done]!.startSeconds <= now) done++;
  if (done === 0) return;
  let aboard: AboardRider[] = [...(state.vehicle.aboard ?? [])];
  let assigned = [...(state.vehicle.assigned ?? [])];
  let at = state.vehicle.at;
  let free = now;
  for (const stop of route.stops.slice(0, done)) {
    const q = known.get(stop.requestId)!;
    if (stop.type === 'pickup') {
      const end = stop.startSeconds + (q.pickupServiceSeconds ?? 0);
      aboard.push({ request: q, pickedUpAtSeconds: end });
      assigned = assigned.filter((a) => a.id !== q.id);
      at = q.pickup;
      free = Math.max(now, end);
    } else {
      aboard = aboard.filter((a) => a.request.id !== q.id);
      at = q.dropoff;
      free = Math.max(now, stop.startSeconds + (q.dropoffServiceSeconds ?? 0));
      known.delete(q.id);
    }
  }
  const rest = route.stops.slice(done);
  state.vehicle = {
    ...state.vehicle,
    at,
    availableFromSeconds: free,
    aboard,
    assigned,
    stops: rest.map((s) => ({ requestId: s.requestId, type: s.type })),
  };
  state.route = { ...route, stops: rest };
}

const latencies: number[] = [];
let served = 0;
let now = 0;
let pooled = 0;
const started = performance.now();
for (let i = 0; i < total; i++) {
  now += 1 / rate;
  const request = cityRequest(prng, now);
  const t0 = performance.now();
  const candidates = nearest(fleet, request.pickup, k, (a, b) =>
    Math.hypot(a[0] - b[0], (a[1] - b[1]) * 1.43),
  );
  for (const c of candidates) advance(c, now);
  const result = insertRequest({
    requests: [request],
    vehicles: candidates.map((c) => c.vehicle),
    travel,
    now,
  });
  const chosen = result.explanations[0]?.vehicleId;
  if (chosen !== undefined) {
    const state = candidates.find((c) => c.vehicle.id === chosen)!;
    const route = result.routes.find((r) => r.vehicleId === chosen)!;
    known.set(request.id, request);
    if ((state.vehicle.stops?.length ?? 0) > 0) pooled++;
    state.vehicle = {
      ...state.vehicle,
      assigned: [...(state.vehicle.assigned ?? []), request],
      stops: route.stops.map((s) => ({ requestId: s.requestId, type: s.type })),
    };
    state.route = route;
    served++;
  }
  latencies.push(performance.now() - t0);
}
const wallSeconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (q: number): number =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
console.log(
  `\n1,000 vehicles, ${total} requests at ${rate}/s simulated (${(total / rate / 60).toFixed(0)} min of service), k = ${k} nearest evaluated`,
);
console.log(`decisions per second: ${(total / wallSeconds).toFixed(0)} (one thread)`);
console.log(
  `decision latency: p50 ${pct(0.5).toFixed(3)} ms, p99 ${pct(0.99).toFixed(3)} ms, max ${latencies[latencies.length - 1]!.toFixed(3)} ms`,
);
console.log(
  `served ${served}/${total} (${((100 * served) / total).toFixed(1)} %), ${pooled} inserted into a vehicle that already had stops`,
);
console.log(
  'a decision = prefilter + exact insertion into each candidate route + explanation + applying the new route',
);
