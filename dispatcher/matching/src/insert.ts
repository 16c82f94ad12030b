import { DIMS, type Problem } from './problem.js';
import { EPS, checkRoute, type Violation } from './route.js';
import type { RouteCache } from './route-cache.js';
import { delayCost } from './wait.js';

/** The cheapest feasible way to put one request into one route, or why there is none. */
export interface Insertion {
  /** Added cost, travel and riders' wait (without the caller's terms); Infinity when infeasible. */
  delta: number;
  /** Index in the route's interior array where the pickup goes. */
  pickupAt: number;
  /** Index in the original interior array before which the dropoff goes (`>= pickupAt`). */
  dropoffAt: number;
  /** When infeasible: the most telling reason. */
  violation: Violation | undefined;
}

/** An empty, infeasible insertion to fill. */
export function noInsertion(): Insertion {
  return { delta: Infinity, pickupAt: -1, dropoffAt: -1, violation: undefined };
}

let candI = new Int32Array(256);
let candJ = new Int32Array(256);
let candD = new Float64Array(256);
let scratch = new Int32Array(64);

function pushCandidate(count: number, i: number, j: number, delta: number): number {
  if (count === candI.length) {
    const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    candI = grow(candI);
    candJ = grow(candJ);
    const d = new Float64Array(candD.length * 2);
    d.set(candD);
    candD = d;
  }
  candI[count] = i;
  candJ[count] = j;
  candD[count] = delta;
  return count + 1;
}

/** Writes the route with request r inserted (pickup before index i, dropoff before original index j). */
export function spliceInto(
  route: readonly number[],
  p: number,
  d: number,
  i: number,
  j: number,
  out: number[],
): void {
  out.length = 0;
  for (let x = 0; x < i; x++) out.push(route[x]!);
  if (p >= 0) out.push(p);
  for (let x = i; x < j; x++) out.push(route[x]!);
  out.push(d);
  for (let x = j; x < route.length; x++) out.push(route[x]!);
}

/**
 * Cheapest feasible insertion of request r into vehicle k's route: the travel it adds plus the
 * riders' wait it adds (its own pickup's, and each later pickup's delay: `wait.ts`). Every (pickup,
 * dropoff) position pair is screened in O(1) with the cached forward slack, load and busy time
 * (necessary conditions: capacity, time windows on the earliest schedule, a ride-time lower
 * bound); survivors are tried in increasing cost order with the exact route check until one
 * passes. `bound`: skip candidates whose delta is not below it (default Infinity). `exact = false`
 * skips the exact check and returns the cheapest screened candidate, a lower bound used to rank
 * requests before checking the chosen one.
 * Aboard requests (no pickup) insert only their dropoff.
 */
