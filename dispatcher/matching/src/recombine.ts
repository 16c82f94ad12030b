import type { Prng } from './prng.js';
import type { Problem } from './problem.js';
import { RouteCache } from './route-cache.js';
import type { RoutePool } from './route-pool.js';
import { checkRoute } from './route.js';
import type { SetPartitionSolver } from './set-partition.js';

const scratch = new RouteCache();

/** Vehicle k's part of the objective for `route`: travel, riders' wait and the caller's terms. */
export function routeObjective(p: Problem, k: number, route: readonly number[]): number {
  scratch.refresh(p, k, route);
  let c = scratch.cost;
  for (const node of route) {
    const r = p.requestOf[node]!;
    if (p.dropoffNode[r] === node) c += p.extraCost[r * p.vehicleCount + k]!;
  }
  return c;
}

/**
 * Set-partitioning recombination: the requests served by the routes of `vehicles` (default: every
 * vehicle) are covered again, each exactly once, by routes of the pool, at least cost, on those
 * same vehicles (at most as many routes per vehicle group as the group has among them); the other
 * vehicles keep their routes. Returns new routes per vehicle when `solve` finds a cheaper
 * partition, else undefined. Whatever the solver returns is checked: every request covered once,
 * group sizes kept, every route passing the exact check, and a lower total; otherwise undefined.
 * Requests unserved in `routes` stay unserved. `stop` is handed to the solver (the caller's time
 * budget).
 */
export function recombine(
  p: Problem,
  pool: RoutePool,
  routes: readonly (readonly number[])[],
  solve: SetPartitionSolver,
  stop?: () => boolean,
  vehicles: readonly number[] = routes.map((_, k) => k),
): (readonly number[])[] | undefined {
  const rowOf = new Int32Array(p.requestCount).fill(-1);
  let rowCount = 0;
  let before = 0;
  const groupLimit = pool.groupSize.map(() => 0);
  const free: number[][] = pool.groupSize.map(() => []);
  const next: (readonly number[])[] = routes.slice();
  for (const k of vehicles) {
    const g = pool.groups[k]!;
    groupLimit[g] = groupLimit[g]! + 1;
    free[g]!.push(k);
    next[k] = [];
    const route = routes[k]!;
    if (route.length === 0) continue;
    before += routeObjective(p, k, route);
    for (const node of route) {
      const r = p.requestOf[node]!;
      if (p.dropoffNode[r] === node) rowOf[r] = rowCount++;
    }
  }
  if (rowCount === 0) return undefined;
  const pooled = pool
    .routes()
    .filter((c) => groupLimit[c.group]! > 0 && c.requests.every((r) => rowOf[r]! >= 0));
  const columns = pooled.map((c) => ({
    rows: c.requests.map((r) => rowOf[r]!),
    cost: c.cost,
    group: c.group,
  }));
  const chosen = solve({ rowCount, columns, groupLimit, upperBound: before - 1e-6, stop });
  if (chosen === undefined) return undefined;
  const seen = new Uint8Array(rowCount);
  let after = 0;
  for (const j of chosen) {
    const c = pooled[j];
    if (c === undefined) return undefined;
    const k = free[c.group]!.shift();
    if (k === undefined) return undefined;
    for (const r of c.requests) {
      if (seen[rowOf[r]!]) return undefined;
      seen[rowOf[r]!] = 1;
    }
    if (checkRoute(p, k, c.route) !== undefined) return undefined;
    next[k] = c.route;
    after += routeObjective(p, k, c.route);
  }
  if (seen.some((s) => s === 0) || after >= before - 1e-6) return undefined;
  return next;
}

/**
 * Set-partitioning recombination of part of the plan: sets of `size` busy vehicles (with the idle
 * ones), drawn at random, re-planned from the pool (`recombine` on those vehicles), each gain kept
 * for the next sets, until `stop` or `sets` sets. For when the partition of the whole plan is
 * stopped before its end: a smaller problem is searched to its end in a few milliseconds. Returns
 * the improved routes, or undefined.
 */
export function recombineParts(
  p: Problem,
  pool: RoutePool,
  routes: readonly (readonly number[])[],
  solve: SetPartitionSolver,
  prng: Prng,
  size: number,
  sets: number,
  stop?: () => boolean,
): (readonly number[])[] | undefined {
  let current = routes.slice();
  let improved = false;
  const busy: number[] = [];
  const idle: number[] = [];
  routes.forEach((route, k) => (route.length > 0 ? busy : idle).push(k));
  if (busy.length <= size) return undefined;
  for (let s = 0; s < sets && stop?.() !== true; s++) {
    // A random `size` of the busy vehicles (partial Fisher-Yates).
    for (let i = 0; i < size; i++) {
      const j = i + prng.int(busy.length - i);
      const x = busy[i]!;
      busy[i] = busy[j]!;
      busy[j] = x;
    }
    const next = recombine(p, pool, current, solve, stop, [...busy.slice(0, size), ...idle]);
    if (next !== undefined) {
      current = next;
      improved = true;
    }
  }
  return improved ? current : undefined;
}
