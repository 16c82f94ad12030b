import type { Problem } from './problem.js';
import type { RouteCache } from './route-cache.js';

/**
 * What one second of a rider's wait for pickup costs, in cost units (a second of driving costs 1 by
 * default): `TravelCostWeights.perRiderWaitSecond`'s default. With driving time alone as the
 * objective, a pickup anywhere inside its window costs the same, so pooling pushes pickups to the
 * window's end; at 0.5 a pooled route saves its riders' waits unless that costs more than twice as
 * much driving. Measured in `npm run bench:day` (ADR 0033): in a 3,000-request city 0.5 took the
 * wait p95 from 13.1 to 10.9 min for 0.3 % more vehicle-km, 1.5 to 8.4 min for 2.5 % more (past
 * the 0.70 × taxi target); the morning of the demo town from 12.3 to 4.8 min.
 * Tasks (parcels, errands) wait free within their window.
 */
export const RIDER_WAIT_WEIGHT = 0.5;

/**
 * Cost of delaying by `delaySeconds` the start of service at position `x` of the cached route (and,
 * through it, every later stop): the wait weight of each pickup at or after `x` times its delay. A
 * delay shrinks by each wait it meets on the route's earliest schedule (a stop waiting for its window
 * to open absorbs that much) and ends once absorbed. O(number of waits met).
 */
export function delayCost(cache: RouteCache, x: number, delaySeconds: number): number {
  const end = cache.len + 1;
  let delay = delaySeconds;
  let cost = 0;
  let y = x;
  while (delay > 0 && y < end) {
    const next = cache.nextWait[y]!;
    cost += delay * (cache.waitWeightFrom[y]! - cache.waitWeightFrom[next]!);
    if (next >= end) break;
    delay -= cache.wait[next]!;
    y = next;
  }
  return cost;
}

/**
 * Weighted wait of the pickups of vehicle k's `route` (interior stops) on its earliest schedule:
 * Σ weight × (start of service − opening of the pickup window). O(len).
 */
export function routeWaitCost(p: Problem, k: number, route: ArrayLike<number>, len = route.length): number {
  const N = p.nodeCount;
  let prev = 2 * k;
  let t = p.earliest[prev]!;
  let cost = 0;
  for (let i = 0; i < len; i++) {
    const node = route[i]!;
    const arrival = t + p.service[prev]! + p.time[prev * N + node]!;
    const e = p.earliest[node]!;
    t = arrival > e ? arrival : e;
    const r = p.requestOf[node]!;
    if (p.pickupNode[r] === node) cost += p.waitWeight[r]! * (t - e);
    prev = node;
  }
  return cost;
}