export function bestInsertion(
  p: Problem,
  k: number,
  r: number,
  cache: RouteCache,
  out: Insertion,
  bound = Infinity,
  exact = true,
): Insertion {
  out.delta = Infinity;
  out.pickupAt = -1;
  out.dropoffAt = -1;
  out.violation = undefined;
  const N = p.nodeCount;
  const T = p.time;
  const C = p.cost;
  const E = p.earliest;
  const Lt = p.latest;
  const S = p.service;
  const nodes = cache.nodes;
  const B = cache.start;
  const W = cache.wait;
  const slack = cache.slack;
  const busy = cache.busy;
  const rideSlack = cache.rideSlack;
  const loadAfter = cache.loadAfter;
  const m = cache.len;
  const pn = p.pickupNode[r]!;
  const dn = p.dropoffNode[r]!;
  const maxRide = p.maxRide[r]!;
  const capBase = k * DIMS;
  const qBase = dn * DIMS; // dropoff load is the negated request load
  const q0 = -p.load[qBase]!;
  const q1 = -p.load[qBase + 1]!;
  const q2 = -p.load[qBase + 2]!;
  const c0 = p.capacity[capBase]!;
  const c1 = p.capacity[capBase + 1]!;
  const c2 = p.capacity[capBase + 2]!;
  let count = 0;
  let sawCapacity = false;
  let sawWindow = false;
  let sawRide = false;
  let sawShift = false;

  if (pn < 0) {
    // Only a dropoff to place (rider aboard): anywhere.
    for (let j = 0; j <= m; j++) {
      const a = nodes[j]!;
      const b = nodes[j + 1]!;
      const arr = B[j]! + S[a]! + T[a * N + dn]!;
      if (arr > Lt[dn]! + EPS) {
        sawWindow = true;
        break;
      }
      const bd = arr > E[dn]! ? arr : E[dn]!;
      const arrB = bd + S[dn]! + T[dn * N + b]!;
      const newB = arrB > E[b]! ? arrB : E[b]!;
      if (newB - B[j + 1]! > slack[j + 1]! + EPS) {
        if (cache.slackAtEnd[j + 1]) sawShift = true;
        else sawWindow = true;
        continue;
      }
      if (T[a * N + dn]! + S[dn]! + T[dn * N + b]! - T[a * N + b]! > rideSlack[j]! + EPS) {
        sawRide = true;
        continue;
      }
      const delta =
        C[a * N + dn]! + C[dn * N + b]! - C[a * N + b]! + delayCost(cache, j + 1, newB - B[j + 1]!);
      if (delta < bound) count = pushCandidate(count, j, j, delta);
    }
  } else {
    const sp = S[pn]!;
    const ep = E[pn]!;
    const lp = Lt[pn]!;
    const ed = E[dn]!;
    const ld = Lt[dn]!;
    const sd = S[dn]!;
    const tpd = T[pn * N + dn]!;
    const wr = p.waitWeight[r]!;
    const wf = cache.waitWeightFrom;
    // A dropoff's latest start narrowed to the latest pickup plus the ride limit: too late there
    // means the ride is too long (the reason coordinators see).
    const lateIsRide = ld >= lp + sp + maxRide - EPS;
    for (let i = 0; i <= m; i++) {
      const a = nodes[i]!;
      const b = nodes[i + 1]!;
      const la = i * DIMS;
      if (
        loadAfter[la]! + q0 > c0 + EPS ||
        loadAfter[la + 1]! + q1 > c1 + EPS ||
        loadAfter[la + 2]! + q2 > c2 + EPS
      ) {
        sawCapacity = true;
        continue;
      }
      const arrP = B[i]! + S[a]! + T[a * N + pn]!;
      if (arrP > lp + EPS) {
        sawWindow = true;
        break;
      }
      const bp = arrP > ep ? arrP : ep;
      const dp = bp + sp;
      const cap = C[a * N + pn]! + wr * (bp - ep);
      // Dropoff right after the pickup.
      {
        const arrD = dp + tpd;
        const bd = arrD > ed ? arrD : ed;
        if (bd > ld + EPS) {
          if (lateIsRide) sawRide = true;
          else sawWindow = true;
        } else if (tpd > maxRide + EPS || bd - lp - sp > maxRide + EPS) sawRide = true;
        else if (T[a * N + pn]! + sp + tpd + sd + T[dn * N + b]! - T[a * N + b]! > rideSlack[i]! + EPS)
          sawRide = true;
        else {
          const arrB = bd + sd + T[dn * N + b]!;
          const eb = E[b]!;
          const newB = arrB > eb ? arrB : eb;
          if (newB - B[i + 1]! > slack[i + 1]! + EPS) {
            if (cache.slackAtEnd[i + 1]) sawShift = true;
            else sawWindow = true;
          } else {
            const delta =
              cap +
              C[pn * N + dn]! +
              C[dn * N + b]! -
              C[a * N + b]! +
              delayCost(cache, i + 1, newB - B[i + 1]!);
            if (delta < bound) count = pushCandidate(count, i, i, delta);
          }
        }
      }
      if (i === m) continue;
      // Dropoff later: the pickup alone must fit first.
      const tpb = T[pn * N + b]!;
      const arrNext = dp + tpb;
      const eb = E[b]!;
      let push = (arrNext > eb ? arrNext : eb) - B[i + 1]!;
      if (push > slack[i + 1]! + EPS) {
        if (cache.slackAtEnd[i + 1]) sawShift = true;
        else sawWindow = true;
        continue;
      }
      if (push < 0) push = 0;
      // Latest start of the pickup: its window, and the next stop's latest start (earliest plus slack).
      const lateP = Math.min(lp, bp + B[i + 1]! + slack[i + 1]! - arrNext);
      if (T[a * N + pn]! + sp + tpb - T[a * N + b]! > rideSlack[i]! + EPS) {
        sawRide = true;
        continue;
      }
      const baseDelta = cap + C[pn * N + b]! - C[a * N + b]!;
      // Riders' wait added at the stops between the pickup and the dropoff, so far.
      let delayed = 0;
      for (let j = i + 1; j <= m; j++) {
        const x = nodes[j]!;
        delayed += push * (wf[j]! - wf[j + 1]!);
        const lx = j * DIMS;
        if (
          loadAfter[lx]! + q0 > c0 + EPS ||
          loadAfter[lx + 1]! + q1 > c1 + EPS ||
          loadAfter[lx + 2]! + q2 > c2 + EPS
        ) {
          sawCapacity = true;
          break;
        }
        const bx = B[j]! + push;
        const arrD = bx + S[x]! + T[x * N + dn]!;
        if (arrD > ld + EPS) {
          if (lateIsRide) sawRide = true;
          else sawWindow = true;
          break;
        }
        const rideLow = tpb + busy[j]! - busy[i + 1]! + S[x]! + T[x * N + dn]!;
        if (rideLow > maxRide + EPS) {
          sawRide = true;
          break;
        }
        // Any schedule starts the dropoff no earlier than here and the pickup no later than `lateP`.
        const bd = arrD > ed ? arrD : ed;
        if (bd - lateP - sp > maxRide + EPS) {
          sawRide = true;
          break;
        }
        const y = nodes[j + 1]!;
        if (T[x * N + dn]! + sd + T[dn * N + y]! - T[x * N + y]! > rideSlack[j]! + EPS) {
          sawRide = true;
        } else {
          const arrY = bd + sd + T[dn * N + y]!;
          const ey = E[y]!;
          const newY = arrY > ey ? arrY : ey;
          if (newY - B[j + 1]! > slack[j + 1]! + EPS) {
            if (cache.slackAtEnd[j + 1]) sawShift = true;
            else sawWindow = true;
          } else {
            const delta =
              baseDelta +
              C[x * N + dn]! +
              C[dn * N + y]! -
              C[x * N + y]! +
              delayed +
              delayCost(cache, j + 1, newY - B[j + 1]!);
            if (delta < bound) count = pushCandidate(count, i, j, delta);
          }
        }
        push -= W[j + 1]!;
        if (push < 0) push = 0;
      }
    }
  }

  if (!exact) {
    // Screening only: the cheapest candidate that passed the necessary conditions (an optimistic estimate).
    let best = -1;
    for (let c = 0; c < count; c++) if (best < 0 || candD[c]! < candD[best]!) best = c;
    if (best >= 0) {
      out.delta = candD[best]!;
      out.pickupAt = candI[best]!;
      out.dropoffAt = candJ[best]!;
      return out;
    }
  }
  // Exact check of survivors, cheapest first.
  let lastViolation: Violation | undefined;
  const need = m + 2;
  if (scratch.length < need) scratch = new Int32Array(Math.max(need, scratch.length * 2));
  for (let tries = 0; tries < count; tries++) {
    let best = -1;
    let bestDelta = Infinity;
    for (let c = 0; c < count; c++) {
      if (candD[c]! < bestDelta) {
        bestDelta = candD[c]!;
        best = c;
      }
    }
    if (best < 0) break;
    const i = candI[best]!;
    const j = candJ[best]!;
    candD[best] = Infinity;
    let w = 0;
    for (let x = 0; x < i; x++) scratch[w++] = nodes[x + 1]!;
    if (pn >= 0) scratch[w++] = pn;
    for (let x = i; x < j; x++) scratch[w++] = nodes[x + 1]!;
    scratch[w++] = dn;
    for (let x = j; x < m; x++) scratch[w++] = nodes[x + 1]!;
    const v = checkRoute(p, k, scratch, w);
    if (v === undefined) {
      out.delta = bestDelta;
      out.pickupAt = i;
      out.dropoffAt = j;
      return out;
    }
    lastViolation = v;
  }
  out.violation =
    lastViolation ??
    (sawRide
      ? 'max-ride-time'
      : sawWindow
        ? 'time-window'
        : sawShift
          ? 'shift-end'
          : sawCapacity
            ? 'capacity'
            : undefined);
  return out;
}
