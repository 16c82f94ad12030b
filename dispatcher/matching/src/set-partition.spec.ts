import fc from 'fast-check';
import {
  buildProblem,
  checkRoute,
  construct,
  improve,
  createPrng,
  planarTravelTimes,
  recombine,
  RoutePool,
  setPartitionSearch,
  vehicleGroups,
  type Problem,
  type ProblemInput,
  type SetPartitionInput,
  type TripRequest,
  type Vehicle,
} from './index.js';
import { recombineParts, routeObjective } from './recombine.js';

/** Cheapest partition by enumerating every subset of columns (small problems only). */
function bruteForce(input: SetPartitionInput): number {
  let best = Infinity;
  const n = input.columns.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const count = new Array<number>(input.rowCount).fill(0);
    const used = input.groupLimit.map(() => 0);
    let cost = 0;
    for (let j = 0; j < n; j++) {
      if (!(mask & (1 << j))) continue;
      const c = input.columns[j]!;
      cost += c.cost;
      used[c.group]!++;
      for (const r of c.rows) count[r]!++;
    }
    if (count.every((x) => x === 1) && used.every((u, g) => u <= input.groupLimit[g]!))
      best = Math.min(best, cost);
  }
  return best;
}

const aSetPartition = fc
  .record({
    rowCount: fc.integer({ min: 1, max: 7 }),
    groupLimit: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 }),
    columns: fc.array(
      fc.record({
        rows: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }),
        cost: fc.integer({ min: 1, max: 100 }),
        group: fc.integer({ min: 0, max: 1 }),
      }),
      { minLength: 1, maxLength: 13 },
    ),
    slack: fc.integer({ min: -50, max: 400 }),
  })
  .map(({ rowCount, groupLimit, columns, slack }) => {
    const cols = columns
      .map((c) => ({ ...c, rows: c.rows.filter((r) => r < rowCount), group: c.group % groupLimit.length }))
      .filter((c) => c.rows.length > 0);
    return { rowCount, groupLimit, columns: cols, upperBound: 150 + slack };
  });

