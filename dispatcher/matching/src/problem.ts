import {
  DIMENSIONS,
  type CostTerm,
  type Load,
  type ScoringHooks,
  type TravelCostWeights,
  type TripRequest,
  type Vehicle,
} from './model.js';
import { keepLatePromises } from './late-promises.js';
import { RIDER_WAIT_WEIGHT } from './wait.js';
import { tightenWindows } from './tighten-windows.js';
import type { Point, TravelTimes } from './travel-times.js';
import { TravelMatrix } from './travel/matrix-cache.js';

/** Stands for "unbounded" in time windows and limits, seconds (finite so arithmetic never yields NaN). */
export const FAR = 1e12;

/** Number of load dimensions (seats, wheelchairs, cargo). */
export const DIMS = DIMENSIONS.length;

/**
 * The flat, index-based form of a planning problem the engine works on. Nodes `2k` and `2k+1` are the
 * start and end of vehicle `k`; nodes `2K + 2r` and `2K + 2r + 1` the pickup and dropoff of request `r`.
 * Matrices are row-major `nodeCount × nodeCount`; the arcs into a start and out of an end, which no
 * route drives, are 0.
 */
export interface Problem {
  readonly nodeCount: number;
  /** Travel seconds between nodes. */
  readonly time: Float64Array;
  /** Travel cost between nodes. */
  readonly cost: Float64Array;
  /** The largest of `cost` (the scale of the search's noise), kept as the arcs are filled. */
  readonly maxCost: number;
  readonly earliest: Float64Array;
  readonly latest: Float64Array;
  readonly service: Float64Array;
  /** Load change at each node, `nodeCount × DIMS`: positive at pickups, negative at dropoffs. */
  readonly load: Float64Array;
  /** Request index of each node, or -1 for vehicle nodes. */
  readonly requestOf: Int32Array;
  readonly requestCount: number;
  /** Pickup node of each request, or -1 when it is already aboard. */
  readonly pickupNode: Int32Array;
  readonly dropoffNode: Int32Array;
  /** Maximum ride seconds per request (FAR when unbounded). */
  readonly maxRide: Float64Array;
  readonly vehicleCount: number;
  /** Capacity per vehicle, `vehicleCount × DIMS`. */
  readonly capacity: Float64Array;
  /** Load aboard at the start, `vehicleCount × DIMS`. */
  readonly initialLoad: Float64Array;
  /** Maximum route duration per vehicle, seconds. */
  readonly maxDuration: Float64Array;
  /** Vehicle a request is bound to (aboard, or already committed), or -1. */
  readonly fixedVehicle: Int32Array;
  /** 1 when request r may go to vehicle k, at `r × vehicleCount + k`. */
  readonly allowed: Uint8Array;
  /**
   * The vehicles each request may go to (`allowed` as lists), ascending. With a thousand vehicles in
   * a batch each ride may go to the few dozen nearest it, and the searches scan these instead of
   * every vehicle (bench README, "Does the LNS keep to its 50 ms").
   */
  readonly allowedVehicles: readonly Int32Array[];
  /** Caller's weighted terms for request r on vehicle k, at `r × vehicleCount + k`. */
  readonly extraCost: Float64Array;
  /** Cost of leaving each request unserved (`FAR` for one already promised to a vehicle). */
  readonly unassignedPenalty: Float64Array;
  /** Cost of each second request r's pickup starts after its window opens (0 for a task). */
  readonly waitWeight: Float64Array;
}

/** Everything a caller gives the engine, in the public vocabulary. */
export interface ProblemInput {
  readonly requests: readonly TripRequest[];
  readonly vehicles: readonly Vehicle[];
  readonly travel: TravelTimes;
  /** Current time, seconds. Default 0. */
  readonly now?: number;
  readonly hooks?: ScoringHooks;
  readonly weights?: TravelCostWeights;
  /** Cost of leaving a request unserved. Default 1e6. */
  readonly unassignedPenalty?: number;
}

