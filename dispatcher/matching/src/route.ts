import { DIMS, type Problem } from './problem.js';

/** Why a route cannot be driven as planned. */
export type Violation =
  'capacity' | 'time-window' | 'max-ride-time' | 'shift-end' | 'route-duration' | 'precedence';

/** Tolerance on time comparisons, seconds. */
export const EPS = 1e-7;

/** A route's schedule: times at its start, at each interior stop, and at its end, seconds. */
export interface Schedule {
  /** Departure from the vehicle's start. */
  readonly departure: number;
  /** Arrival at each interior stop. */
  readonly arrival: number[];
  /** Start of service at each interior stop (after any wait). */
  readonly start: number[];
  /** Arrival at the route's end (its depot, or the end of service of the last stop for an open route). */
  readonly end: number;
  /** Total travel cost of the route. */
  readonly cost: number;
}

let size = 0;
let seq = new Int32Array(0);
let A = new Float64Array(0);
let B = new Float64Array(0);
let W = new Float64Array(0);
let posOf = new Int32Array(0);
const cur = new Float64Array(DIMS);

function ensure(n: number, nodeCount: number): void {
  if (n > size) {
    size = Math.max(n, size * 2, 64);
    seq = new Int32Array(size);
    A = new Float64Array(size);
    B = new Float64Array(size);
    W = new Float64Array(size);
  }
  if (posOf.length < nodeCount) posOf = new Int32Array(Math.max(nodeCount, posOf.length * 2)).fill(-1);
}

/** Recomputes arrival, start and wait from position `from` on, given the start at `from - 1`. */
function forward(p: Problem, n: number, from: number): void {
  const N = p.nodeCount;
  for (let x = from; x < n; x++) {
    const a = seq[x - 1]!;
    const b = seq[x]!;
    const arr = B[x - 1]! + p.service[a]! + p.time[a * N + b]!;
    const e = p.earliest[b]!;
    A[x] = arr;
    B[x] = arr > e ? arr : e;
    W[x] = B[x]! - arr;
  }
}

/**
 * Forward time slack at position x (Cordeau & Laporte 2003): how much service at x can be delayed
 * without breaking a later time window, nor the ride time of a rider picked up before x.
 */
function slack(p: Problem, n: number, x: number): number {
  let f = Infinity;
  let cumW = 0;
  for (let y = x; y < n; y++) {
    if (y > x) cumW += W[y]!;
    const node = seq[y]!;
    let term = p.latest[node]! - B[y]!;
    const r = p.requestOf[node]!;
    if (r >= 0 && p.dropoffNode[r] === node) {
      const pn = p.pickupNode[r]!;
      if (pn >= 0) {
        const pos = posOf[pn]!;
        if (pos >= 0 && pos < x) {
          const ride = B[y]! - B[pos]! - p.service[pn]!;
          const rideTerm = p.maxRide[r]! - ride;
          if (rideTerm < term) term = rideTerm;
        }
      }
    }
    if (term < 0) term = 0;
    if (cumW + term < f) f = cumW + term;
  }
  return f;
}

/**
 * Why starting too late at `node` breaks the route: at a dropoff whose latest start is its pickup's
 * latest start plus service plus the ride limit (as `tightenWindows` narrows it), the ride is too
 * long; anywhere else, a time window.
 */
function lateReason(p: Problem, node: number): Violation {
  const r = p.requestOf[node]!;
  if (r >= 0 && p.dropoffNode[r] === node) {
    const pn = p.pickupNode[r]!;
    if (pn >= 0 && p.latest[node]! >= p.latest[pn]! + p.service[pn]! + p.maxRide[r]! - EPS)
      return 'max-ride-time';
  }
  return 'time-window';
}

function ridesOk(p: Problem, n: number): boolean {
  for (let y = 1; y < n - 1; y++) {
    const node = seq[y]!;
    const r = p.requestOf[node]!;
    if (p.dropoffNode[r] !== node) continue;
    const pn = p.pickupNode[r]!;
    if (pn < 0) continue;
    const pos = posOf[pn]!;
    if (B[y]! - B[pos]! - p.service[pn]! > p.maxRide[r]! + EPS) return false;
  }
  return true;
}

