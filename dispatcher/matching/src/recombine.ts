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
 * Set-partitioning recombination: the requests served by `routes` are covered again, each exactly
 * once, by routes of the pool (at most as many per vehicle group as it has vehicles), at least cost.
 * Returns new routes per vehicle when `solve` finds a cheaper partition, else undefined. Whatever the
 * solver returns is checked: every request covered once, group sizes kept, every route passing the
 * exact check, and a lower total; otherwise undefined. Requests unserved in `routes` stay unserved.
 * `stop` is handed to the solver (the caller's time budget).
 */
export function recombine(
  p: Problem,
  pool: RoutePool,
  routes: readonly (readonly number[])[],
  solve: SetPartitionSolver,
  stop?: () => boolean,
): (readonly number[])[] | undefined {
  const rowOf = new Int32Array(p.requestCount).fill(-1);
  let rowCount = 0;
  let before = 0;
  routes.forEach((route, k) => {
    if (route.length === 0) return;
    before += routeObjective(p, k, route);
    for (const node of route) {
      const r = p.requestOf[node]!;
      if (p.dropoffNode[r] === node) rowOf[r] = rowCount++;
    }
  });
  const pooled = pool.routes().filter((c) => c.requests.every((r) => rowOf[r]! >= 0));
  const columns = pooled.map((c) => ({
    rows: c.requests.map((r) => rowOf[r]!),
    cost: c.cost,
    group: c.group,
  }));
  const chosen = solve({ rowCount, columns, groupLimit: pool.groupSize, upperBound: before - 1e-6, stop });
  if (chosen === undefined) return undefined;
  const free: number[][] = pool.groupSize.map(() => []);
  pool.groups.forEach((g, k) => free[g]!.push(k));
  const next: (readonly number[])[] = routes.map(() => []);
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
