import type { Problem } from './problem.js';
import { RouteCache } from './route-cache.js';
import { spliceInto, type Insertion } from './insert.js';

/**
 * A set of routes, one per vehicle, with each route's insertion cache. Route arrays are never
 * mutated in place (each change makes a new array), so a snapshot is a shallow copy of `routes`.
 */
export class Solution {
  readonly routes: (readonly number[])[];
  readonly caches: RouteCache[];
  /** Vehicle serving each request, or -1. */
  readonly vehicleOf: Int32Array;
  /** Whether each route was last set by an exactly checked insertion. */
  readonly checked: Uint8Array;

  constructor(
    readonly problem: Problem,
    routes: readonly (readonly number[])[],
  ) {
    this.routes = routes.map((r) => r);
    this.caches = routes.map(() => new RouteCache());
    this.vehicleOf = new Int32Array(problem.requestCount).fill(-1);
    this.checked = new Uint8Array(routes.length);
    this.routes.forEach((route, k) => {
      this.caches[k]!.refresh(problem, k, route);
      for (const node of route) this.vehicleOf[problem.requestOf[node]!] = k;
    });
  }

  /** Travel cost plus the caller's terms plus the penalty of every unserved request. */
  total(): number {
    const p = this.problem;
    let c = 0;
    for (const cache of this.caches) c += cache.cost;
    for (let r = 0; r < p.requestCount; r++) {
      const k = this.vehicleOf[r]!;
      c += k < 0 ? p.unassignedPenalty[r]! : p.extraCost[r * p.vehicleCount + k]!;
    }
    return c;
  }

  /** Replaces vehicle k's route. */
  setRoute(k: number, route: readonly number[], checked = false): void {
    this.routes[k] = route;
    this.checked[k] = checked ? 1 : 0;
    this.caches[k]!.refresh(this.problem, k, route);
  }

  /** Applies an insertion found (and exactly checked) by `bestInsertion` for request r into vehicle k. */
  insert(r: number, k: number, ins: Insertion): void {
    const next: number[] = [];
    spliceInto(
      this.routes[k]!,
      this.problem.pickupNode[r]!,
      this.problem.dropoffNode[r]!,
      ins.pickupAt,
      ins.dropoffAt,
      next,
    );
    this.vehicleOf[r] = k;
    this.setRoute(k, next, true);
  }

  /**
   * Takes request r out of its route (no-op when unserved); returns the vehicle it left. With
   * `refresh = false` the route's cache is left stale: the caller refreshes it (`refresh(k)`) before
   * reading it.
   */
  remove(r: number, refresh = true): number {
    const k = this.vehicleOf[r]!;
    if (k < 0) return -1;
    const p = this.problem;
    const pn = p.pickupNode[r];
    const dn = p.dropoffNode[r];
    const route = this.routes[k]!.filter((node) => node !== pn && node !== dn);
    if (refresh) this.setRoute(k, route);
    else {
      this.routes[k] = route;
      this.checked[k] = 0;
    }
    this.vehicleOf[r] = -1;
    return k;
  }

  /** Recomputes vehicle k's cache after removals made with `refresh = false`. */
  refresh(k: number): void {
    this.caches[k]!.refresh(this.problem, k, this.routes[k]!);
  }

  /** Copies another solution of the same problem into this one. */
  copyFrom(other: Solution): void {
    other.routes.forEach((route, k) => {
      if (this.routes[k] !== route) this.setRoute(k, route);
    });
    this.vehicleOf.set(other.vehicleOf);
  }
}