/**
 * Exact schedule feasibility for the fixed order in `seq` as a system of difference constraints
 * (travel, windows, ride times, route duration), solved by Bellman-Ford from a virtual time-zero
 * node: feasible iff no negative cycle. On success `B` holds the latest feasible start times and
 * `A`, `W` are recomputed. O(n²) worst case; used only when the eight-step heuristic fails.
 */
function differenceConstraints(p: Problem, k: number, n: number): Violation | undefined {
  const N = p.nodeCount;
  for (let x = 0; x < n; x++) B[x] = p.latest[seq[x]!]!;
  const s0 = seq[0]!;
  const durationLimit = p.maxDuration[k]! + p.service[s0]!;
  for (let pass = 0; pass <= n + 1; pass++) {
    let changed = false;
    // Travel: B[x] ≤ B[x+1] − service − travel (backward sweep).
    for (let x = n - 2; x >= 0; x--) {
      const a = seq[x]!;
      const bound = B[x + 1]! - p.service[a]! - p.time[a * N + seq[x + 1]!]!;
      if (bound < B[x]! - 1e-12) {
        B[x] = bound;
        changed = true;
      }
    }
    // Ride times: B[drop] ≤ B[pick] + service + limit; duration: B[end] ≤ B[0] + limit (forward sweep).
    for (let x = 1; x < n - 1; x++) {
      const node = seq[x]!;
      const r = p.requestOf[node]!;
      if (p.dropoffNode[r] !== node) continue;
      const pn = p.pickupNode[r]!;
      if (pn < 0) continue;
      const bound = B[posOf[pn]!]! + p.service[pn]! + p.maxRide[r]!;
      if (bound < B[x]! - 1e-12) {
        B[x] = bound;
        changed = true;
      }
    }
    if (B[0]! + durationLimit < B[n - 1]! - 1e-12) {
      B[n - 1] = B[0]! + durationLimit;
      changed = true;
    }
    // Earliest times: a negative cycle through time zero.
    for (let x = 0; x < n; x++) if (B[x]! < p.earliest[seq[x]!]! - EPS) return 'max-ride-time';
    if (!changed) {
      A[0] = B[0]!;
      W[0] = 0;
      for (let x = 1; x < n; x++) {
        const a = seq[x - 1]!;
        A[x] = B[x - 1]! + p.service[a]! + p.time[a * N + seq[x]!]!;
        W[x] = B[x]! - A[x]!;
      }
      return undefined;
    }
  }
  return 'max-ride-time';
}

function evaluate(p: Problem, k: number, n: number): Violation | undefined {
  const v = eightStep(p, k, n);
  if (v === 'max-ride-time' || v === 'route-duration' || v === 'late-after-shift') {
    const exact = differenceConstraints(p, k, n);
    return exact === undefined ? undefined : v === 'late-after-shift' ? 'time-window' : v;
  }
  return v;
}

