import { localSearch } from './local-search.js';
import { twoOptStar } from './two-opt-star.js';
import { createPrng } from './prng.js';
import { destroy, type RemovalKind } from './removal.js';
import { repair, repairInOrder } from './repair.js';
import { recombine, recombineParts } from './recombine.js';
import { RoutePool } from './route-pool.js';
import { checkRoute } from './route.js';
import { setPartitionSearch, type SetPartitionSolver } from './set-partition.js';
import type { Solution } from './solution.js';

/** Budget and knobs of the adaptive large-neighbourhood search. */
export interface LnsOptions {
  /** Seed of the search's random choices. Default 1. */
  readonly seed?: number;
  /** Maximum iterations. Default 10,000. With no `clock`, the result depends only on seed and this. */
  readonly iterations?: number;
  /**
   * Wall-clock budget, milliseconds; needs `clock`. Default: none. Checked between iterations: no
   * iteration starts that would end past it at the pace of the longest so far.
   */
  readonly timeLimitMs?: number;
  /** The caller's clock in milliseconds (e.g. `performance.now`); the core never reads time itself. */
  readonly clock?: () => number;
  /** Fewest and most requests removed per iteration, as fractions of the served ones. Defaults 0.1 and 0.4. */
  readonly minRemoveFraction?: number;
  readonly maxRemoveFraction?: number;
  /** Most requests removed per iteration. Default 40. */
  readonly maxRemove?: number;
  /** Simulated annealing: a solution this much worse (fraction) is accepted with probability ½ at first. Default 0.03. */
  readonly startWorse?: number;
  /**
   * Acceptance of a worse solution: `'annealing'` (simulated annealing, default) or `'record'`
   * (record-to-record travel: within `startWorse` of the best, shrinking linearly to 0).
   */
  readonly acceptance?: 'annealing' | 'record';
  /** Polish each new best solution by relocate, exchange and 2-opt* moves. Default true. */
  readonly localSearch?: boolean;
  /**
   * Swap the tails of routes where both vehicles are empty (2-opt*, `two-opt-star.ts`, at most 3
   * swaps) in every repaired plan before it is judged. Default true; the dispatcher's short batch LNS
   * turns it off (`dispatcher/src/batch/batch-improve.ts`). `localSearch` tries 2-opt* either way.
   */
  readonly tailSwaps?: boolean;
  /**
   * Fractions of the budget (iterations or time) at which the distinct feasible routes met so far
   * are recombined by set partitioning (`recombine.ts`); the search goes on from the result when it
   * is better than the best. Default [0.25, 0.5, 0.75, 0.9]; [] turns recombination off.
   */
  readonly recombineAt?: readonly number[];
  /** With a clock and a time limit, the most one recombination may take, as a fraction of the limit. Default 0.04. */
  readonly recombineShare?: number;
  /**
   * With a clock and a time limit, when the recombination of the whole plan is stopped at half its
   * time, the rest goes to recombining parts of the plan: this many busy vehicles at a time, drawn
   * at random (`recombineParts` in `recombine.ts`). Default 5; 0 turns it off.
   */
  readonly recombineParts?: number;
  /** The set-partitioning solver. Default: `setPartitionSearch` (pure depth-first branch and bound). */
  readonly setPartition?: SetPartitionSolver;
}

/** What the search did. */
export interface LnsStats {
  iterations: number;
  improvements: number;
  /** Elapsed milliseconds on the caller's clock (0 without one). */
  elapsedMs: number;
  /** Set-partitioning recombinations run, and how many of them gave a new best. */
  recombinations?: number;
  recombinationGains?: number;
  /** Distinct routes in the pool at the end. */
  poolSize?: number;
}

interface Operator<T> {
  readonly value: T;
  weight: number;
  score: number;
  uses: number;
}

function roulette<T>(ops: Operator<T>[], u: number): Operator<T> {
  let total = 0;
  for (const op of ops) total += op.weight;
  let x = u * total;
  for (const op of ops) {
    x -= op.weight;
    if (x <= 0) return op;
  }
  return ops[ops.length - 1]!;
}

/**
 * Improves `solution` in place by adaptive large-neighbourhood search (Ropke & Pisinger 2006):
 * each iteration removes some requests (random, worst, related, route removal) and reinserts them
 * (greedy or regret-2/3/4, with or without noise), accepts by simulated annealing, and adapts the
 * operators' weights to their success. Every kept route passes the exact route check. Deterministic
 * for a given seed and iteration budget. Returns statistics; `solution` ends as the best found.
 */