/** The flat problem plus the maps back to the caller's ids and the per-pair details for explanations. */
export interface BuiltProblem {
  readonly problem: Problem;
  /** Requests by index: the input's new requests first, then each vehicle's assigned and aboard ones. */
  readonly requests: readonly TripRequest[];
  readonly vehicles: readonly Vehicle[];
  /** Number of new (free) requests: indices `0 .. newRequestCount - 1`. */
  readonly newRequestCount: number;
  /** Initial route (interior nodes) of each vehicle, from its `stops`. */
  readonly initialRoutes: number[][];
  /** Requests of vehicles without `stops` that still need inserting, bound to their vehicle. */
  readonly pendingFixed: number[];
  /** Caller's terms per pair, at `r × vehicleCount + k` (only for new requests). */
  readonly terms: (readonly CostTerm[] | undefined)[];
  /** Why a pair is excluded before routing ('excluded-by-rule', a caller's reason, 'capacity'), or undefined. */
  readonly exclusion: (string | undefined)[];
  /** Cost of a second of a rider's wait for pickup (`TravelCostWeights.perRiderWaitSecond`). */
  readonly riderWaitWeight: number;
}

/** Load vector in the internal dimension order. */
export function loadVector(load: Load | undefined, kind: 'ride' | 'task' | 'capacity'): number[] {
  if (load === undefined) return kind === 'ride' ? [1, 0, 0] : kind === 'task' ? [0, 0, 1] : [0, 0, 0];
  return DIMENSIONS.map((d) => load[d] ?? 0);
}

/** Direct travel seconds of a request under `travel`. */
export function directSeconds(request: TripRequest, travel: TravelTimes): number {
  return travel.seconds(request.pickup, request.dropoff);
}

