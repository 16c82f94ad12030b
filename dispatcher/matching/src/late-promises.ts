import type { Problem } from './problem.js';

/**
 * A driver running late may already be unable to keep a committed pickup or drop-off within its
 * window (or a rider's ride-time limit, or the shift's end). The engine must still keep every
 * committed stop: left as they were, such a route fails the exact check, any plan that drops the
 * late rider then looks cheaper than the "infeasible" route, and the rider would vanish from the
 * driver's stops. So each given route is scheduled as driven (leave at once, wait only for a window
 * to open) and every limit it already breaks is loosened to what that schedule reaches: the
 * promise is kept late rather than broken, and no new request may make it later still.
 * Mutates `p`'s windows, ride limits and route limits; returns the number of limits loosened.
 */
export function keepLatePromises(p: Problem, routes: readonly (readonly number[])[]): number {
  const N = p.nodeCount;
  let loosened = 0;
  routes.forEach((route, k) => {
    if (route.length === 0) return;
    const startNode = 2 * k;
    const departure = p.earliest[startNode]! + p.service[startNode]!;
    let prev = startNode;
    let clock = departure;
    const pickupEnd = new Map<number, number>();
    for (const node of route) {
      const arrival = clock + p.time[prev * N + node]!;
      const start = Math.max(arrival, p.earliest[node]!);
      if (start > p.latest[node]!) {
        p.latest[node] = start;
        loosened++;
      }
      const r = p.requestOf[node]!;
      if (node === p.pickupNode[r]) pickupEnd.set(r, start + p.service[node]!);
      else if (pickupEnd.has(r)) {
        // (A rider already aboard has their limit in the drop-off's window, loosened above.)
        const ride = start - pickupEnd.get(r)!;
        if (ride > p.maxRide[r]!) {
          p.maxRide[r] = ride;
          loosened++;
        }
      }
      clock = start + p.service[node]!;
      prev = node;
    }
    const endNode = 2 * k + 1;
    const end = clock + p.time[prev * N + endNode]!;
    if (end > p.latest[endNode]!) {
      p.latest[endNode] = end;
      loosened++;
    }
    if (end - departure > p.maxDuration[k]!) {
      p.maxDuration[k] = end - departure;
      loosened++;
    }
  });
  return loosened;
}