describe('setPartitionSearch', () => {
  it('finds the cheapest partition below the bound, or none when there is none', () => {
    fc.assert(
      fc.property(aSetPartition, (input) => {
        const optimum = bruteForce(input);
        const chosen = setPartitionSearch(input);
        if (optimum >= input.upperBound - 1e-7) {
          expect(chosen).toBeUndefined();
          return;
        }
        expect(chosen).toBeDefined();
        const count = new Array<number>(input.rowCount).fill(0);
        const used = input.groupLimit.map(() => 0);
        let cost = 0;
        for (const j of chosen!) {
          const c = input.columns[j]!;
          cost += c.cost;
          used[c.group]!++;
          for (const r of c.rows) count[r]!++;
        }
        expect(count.every((x) => x === 1)).toBe(true);
        used.forEach((u, g) => expect(u).toBeLessThanOrEqual(input.groupLimit[g]!));
        expect(cost).toBeCloseTo(optimum, 9);
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});

/** Requests spread over a 100 × 100 square with pickup windows, ride limits and some service. */
function aDarp(requestCount: number, vehicleCount: number, seed: number): ProblemInput {
  let state = seed;
  const rand = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
  const vehicles: Vehicle[] = Array.from({ length: vehicleCount }, (_, k) => ({
    id: `v${k}`,
    at: [50, 50],
    endAt: [50, 50],
    capacity: { seats: 3 },
    shiftEndSeconds: 1000,
  }));
  const requests: TripRequest[] = Array.from({ length: requestCount }, (_, i) => {
    const opens = rand(600);
    return {
      id: `r${i}`,
      kind: 'ride',
      pickup: [rand(100), rand(100)],
      dropoff: [rand(100), rand(100)],
      pickupWindow: [opens, opens + 60],
      maxRideSeconds: 120,
      pickupServiceSeconds: 3,
      dropoffServiceSeconds: 3,
    };
  });
  return { requests, vehicles, travel: planarTravelTimes(1), weights: { perRiderWaitSecond: 0 } };
}

function served(p: Problem, routes: readonly (readonly number[])[]): number[] {
  const seen: number[] = [];
  for (const route of routes)
    for (const node of route) if (p.dropoffNode[p.requestOf[node]!] === node) seen.push(p.requestOf[node]!);
  return seen.sort((a, b) => a - b);
}

describe('RoutePool', () => {
  it('keeps one route per vehicle group and request set, the cheapest', () => {
    const built = buildProblem(aDarp(4, 3, 1));
    const p = built.problem;
    const pool = new RoutePool(p);
    expect([...vehicleGroups(p)]).toEqual([0, 0, 0]);
    const [a, b] = [0, 1].map((r) => [p.pickupNode[r]!, p.dropoffNode[r]!]);
    expect(pool.add(0, [...a!, ...b!], 50)).toBe(true);
    expect(pool.add(1, [...a!, ...b!], 50)).toBe(false); // same group, same requests, same cost
    expect(pool.add(2, [...b!, ...a!], 60)).toBe(false); // dearer order of the same requests
    expect(pool.add(2, [a![0]!, b![0]!, a![1]!, b![1]!], 40)).toBe(true); // cheaper order replaces
    expect(pool.add(0, [...a!], 20)).toBe(true);
    expect(pool.add(0, [], 0)).toBe(false);
    expect(pool.size).toBe(2);
    const routes = pool.routes();
    expect(routes.map((r) => r.requests)).toEqual([[0, 1], [0]]);
    expect(routes[0]!.cost).toBe(40);
  });

  it('stops taking new request sets when full, still taking cheaper orders', () => {
    const p = buildProblem(aDarp(3, 1, 2)).problem;
    const pool = new RoutePool(p, 1);
    const [a, b] = [0, 1].map((r) => [p.pickupNode[r]!, p.dropoffNode[r]!]);
    expect(pool.add(0, [...a!, ...b!], 50)).toBe(true);
    expect(pool.add(0, [...a!], 20)).toBe(false);
    expect(pool.add(0, [...b!, ...a!], 45)).toBe(true);
    expect(pool.routes().map((r) => r.cost)).toEqual([45]);
  });

  it('tells vehicles apart when they differ', () => {
    const input = aDarp(4, 3, 1);
    const vehicles = input.vehicles.map((v, k) => (k === 1 ? { ...v, capacity: { seats: 2 } } : v));
    expect([...vehicleGroups(buildProblem({ ...input, vehicles }).problem)]).toEqual([0, 1, 0]);
  });
});

/** Four short searches of one instance (seeds 1-4) and the pool of their final routes. */
function shortPlans(
  requests: number,
  vehicles: number,
  seed: number,
): { p: Problem; pool: RoutePool; plans: (readonly number[])[][] } {
  const built = buildProblem(aDarp(requests, vehicles, seed));
  const p = built.problem;
  const pool = new RoutePool(p);
  const plans = [1, 2, 3, 4].map((s) => {
    const solution = construct(built);
    improve(solution, { seed: s, iterations: 30 + 20 * s, recombineAt: [] });
    solution.routes.forEach((route, k) => pool.add(k, route, routeObjective(p, k, route)));
    return solution.routes.slice();
  });
  return { p, pool, plans };
}

function cost(p: Problem, routes: readonly (readonly number[])[]): number {
  return routes.reduce((c, route, k) => c + routeObjective(p, k, route), 0);
}

describe('recombine', () => {
  it('never returns a dearer or infeasible plan than the one given, and rejects a bad partition', () => {
    let better = 0;
    for (const seed of [1, 2, 3]) {
      const { p, pool, plans } = shortPlans(14, 3, seed);
      for (const routes of plans) {
        const before = cost(p, routes);
        const next = recombine(p, pool, routes, (input) => setPartitionSearch(input));
        if (next !== undefined) {
          better++;
          next.forEach((route, k) => expect(checkRoute(p, k, route)).toBeUndefined());
          expect(served(p, next)).toEqual(served(p, routes));
          expect(cost(p, next)).toBeLessThan(before);
        }
        // A solver answering every column (overlaps, too many per group) is refused.
        expect(recombine(p, pool, routes, (input) => input.columns.map((_, j) => j))).toBeUndefined();
      }
    }
    // Short searches from different seeds leave routes to recombine: some plan gets cheaper.
    expect(better).toBeGreaterThan(0);
  });

  it('re-plans only the vehicles it is given, and parts of a plan never make it dearer', () => {
    let better = 0;
    for (const seed of [1, 2, 3]) {
      const { p, pool, plans } = shortPlans(16, 5, seed);
      for (const routes of plans) {
        const before = cost(p, routes);
        const some = recombine(p, pool, routes, (input) => setPartitionSearch(input), undefined, [0, 2]);
        if (some !== undefined)
          some.forEach((route, k) => {
            if (k !== 0 && k !== 2) expect(route).toBe(routes[k]);
          });
        const next = recombineParts(
          p,
          pool,
          routes,
          (input) => setPartitionSearch(input),
          createPrng(seed),
          2,
          20,
        );
        if (next !== undefined) {
          better++;
          next.forEach((route, k) => expect(checkRoute(p, k, route)).toBeUndefined());
          expect(served(p, next)).toEqual(served(p, routes));
          expect(cost(p, next)).toBeLessThan(before);
        }
        // Parts as large as the busy fleet are the whole plan: left to `recombine`.
        const busy = routes.filter((route) => route.length > 0).length;
        expect(
          recombineParts(p, pool, routes, (input) => setPartitionSearch(input), createPrng(1), busy, 5),
        ).toBeUndefined();
      }
    }
    expect(better).toBeGreaterThan(0);
  });

  it('leaves the search feasible and deterministic', () => {
    const run = (): number[][] => {
      const built = buildProblem(aDarp(20, 3, 7));
      const solution = construct(built);
      const stats = improve(solution, { seed: 5, iterations: 400 });
      expect(stats.recombinations).toBe(4);
      solution.routes.forEach((route, k) => expect(checkRoute(built.problem, k, route)).toBeUndefined());
      return solution.routes.map((route) => [...route]);
    };
    expect(run()).toEqual(run());
  });
});
