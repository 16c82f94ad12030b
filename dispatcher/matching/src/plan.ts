import { improve, type LnsOptions, type LnsStats } from './lns.js';
import { buildProblem, type BuiltProblem, type ProblemInput } from './problem.js';
import { repair } from './repair.js';
import { scheduleRoute } from './route.js';
import { Solution } from './solution.js';

/** How a static plan is built. */
export interface PlanOptions extends LnsOptions {
  /** Construction: `'regret'` (regret-2 insertion, default) or `'sequential'` (cheapest insertion, one request at a time by earliest pickup). */
  readonly construction?: 'regret' | 'sequential';
  /** Run the large-neighbourhood search after construction. Default true. */
  readonly improve?: boolean;
}

/** One stop of a planned route with its times, seconds. */
export interface PlannedStopTime {
  readonly requestId: string;
  readonly type: 'pickup' | 'dropoff';
  readonly arrivalSeconds: number;
  /** Start of service (after any wait). */
  readonly startSeconds: number;
}

/** A vehicle's planned route. */
export interface PlannedRoute {
  readonly vehicleId: string;
  readonly departureSeconds: number;
  readonly endSeconds: number;
  /** Travel cost of the route. */
  readonly cost: number;
  readonly stops: readonly PlannedStopTime[];
}

/** A plan: routes, what could not be served, and its cost. */
export interface Plan {
  readonly routes: readonly PlannedRoute[];
  readonly unassigned: readonly string[];
  /** Total travel cost of all routes. */
  readonly travelCost: number;
  /** Travel cost plus the caller's weighted terms (penalties of unserved requests excluded). */
  readonly cost: number;
  /** Every route passed the exact check. */
  readonly feasible: boolean;
  readonly stats: LnsStats;
}

/** Builds the initial solution of a built problem: given stops, then insertion of everything else. */
export function construct(built: BuiltProblem, construction: 'regret' | 'sequential' = 'regret'): Solution {
  const p = built.problem;
  const solution = new Solution(p, built.initialRoutes);
  const pool: number[] = [...built.pendingFixed];
  for (let r = 0; r < built.newRequestCount; r++) pool.push(r);
  if (construction === 'regret') {
    repair(solution, pool, { regret: 2 });
  } else {
    const order = pool.slice().sort((a, b) => {
      const ea = p.pickupNode[a]! >= 0 ? p.earliest[p.pickupNode[a]!]! : -Infinity;
      const eb = p.pickupNode[b]! >= 0 ? p.earliest[p.pickupNode[b]!]! : -Infinity;
      return ea - eb || a - b;
    });
    for (const r of order) repair(solution, [r], { regret: 1 });
  }
  return solution;
}

/** Turns a solution back into the caller's vocabulary, with exact schedules. */
export function describe(built: BuiltProblem, solution: Solution, stats: LnsStats): Plan {
  const p = built.problem;
  let travelCost = 0;
  let extra = 0;
  let feasible = true;
  const routes: PlannedRoute[] = solution.routes.map((route, k) => {
    const result = scheduleRoute(p, k, route);
    const vehicleId = built.vehicles[k]!.id;
    if (result.violation !== undefined) {
      feasible = false;
      return { vehicleId, departureSeconds: NaN, endSeconds: NaN, cost: solution.caches[k]!.cost, stops: [] };
    }
    const s = result.schedule;
    travelCost += s.cost;
    return {
      vehicleId,
      departureSeconds: s.departure,
      endSeconds: s.end,
      cost: s.cost,
      stops: route.map((node, x) => {
        const r = p.requestOf[node]!;
        return {
          requestId: built.requests[r]!.id,
          type: p.pickupNode[r] === node ? ('pickup' as const) : ('dropoff' as const),
          arrivalSeconds: s.arrival[x]!,
          startSeconds: s.start[x]!,
        };
      }),
    };
  });
  const unassigned: string[] = [];
  solution.vehicleOf.forEach((k, r) => {
    if (k < 0) unassigned.push(built.requests[r]!.id);
    else extra += p.extraCost[r * p.vehicleCount + k]!;
  });
  return { routes, unassigned, travelCost, cost: travelCost + extra, feasible, stats };
}

/**
 * Static planning of pre-booked trips (e.g. tomorrow's rota): construction by insertion, then
 * large-neighbourhood search within the budget of `options`. Vehicles' existing stops are kept as a
 * starting point and may be reordered; requests bound to a vehicle stay with it.
 */
export function planRoutes(input: ProblemInput, options: PlanOptions = {}): Plan {
  const built = buildProblem(input);
  const solution = construct(built, options.construction);
  const stats =
    options.improve === false ? { iterations: 0, improvements: 0, elapsedMs: 0 } : improve(solution, options);
  return describe(built, solution, stats);
}