function eightStep(p: Problem, k: number, n: number): Violation | 'late-after-shift' | undefined {
  // Capacity and precedence.
  for (let d = 0; d < DIMS; d++) cur[d] = p.initialLoad[k * DIMS + d]!;
  for (let x = 1; x < n - 1; x++) {
    const node = seq[x]!;
    const r = p.requestOf[node]!;
    if (r < 0) return 'precedence';
    if (p.dropoffNode[r] === node) {
      const pn = p.pickupNode[r]!;
      if (pn >= 0 && !(posOf[pn]! >= 1 && posOf[pn]! < x)) return 'precedence';
    } else if (!(posOf[p.dropoffNode[r]!]! > x)) return 'precedence';
    for (let d = 0; d < DIMS; d++) {
      cur[d] = cur[d]! + p.load[node * DIMS + d]!;
      if (cur[d]! > p.capacity[k * DIMS + d]! + EPS) return 'capacity';
    }
  }
  // Steps 1-3: earliest schedule.
  const s0 = seq[0]!;
  B[0] = p.earliest[s0]!;
  A[0] = B[0]!;
  W[0] = 0;
  forward(p, n, 1);
  for (let x = 1; x < n; x++) {
    if (B[x]! > p.latest[seq[x]!]! + EPS) return x === n - 1 ? 'shift-end' : lateReason(p, seq[x]!);
  }
  // Steps 4-6: leave the start as late as the slack allows, to cut waiting.
  let sumW = 0;
  for (let x = 1; x < n; x++) sumW += W[x]!;
  const f0 = Math.min(slack(p, n, 0), sumW, p.latest[s0]! - B[0]);
  if (f0 > 0) {
    B[0] = B[0] + f0;
    forward(p, n, 1);
  }
  // Steps 7-8: delay each pickup as far as its slack allows, to shorten ride times.
  if (!ridesOk(p, n)) {
    for (let x = 1; x < n - 1; x++) {
      const node = seq[x]!;
      const r = p.requestOf[node]!;
      if (p.pickupNode[r] !== node) continue;
      let after = 0;
      for (let y = x + 1; y < n; y++) after += W[y]!;
      const delta = Math.min(slack(p, n, x), after);
      if (delta > 0) {
        B[x] = B[x]! + delta;
        W[x] = W[x]! + delta;
        forward(p, n, x + 1);
      }
    }
    if (!ridesOk(p, n)) return 'max-ride-time';
  }
  for (let x = 1; x < n; x++) {
    if (B[x]! > p.latest[seq[x]!]! + EPS) return 'late-after-shift';
  }
  const departure = B[0] + p.service[s0]!;
  if (B[n - 1]! - departure > p.maxDuration[k]! + EPS) return 'route-duration';
  return undefined;
}

function load(p: Problem, k: number, route: ArrayLike<number>, len: number): number {
  const n = len + 2;
  ensure(n, p.nodeCount);
  seq[0] = 2 * k;
  for (let i = 0; i < len; i++) seq[i + 1] = route[i]!;
  seq[n - 1] = 2 * k + 1;
  for (let x = 0; x < n; x++) posOf[seq[x]!] = x;
  return n;
}

function unload(n: number): void {
  for (let x = 0; x < n; x++) posOf[seq[x]!] = -1;
}

/**
 * Exact feasibility check of vehicle k driving the interior stops `route[0..len)`: capacity per
 * dimension, pickup before dropoff, time windows, shift end, route duration and every ride time.
 * Schedules with Cordeau & Laporte's eight-step procedure (waiting moved to where it shortens ride
 * times); when that heuristic finds no schedule, decides exactly by difference constraints
 * (Bellman-Ford). Returns the first violation found, or undefined when feasible. O(len²).
 */
export function checkRoute(
  p: Problem,
  k: number,
  route: ArrayLike<number>,
  len = route.length,
): Violation | undefined {
  const n = load(p, k, route, len);
  const v = evaluate(p, k, n);
  unload(n);
  return v;
}

/** Travel cost of vehicle k driving `route` (interior stops) from its start to its end. */
export function routeCost(p: Problem, k: number, route: ArrayLike<number>, len = route.length): number {
  const N = p.nodeCount;
  let prev = 2 * k;
  let c = 0;
  for (let i = 0; i < len; i++) {
    const node = route[i]!;
    c += p.cost[prev * N + node]!;
    prev = node;
  }
  return c + p.cost[prev * N + 2 * k + 1]!;
}

/** Like `checkRoute`, and returns the schedule when feasible. */
export function scheduleRoute(
  p: Problem,
  k: number,
  route: ArrayLike<number>,
): { violation: Violation } | { violation: undefined; schedule: Schedule } {
  const n = load(p, k, route, route.length);
  const violation = evaluate(p, k, n);
  unload(n);
  if (violation !== undefined) return { violation };
  const arrival: number[] = [];
  const start: number[] = [];
  for (let x = 1; x < n - 1; x++) {
    arrival.push(A[x]!);
    start.push(B[x]!);
  }
  return {
    violation: undefined,
    schedule: {
      departure: B[0]! + p.service[seq[0]!]!,
      arrival,
      start,
      end: A[n - 1]!,
      cost: routeCost(p, k, route),
    },
  };
}