export function improve(solution: Solution, options: LnsOptions = {}): LnsStats {
  const p = solution.problem;
  const prng = createPrng(options.seed ?? 1);
  const clock = options.clock;
  const started = clock?.() ?? 0;
  const limit = options.timeLimitMs ?? Infinity;
  const maxIterations = options.iterations ?? 10_000;
  const served = (): number => solution.vehicleOf.reduce((n, k) => n + (k >= 0 ? 1 : 0), 0);
  const movable = Math.max(1, served());
  const qMin = Math.max(1, Math.round((options.minRemoveFraction ?? 0.1) * movable));
  const qMax = Math.max(
    qMin,
    Math.min(options.maxRemove ?? 40, Math.round((options.maxRemoveFraction ?? 0.4) * movable)),
  );
  // The noise's scale: the largest arc cost, kept by `buildProblem` (scanning N² here took a tenth of
  // a large batch's engine time).
  const maxCost = p.maxCost;

  const destroys: Operator<RemovalKind>[] = (['random', 'worst', 'related', 'route'] as const).map(
    (value) => ({
      value,
      weight: 1,
      score: 0,
      uses: 0,
    }),
  );
  // Regret-1..4 (re-ranking every request after each insertion), or one pass in a random or
  // pickup-time order (cheaper, so more iterations); each with or without noise.
  const repairs: Operator<{ regret: number; noise: number; order?: 'random' | 'time' }>[] = [
    ...[1, 2, 3, 4].map((regret) => ({ regret })),
    ...(['random', 'time'] as const).map((order) => ({ regret: 1, order })),
  ].flatMap((kind) =>
    [0, 0.025].map((noise) => ({ value: { ...kind, noise }, weight: 1, score: 0, uses: 0 })),
  );
  const pickupTime = (r: number): number => {
    const pn = p.pickupNode[r]!;
    return pn >= 0 ? p.earliest[pn]! : -Infinity;
  };

  let current = solution.total();
  let bestCost = current;
  let bestRoutes = solution.routes.slice();
  let bestVehicleOf = solution.vehicleOf.slice();
  const startTemp = (-(options.startWorse ?? 0.03) * Math.max(current, 1e-9)) / Math.log(0.5);
  const endTemp = startTemp / 500;
  const stats: LnsStats = { iterations: 0, improvements: 0, elapsedMs: 0 };
  const segment = 100;
  const record = options.acceptance === 'record';
  const recordStart = options.startWorse ?? 0.03;
  const recombineAt = [...(options.recombineAt ?? [0.25, 0.5, 0.75, 0.9])].sort((a, b) => a - b);
  const solveSp = options.setPartition ?? ((input) => setPartitionSearch(input));
  const pool = recombineAt.length > 0 ? new RoutePool(p) : undefined;
  // Vehicle k's current route with its objective (its cache is fresh whenever this is called).
  const pooled = (k: number): void => {
    const route = solution.routes[k]!;
    let cost = solution.caches[k]!.cost;
    for (const node of route) {
      const r = p.requestOf[node]!;
      if (p.dropoffNode[r] === node) cost += p.extraCost[r * p.vehicleCount + k]!;
    }
    pool?.add(k, route, cost);
  };
  if (pool !== undefined) for (let k = 0; k < p.vehicleCount; k++) pooled(k);
  let nextRecombination = 0;
  // The budget is checked between iterations: an iteration is not started when the longest so far
  // would end past it (with thousands of drivers one can take tens of ms, as long as the budget).
  let longest = 0;
  let iterationStarted = started;

  for (let it = 0; it < maxIterations; it++) {
    let progress = it / maxIterations;
    if (clock !== undefined && limit !== Infinity) {
      const now = clock();
      if (it > 0) longest = Math.max(longest, now - iterationStarted);
      iterationStarted = now;
      const elapsed = now - started;
      if (elapsed >= limit || elapsed + longest > limit) break;
      progress = Math.max(progress, elapsed / limit);
    }
    if (
      pool !== undefined &&
      nextRecombination < recombineAt.length &&
      progress >= recombineAt[nextRecombination]!
    ) {
      nextRecombination++;
      stats.recombinations = (stats.recombinations ?? 0) + 1;
      // With a clock, each recombination may take at most `recombineShare` of the budget.
      const share = options.recombineShare ?? 0.04;
      const deadline = clock !== undefined && limit !== Infinity ? clock() + share * limit : Infinity;
      const stop = deadline === Infinity ? undefined : (): boolean => clock!() >= deadline;
      // The whole plan first, in half the time; when that search is cut short (not proven to have
      // no better partition), parts of the plan in the other half.
      const half =
        deadline === Infinity ? undefined : (): boolean => clock!() >= deadline - (share * limit) / 2;
      let next = recombine(p, pool, bestRoutes, solveSp, half);
      const partSize = options.recombineParts ?? 5;
      if (next === undefined && half?.() === true && partSize > 0)
        next = recombineParts(p, pool, bestRoutes, solveSp, prng, partSize, 1000, stop);
      if (next !== undefined) {
        next.forEach((route, k) => {
          if (solution.routes[k] !== route) solution.setRoute(k, route, true);
        });
        solution.vehicleOf.fill(-1);
        next.forEach((route, k) => {
          for (const node of route) solution.vehicleOf[p.requestOf[node]!] = k;
        });
        if (options.localSearch !== false) localSearch(solution);
        const cost = solution.total();
        if (cost < bestCost - 1e-9) {
          stats.recombinationGains = (stats.recombinationGains ?? 0) + 1;
          bestCost = cost;
          bestRoutes = solution.routes.slice();
          bestVehicleOf = solution.vehicleOf.slice();
          for (let k = 0; k < p.vehicleCount; k++) pooled(k);
        }
        current = solution.total();
      }
    }
    const temp = startTemp * Math.pow(endTemp / startTemp, progress);
    const snapshot = solution.routes.slice();
    const vehicleOf = solution.vehicleOf.slice();
    const d = roulette(destroys, prng.next());
    const rp = roulette(repairs, prng.next());
    const q = qMin + prng.int(qMax - qMin + 1);
    const removed = destroy(solution, d.value, q, prng);
    const unassigned: number[] = [];
    solution.vehicleOf.forEach((k, r) => {
      if (k < 0 && !removed.includes(r)) unassigned.push(r);
    });
    const open = [...removed, ...unassigned];
    const repairOptions = { regret: rp.value.regret, noise: rp.value.noise, noiseScale: maxCost, prng };
    if (rp.value.order === undefined) repair(solution, open, repairOptions);
    else {
      if (rp.value.order === 'time') open.sort((a, b) => pickupTime(a) - pickupTime(b) || a - b);
      else
        for (let i = open.length - 1; i > 0; i--) {
          const j = prng.int(i + 1);
          const x = open[i]!;
          open[i] = open[j]!;
          open[j] = x;
        }
      repairInOrder(solution, open, repairOptions);
    }
    let feasible = true;
    for (let k = 0; k < snapshot.length && feasible; k++) {
      if (
        solution.routes[k] !== snapshot[k] &&
        !solution.checked[k] &&
        checkRoute(p, k, solution.routes[k]!) !== undefined
      )
        feasible = false;
    }
    // Swapping route tails where vans are empty (2-opt*) reaches plans the one-request repair cannot.
    if (feasible && options.tailSwaps !== false) twoOptStar(solution, 3);
    let cost = feasible ? solution.total() : Infinity;
    if (feasible && pool !== undefined)
      for (let k = 0; k < snapshot.length; k++) if (solution.routes[k] !== snapshot[k]) pooled(k);
    d.uses++;
    rp.uses++;
    let reward = 0;
    if (cost < bestCost - 1e-9) {
      if (options.localSearch !== false) {
        localSearch(solution);
        cost = solution.total();
      }
      bestCost = cost;
      bestRoutes = solution.routes.slice();
      bestVehicleOf = solution.vehicleOf.slice();
      if (pool !== undefined) for (let k = 0; k < snapshot.length; k++) pooled(k);
      current = cost;
      reward = 33;
      stats.improvements++;
    } else if (cost < current - 1e-9) {
      current = cost;
      reward = 9;
    } else if (
      cost < Infinity &&
      (record
        ? cost < bestCost * (1 + recordStart * (1 - progress))
        : prng.next() < Math.exp(-(cost - current) / temp))
    ) {
      if (cost > current + 1e-9) reward = 13;
      current = cost;
    } else {
      snapshot.forEach((route, k) => {
        if (solution.routes[k] !== route) solution.setRoute(k, route);
      });
      solution.vehicleOf.set(vehicleOf);
    }
    d.score += reward;
    rp.score += reward;
    stats.iterations = it + 1;
    if ((it + 1) % segment === 0) {
      for (const op of [...destroys, ...repairs]) {
        if (op.uses > 0) op.weight = 0.8 * op.weight + 0.2 * (op.score / op.uses);
        op.weight = Math.max(op.weight, 0.05);
        op.score = 0;
        op.uses = 0;
      }
    }
  }
  bestRoutes.forEach((route, k) => {
    if (solution.routes[k] !== route) solution.setRoute(k, route);
  });
  solution.vehicleOf.set(bestVehicleOf);
  stats.elapsedMs = clock !== undefined ? clock() - started : 0;
  if (pool !== undefined) stats.poolSize = pool.size;
  return stats;
}