/** Builds the flat problem. Pure: calls only `travel` and the hooks. */
export function buildProblem(input: ProblemInput): BuiltProblem {
  const now = input.now ?? 0;
  const vehicles = input.vehicles;
  const K = vehicles.length;
  const requests: TripRequest[] = [...input.requests];
  const newRequestCount = requests.length;
  const fixed: number[] = new Array<number>(newRequestCount).fill(-1);
  const pickedUpAt: (number | undefined)[] = new Array<number | undefined>(newRequestCount).fill(undefined);
  const byId = new Map<string, number>();
  vehicles.forEach((v, k) => {
    for (const a of v.aboard ?? []) {
      byId.set(`${k}:${a.request.id}`, requests.length);
      requests.push(a.request);
      fixed.push(k);
      pickedUpAt.push(a.pickedUpAtSeconds);
    }
    for (const a of v.assigned ?? []) {
      byId.set(`${k}:${a.id}`, requests.length);
      requests.push(a);
      fixed.push(k);
      pickedUpAt.push(undefined);
    }
  });
  const R = requests.length;
  const N = 2 * K + 2 * R;
  const points: (Point | undefined)[] = new Array<Point | undefined>(N);
  const earliest = new Float64Array(N);
  const latest = new Float64Array(N).fill(FAR);
  const service = new Float64Array(N);
  const load = new Float64Array(N * DIMS);
  const requestOf = new Int32Array(N).fill(-1);
  const pickupNode = new Int32Array(R);
  const dropoffNode = new Int32Array(R);
  const maxRide = new Float64Array(R).fill(FAR);
  const capacity = new Float64Array(K * DIMS);
  const initialLoad = new Float64Array(K * DIMS);
  const maxDuration = new Float64Array(K).fill(FAR);
  const penalty = new Float64Array(R);
  const defaultPenalty = input.unassignedPenalty ?? 1e6;
  const waitWeight = new Float64Array(R);
  const perRiderWaitSecond = input.weights?.perRiderWaitSecond ?? RIDER_WAIT_WEIGHT;

  vehicles.forEach((v, k) => {
    points[2 * k] = v.at;
    points[2 * k + 1] = v.endAt;
    earliest[2 * k] = v.availableFromSeconds ?? now;
    earliest[2 * k + 1] = -FAR;
    latest[2 * k + 1] = v.shiftEndSeconds ?? FAR;
    maxDuration[k] = v.maxRouteSeconds ?? FAR;
    loadVector(v.capacity, 'capacity').forEach((c, d) => (capacity[k * DIMS + d] = c));
  });
  requests.forEach((q, r) => {
    const p = 2 * K + 2 * r;
    const d = p + 1;
    const aboard = pickedUpAt[r];
    pickupNode[r] = aboard === undefined ? p : -1;
    dropoffNode[r] = d;
    requestOf[p] = r;
    requestOf[d] = r;
    points[p] = q.pickup;
    points[d] = q.dropoff;
    const vec = loadVector(q.load, q.kind);
    vec.forEach((x, dim) => {
      load[p * DIMS + dim] = x;
      load[d * DIMS + dim] = -x;
    });
    const pe = q.pickupWindow?.[0] ?? now;
    let pl = q.pickupWindow?.[1] ?? FAR;
    if (q.maxWaitSeconds !== undefined) pl = Math.min(pl, Math.max(pe, now) + q.maxWaitSeconds);
    earliest[p] = pe;
    latest[p] = pl;
    service[p] = q.pickupServiceSeconds ?? 0;
    earliest[d] = q.dropoffWindow?.[0] ?? -FAR;
    latest[d] = q.dropoffWindow?.[1] ?? FAR;
    service[d] = q.dropoffServiceSeconds ?? 0;
    if (q.maxRideSeconds !== undefined) maxRide[r] = q.maxRideSeconds;
    else if (q.maxDetourFactor !== undefined) maxRide[r] = q.maxDetourFactor * directSeconds(q, input.travel);
    // A ride already promised to its driver (aboard or assigned) is never dropped: with the same
    // penalty as a new one, the search could trade it for a new ride that fits only without it.
    penalty[r] = fixed[r]! >= 0 ? FAR : (q.unassignedPenalty ?? defaultPenalty);
    waitWeight[r] = q.kind === 'ride' ? perRiderWaitSecond : 0;
    const k = fixed[r]!;
    if (aboard !== undefined) {
      latest[d] = Math.min(latest[d], aboard + maxRide[r]!);
      vec.forEach((x, dim) => (initialLoad[k * DIMS + dim] = initialLoad[k * DIMS + dim]! + x));
    }
  });

  const weights = input.weights ?? {};
  const perSecond = weights.perSecond ?? 1;
  const perMeter = weights.perMeter ?? 0;
  const time = new Float64Array(N * N);
  const cost = new Float64Array(N * N);
  // A batch's matrix is read by row, each point looked up once: N² lookups by point key took most
  // of a large batch's time (infra/adr/0037).
  const matrix = input.travel instanceof TravelMatrix ? input.travel : undefined;
  const rows = matrix?.rowsOf(points);
  let maxCost = 0;
  const arc = (i: number, j: number): void => {
    const a = points[i];
    const b = points[j];
    if (a === undefined || b === undefined || i === j) return; // an open end: nothing leaves it, arriving is free
    const s = rows ? matrix!.secondsBetweenRows(rows[i]!, rows[j]!) : input.travel.seconds(a, b);
    time[i * N + j] = s;
    let c = perSecond * s;
    if (perMeter !== 0) {
      const m = rows ? matrix!.metersBetweenRows(rows[i]!, rows[j]!) : input.travel.meters(a, b);
      c += perMeter * m;
    }
    cost[i * N + j] = c;
    if (c > maxCost) maxCost = c;
  };
  // Only the arcs a route can drive: nothing arrives at a vehicle's start and nothing leaves its
  // end, so a large fleet's start-to-start pairs (most of N² when vehicles outnumber requests) stay
  // 0 and are never asked of the travel model (infra/adr/0037). Every start still reaches every
  // end, which keeps vehicles with the same start and end interchangeable (`vehicleGroups`).
  // Open ends (no `endAt`) are reached free: only the ends with a place are asked.
  const placedEnds: number[] = [];
  for (let k = 0; k < K; k++) if (points[2 * k + 1] !== undefined) placedEnds.push(2 * k + 1);
  for (let i = 0; i < N; i++) {
    if (i < 2 * K && i % 2 === 1) continue; // a vehicle's end
    for (const end of placedEnds) arc(i, end);
    for (let j = 2 * K; j < N; j++) arc(i, j);
  }

  const allowed = new Uint8Array(R * K);
  const extraCost = new Float64Array(R * K);
  const terms: (readonly CostTerm[] | undefined)[] = new Array<readonly CostTerm[] | undefined>(R * K);
  const exclusion: (string | undefined)[] = new Array<string | undefined>(R * K);
  const allowedVehicles: Int32Array[] = [];
  for (let r = 0; r < R; r++) {
    const q = requests[r]!;
    if (fixed[r]! >= 0) {
      // A committed ride stays with its vehicle: one allowed pair, no rule asked.
      allowed[r * K + fixed[r]!] = 1;
      allowedVehicles.push(Int32Array.of(fixed[r]!));
      continue;
    }
    for (let k = 0; k < K; k++) {
      const at = r * K + k;
      const v = vehicles[k]!;
      let tooBig = false;
      for (let dim = 0; dim < DIMS; dim++) {
        if (load[(2 * K + 2 * r) * DIMS + dim]! > capacity[k * DIMS + dim]!) tooBig = true;
      }
      const rule = input.hooks?.exclude?.(q, v);
      if (rule !== undefined && rule !== false) {
        exclusion[at] = rule === true ? 'excluded-by-rule' : rule;
      } else if (tooBig) {
        exclusion[at] = 'capacity';
      } else {
        allowed[at] = 1;
        const t = input.hooks?.terms?.(q, v) ?? [];
        terms[at] = t;
        let extra = 0;
        for (const term of t) extra += term.value * term.weight;
        extraCost[at] = extra;
      }
    }
    const ks: number[] = [];
    for (let k = 0; k < K; k++) if (allowed[r * K + k]) ks.push(k);
    allowedVehicles.push(Int32Array.from(ks));
  }

  const initialRoutes: number[][] = [];
  const pendingFixed: number[] = [];
  vehicles.forEach((v, k) => {
    const route: number[] = [];
    if (v.stops !== undefined) {
      for (const stop of v.stops) {
        const r = byId.get(`${k}:${stop.requestId}`);
        if (r === undefined) throw new Error(`vehicle ${v.id}: stop for unknown request ${stop.requestId}`);
        const node = stop.type === 'pickup' ? pickupNode[r]! : dropoffNode[r]!;
        if (node < 0) throw new Error(`vehicle ${v.id}: pickup stop for aboard request ${stop.requestId}`);
        route.push(node);
      }
    }
    initialRoutes.push(route);
  });
  // Vehicles given without `stops`: their rides, vehicle by vehicle as they were listed.
  for (let r = newRequestCount; r < R; r++)
    if (vehicles[fixed[r]!]!.stops === undefined) pendingFixed.push(r);

  const problem: Problem = {
    nodeCount: N,
    maxCost,
    time,
    cost,
    earliest,
    latest,
    service,
    load,
    requestOf,
    requestCount: R,
    pickupNode,
    dropoffNode,
    maxRide,
    vehicleCount: K,
    capacity,
    initialLoad,
    maxDuration,
    fixedVehicle: Int32Array.from(fixed),
    allowed,
    allowedVehicles,
    extraCost,
    unassignedPenalty: penalty,
    waitWeight,
  };
  keepLatePromises(problem, initialRoutes);
  tightenWindows(problem);
  return {
    problem,
    requests,
    vehicles,
    newRequestCount,
    initialRoutes,
    pendingFixed,
    terms,
    exclusion,
    riderWaitWeight: perRiderWaitSecond,
  };
}
