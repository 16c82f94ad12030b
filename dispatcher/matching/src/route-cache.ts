import { DIMS, type Problem } from './problem.js';

/**
 * Per-route data that makes an insertion test O(1) per position (Savelsbergh's forward time slack):
 * the earliest schedule (leaving the start as soon as possible), the waiting before each stop, the
 * slack each stop can be delayed by without breaking a later time window, the load after each stop,
 * the cumulative driving-plus-service time, and what delaying a stop costs the riders waiting for
 * pickups after it. Positions count the start (0) and the end (len + 1).
 */
export class RouteCache {
  /** Number of interior stops. */
  len = 0;
  nodes = new Int32Array(8);
  start = new Float64Array(8);
  wait = new Float64Array(8);
  slack = new Float64Array(8);
  /** Whether the slack at this position is bound by the route's end (shift end). */
  slackAtEnd = new Uint8Array(8);
  /** Busy (driving + service) seconds from the route start to the arrival at each position. */
  busy = new Float64Array(8);
  loadAfter = new Float64Array(8 * DIMS);
  /**
   * For the gap after each position: the least ride-time slack (limit minus driving-plus-service time
   * between pickup and dropoff) of the riders aboard across that gap. A detour inserted there must not
   * exceed it.
   */
  rideSlack = new Float64Array(8);
  /** Σ wait weights of the pickups at this position and after (`wait.ts`). */
  waitWeightFrom = new Float64Array(8);
  /** The first later position whose stop waits for its window (len + 1 when none). */
  nextWait = new Int32Array(8);
  /** Travel cost of the route. */
  travelCost = 0;
  /** Riders' weighted wait for pickup on the earliest schedule (`routeWaitCost`). */
  waitCost = 0;
  /** The route's objective: travel cost plus the riders' weighted wait. */
  cost = 0;

  /** Recomputes everything for vehicle k driving `route` (interior stops). O(len). */
  refresh(p: Problem, k: number, route: readonly number[]): void {
    const m = route.length;
    const n = m + 2;
    if (this.nodes.length < n) {
      const size = Math.max(n, this.nodes.length * 2);
      this.nodes = new Int32Array(size);
      this.start = new Float64Array(size);
      this.wait = new Float64Array(size);
      this.slack = new Float64Array(size);
      this.slackAtEnd = new Uint8Array(size);
      this.busy = new Float64Array(size);
      this.loadAfter = new Float64Array(size * DIMS);
      this.rideSlack = new Float64Array(size);
      this.waitWeightFrom = new Float64Array(size);
      this.nextWait = new Int32Array(size);
    }
    this.len = m;
    const N = p.nodeCount;
    const nodes = this.nodes;
    nodes[0] = 2 * k;
    for (let i = 0; i < m; i++) nodes[i + 1] = route[i]!;
    nodes[n - 1] = 2 * k + 1;
    const B = this.start;
    const W = this.wait;
    const busy = this.busy;
    const L = this.loadAfter;
    B[0] = p.earliest[2 * k]!;
    W[0] = 0;
    busy[0] = 0;
    for (let d = 0; d < DIMS; d++) L[d] = p.initialLoad[k * DIMS + d]!;
    let c = 0;
    for (let x = 1; x < n; x++) {
      const a = nodes[x - 1]!;
      const b = nodes[x]!;
      const t = p.time[a * N + b]!;
      c += p.cost[a * N + b]!;
      const arr = B[x - 1]! + p.service[a]! + t;
      const e = p.earliest[b]!;
      B[x] = arr > e ? arr : e;
      W[x] = B[x]! - arr;
      busy[x] = busy[x - 1]! + p.service[a]! + t;
      for (let d = 0; d < DIMS; d++) L[x * DIMS + d] = L[(x - 1) * DIMS + d]! + p.load[b * DIMS + d]!;
    }
    const F = this.waitWeightFrom;
    const next = this.nextWait;
    let waitCost = 0;
    F[n - 1] = 0;
    next[n - 1] = n - 1;
    for (let x = n - 2; x >= 0; x--) {
      const node = nodes[x]!;
      const r = p.requestOf[node]!;
      const w = r >= 0 && p.pickupNode[r] === node ? p.waitWeight[r]! : 0;
      F[x] = F[x + 1]! + w;
      if (w > 0) waitCost += w * (B[x]! - p.earliest[node]!);
      next[x] = W[x + 1]! > 0 ? x + 1 : next[x + 1]!;
    }
    this.travelCost = c;
    this.waitCost = waitCost;
    this.cost = c + waitCost;
    const R = this.rideSlack;
    R.fill(Infinity, 0, n);
    for (let x = 1; x < n - 1; x++) {
      const node = nodes[x]!;
      const r = p.requestOf[node]!;
      if (p.pickupNode[r] !== node) continue;
      const dn = p.dropoffNode[r]!;
      let y = x + 1;
      while (y < n - 1 && nodes[y] !== dn) y++;
      const rideSlack = p.maxRide[r]! - (busy[y]! - busy[x]! - p.service[node]!);
      for (let g = x; g < y; g++) if (rideSlack < R[g]!) R[g] = rideSlack;
    }
    const S = this.slack;
    S[n - 1] = p.latest[nodes[n - 1]!]! - B[n - 1]!;
    this.slackAtEnd[n - 1] = 1;
    for (let x = n - 2; x >= 0; x--) {
      const own = p.latest[nodes[x]!]! - B[x]!;
      const down = W[x + 1]! + S[x + 1]!;
      if (own <= down) {
        S[x] = own;
        this.slackAtEnd[x] = 0;
      } else {
        S[x] = down;
        this.slackAtEnd[x] = this.slackAtEnd[x + 1]!;
      }
    }
  }
}
