import type { Problem } from './problem.js';
import { createPrng } from './prng.js';

/** One distinct route met by the search: which vehicles could drive it, its stops and its cost. */
export interface PooledRoute {
  /** Group of interchangeable vehicles (`vehicleGroups`) the route was found on. */
  readonly group: number;
  /** Interior stops, as the search drove them. */
  readonly route: readonly number[];
  /** Requests served, ascending. */
  readonly requests: readonly number[];
  /** The route's objective (travel, riders' wait, the caller's terms on that vehicle). */
  readonly cost: number;
}

function sameRow(a: ArrayLike<number>, b: ArrayLike<number>, ia: number, ib: number, n: number): boolean {
  for (let j = 0; j < n; j++) if (a[ia + j] !== b[ib + j]) return false;
  return true;
}

/**
 * Groups of vehicles that are interchangeable for routing: same start and end (every travel time
 * and cost to and from them), windows, service, capacity, load aboard, route duration, and the same
 * allowed requests and terms, with no request bound to either. A route found on one can be driven
 * by any other of its group at the same cost. Returns each vehicle's group number.
 */
export function vehicleGroups(p: Problem): Int32Array {
  const K = p.vehicleCount;
  const N = p.nodeCount;
  const R = p.requestCount;
  const group = new Int32Array(K).fill(-1);
  const bound = new Uint8Array(K);
  for (let r = 0; r < R; r++) if (p.fixedVehicle[r]! >= 0) bound[p.fixedVehicle[r]!] = 1;
  const column = (a: Uint8Array | Float64Array, k: number, l: number): boolean => {
    for (let r = 0; r < R; r++) if (a[r * K + k] !== a[r * K + l]) return false;
    return true;
  };
  const node = (i: number, j: number): boolean => {
    if (p.earliest[i] !== p.earliest[j] || p.latest[i] !== p.latest[j] || p.service[i] !== p.service[j])
      return false;
    // The stops' columns first: they tell two vehicles apart at once, where the columns of the
    // fleet's starts (0: nothing arrives at a start) would take 2K comparisons to get there.
    const stops = 2 * K;
    if (
      !sameRow(p.time, p.time, i * N + stops, j * N + stops, N - stops) ||
      !sameRow(p.cost, p.cost, i * N + stops, j * N + stops, N - stops) ||
      !sameRow(p.time, p.time, i * N, j * N, stops) ||
      !sameRow(p.cost, p.cost, i * N, j * N, stops)
    )
      return false;
    for (let x = 0; x < N; x++) {
      if (x === i || x === j) continue;
      if (p.time[x * N + i] !== p.time[x * N + j] || p.cost[x * N + i] !== p.cost[x * N + j]) return false;
    }
    return true;
  };
  const D = p.capacity.length / K;
  let next = 0;
  for (let k = 0; k < K; k++) {
    if (group[k]! >= 0) continue;
    group[k] = next;
    if (!bound[k])
      for (let l = k + 1; l < K; l++) {
        if (group[l]! >= 0 || bound[l]) continue;
        if (
          p.maxDuration[k] === p.maxDuration[l] &&
          sameRow(p.capacity, p.capacity, k * D, l * D, D) &&
          sameRow(p.initialLoad, p.initialLoad, k * D, l * D, D) &&
          node(2 * k, 2 * l) &&
          node(2 * k + 1, 2 * l + 1) &&
          column(p.allowed, k, l) &&
          column(p.extraCost, k, l)
        )
          group[l] = next;
      }
    next++;
  }
  return group;
}

/**
 * The distinct feasible routes met during a search, for set-partitioning recombination: one entry
 * per vehicle group and set of requests, keeping the cheapest stop order seen. Add only routes that
 * passed the exact check. Sets are told apart by a 53-bit Zobrist hash (random words per request
 * and group, combined by exclusive or: no sorting, no strings on the search's hot path); a collision
 * (odds ~n²/2⁵⁴) would only drop a route from the pool, never add a wrong one.
 */
export class RoutePool {
  readonly groups: Int32Array;
  /** Number of vehicles in each group. */
  readonly groupSize: number[];
  private readonly byKey = new Map<number, PooledRoute>();
  private readonly high: Uint32Array;
  private readonly low: Uint32Array;

  /** `maxRoutes` bounds memory and the solver's work: once full, only cheaper orders of known sets get in. */
  constructor(
    readonly problem: Problem,
    readonly maxRoutes = 50_000,
  ) {
    this.groups = vehicleGroups(problem);
    this.groupSize = [];
    for (const g of this.groups) this.groupSize[g] = (this.groupSize[g] ?? 0) + 1;
    const prng = createPrng(0x5eed);
    const words = (n: number): Uint32Array => Uint32Array.from({ length: n }, () => prng.int(0x100000000));
    this.high = words(problem.requestCount + this.groupSize.length);
    this.low = words(problem.requestCount + this.groupSize.length);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Adds vehicle k's route with its cost; returns whether the pool changed. Empty routes are not kept. */
  add(k: number, route: readonly number[], cost: number): boolean {
    if (route.length === 0) return false;
    const p = this.problem;
    const group = this.groups[k]!;
    const at = p.requestCount + group;
    let high = this.high[at]!;
    let low = this.low[at]!;
    for (const node of route) {
      const r = p.requestOf[node]!;
      if (p.dropoffNode[r] !== node) continue;
      high ^= this.high[r]!;
      low ^= this.low[r]!;
    }
    const key = (high >>> 0) * 0x200000 + (low & 0x1fffff);
    const known = this.byKey.get(key);
    if (known !== undefined ? known.cost <= cost + 1e-9 : this.byKey.size >= this.maxRoutes) return false;
    const requests: number[] = [];
    for (const node of route) {
      const r = p.requestOf[node]!;
      if (p.dropoffNode[r] === node) requests.push(r);
    }
    requests.sort((a, b) => a - b);
    this.byKey.set(key, { group, route, requests, cost });
    return true;
  }

  /** The routes kept, in the order first met. */
  routes(): PooledRoute[] {
    return [...this.byKey.values()];
  }
}
