import { evaluateCandidates, type CandidateRow } from './candidates.js';
import { travelTerm, totalOf, waitingFor, waitTerm, type Exclusion, type Explanation } from './explain.js';
import { assignWithPenalty } from './hungarian.js';
import { noInsertion } from './insert.js';
import { improve, type LnsOptions } from './lns.js';
import { describe, type PlannedRoute } from './plan.js';
import { buildProblem, type BuiltProblem, type ProblemInput } from './problem.js';
import { removalGain } from './removal.js';
import { repair } from './repair.js';
import { routeCost } from './route.js';
import { Solution } from './solution.js';
import { routeWaitCost } from './wait.js';

/** Options of a batch decision. */
export interface BatchOptions {
  /** Improve all routes not yet driven by LNS after assigning (new requests may move). Default: off. */
  readonly improve?: LnsOptions;
}

/** The outcome of one batch: who goes where, the new routes, and why. */
export interface BatchResult {
  /** One explanation per request of the batch, in input order. */
  readonly explanations: readonly Explanation[];
  /** The new route of every vehicle whose route changed, with exact times. */
  readonly routes: readonly PlannedRoute[];
  readonly unassigned: readonly string[];
  /** Objective of the exact assignment stage: sum of chosen costs plus penalties of requests left to repair. */
  readonly assignmentCost: number;
  /** Cost added by the batch: travel, riders' wait for pickup and the caller's terms (penalties excluded). */
  readonly addedCost: number;
}

/**
 * Request × vehicle insertion-cost matrix (Infinity when infeasible) and its exact min-cost
 * assignment: at most one new request per vehicle, or "unassigned" at the request's penalty.
 * Exported for the benchmark.
 */
export function assignmentStage(
  built: BuiltProblem,
  solution: Solution,
): { rows: CandidateRow[]; matrix: Float64Array; vehicleOf: Int32Array; cost: number } {
  const p = built.problem;
  const R = built.newRequestCount;
  const K = p.vehicleCount;
  const rows = Array.from({ length: R }, (_, r) => evaluateCandidates(built, solution, r));
  const matrix = new Float64Array(R * K);
  for (let r = 0; r < R; r++) matrix.set(rows[r]!.total, r * K);
  const vehicleOf = assignWithPenalty(matrix, R, K, p.unassignedPenalty);
  let cost = 0;
  for (let r = 0; r < R; r++) {
    const k = vehicleOf[r]!;
    cost += k >= 0 ? matrix[r * K + k]! : p.unassignedPenalty[r]!;
  }
  return { rows, matrix, vehicleOf, cost };
}

/**
 * Live batch dispatch: the requests that arrived within one window are assigned jointly, not
 * first-come-first-served. (1) every request's cheapest feasible insertion into every vehicle's
 * current route; (2) exact min-cost assignment of requests to distinct vehicles (Hungarian), with
 * the unassigned penalty as the alternative; (3) repair: requests left over are inserted by regret-2
 * into the updated routes, then each request of the batch moves to where it is cheapest given the
 * others (pooling within the batch); (4) optionally LNS.
 * Vehicles' existing stops (`stops`, `aboard`, `assigned`) stay with them. Every route returned
 * passes the exact check. Pure: `input.now`, the travel times and the hooks are all it reads.
 */
export function assignBatch(input: ProblemInput, options: BatchOptions = {}): BatchResult {
  const built = buildProblem(input);
  const p = built.problem;
  const K = p.vehicleCount;
  const R = built.newRequestCount;
  const solution = new Solution(p, built.initialRoutes);
  if (built.pendingFixed.length > 0) repair(solution, built.pendingFixed, { regret: 2 });
  const before = solution.routes.slice();
  const beforeCost = solution.caches.map((c) => c.cost);

  const stage = assignmentStage(built, solution);
  const how: Explanation['stage'][] = new Array<Explanation['stage']>(R).fill('unserved');
  const ins = noInsertion();
  for (let r = 0; r < R; r++) {
    const k = stage.vehicleOf[r]!;
    if (k < 0) continue;
    ins.pickupAt = stage.rows[r]!.pickupAt[k]!;
    ins.dropoffAt = stage.rows[r]!.dropoffAt[k]!;
    solution.insert(r, k, ins);
    how[r] = 'assignment';
  }
  const rest: number[] = [];
  for (let r = 0; r < R; r++) if (stage.vehicleOf[r]! < 0) rest.push(r);
  if (rest.length > 0) {
    repair(solution, rest, { regret: 2 });
    for (const r of rest) if (solution.vehicleOf[r]! >= 0) how[r] = 'repair';
  }
  // Pooling within the batch: move a request to where the others now are when that is cheaper.
  for (let pass = 0; pass < 3; pass++) {
    let moved = false;
    // Costliest first, so a request driven far for itself joins others rather than pulling them along.
    const order: number[] = [];
    const gains = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      if (solution.vehicleOf[r]! < 0) continue;
      gains[r] = removalGain(solution, r);
      order.push(r);
    }
    order.sort((a, b) => gains[b]! - gains[a]! || a - b);
    for (const r of order) {
      const from = solution.vehicleOf[r]!;
      const gain = removalGain(solution, r);
      const old = solution.routes[from]!;
      solution.remove(r);
      const row = evaluateCandidates(built, solution, r);
      let to = from;
      for (let k = 0; k < K; k++) if (row.total[k]! < row.total[to]! - 1e-9) to = k;
      if (row.total[to]! === Infinity || (to !== from && row.total[to]! >= gain - 1e-9)) to = from;
      ins.pickupAt = row.pickupAt[to]!;
      ins.dropoffAt = row.dropoffAt[to]!;
      if (ins.pickupAt < 0) {
        // The old place is always feasible again; only the schedule heuristic could disagree.
        solution.setRoute(from, old);
        solution.vehicleOf[r] = from;
        continue;
      }
      solution.insert(r, to, ins);
      if (to !== from) {
        how[r] = 'repair';
        moved = true;
      }
    }
    if (!moved) break;
  }
  if (options.improve !== undefined) improve(solution, options.improve);

  const explanations = Array.from({ length: R }, (_, r) =>
    explain(built, solution, r, stage.rows[r]!, how[r]!),
  );
  const plan = describe(built, solution, { iterations: 0, improvements: 0, elapsedMs: 0 });
  const routes = plan.routes.filter((_, k) => solution.routes[k] !== before[k]);
  let addedCost = 0;
  for (let k = 0; k < K; k++) addedCost += solution.caches[k]!.cost - beforeCost[k]!;
  for (let r = 0; r < R; r++) {
    const k = solution.vehicleOf[r]!;
    if (k >= 0) addedCost += p.extraCost[r * K + k]!;
  }
  const unassigned = explanations.filter((e) => e.vehicleId === undefined).map((e) => e.requestId);
  return { explanations, routes, unassigned, assignmentCost: stage.cost, addedCost };
}

/** The explanation of request r's final place in `solution`. */
export function explain(
  built: BuiltProblem,
  solution: Solution,
  r: number,
  row: CandidateRow,
  stage: Explanation['stage'],
): Explanation {
  const p = built.problem;
  const K = p.vehicleCount;
  const k = solution.vehicleOf[r]!;
  const request = built.requests[r]!;
  let terms: Explanation['terms'] = [];
  if (k >= 0) {
    const route = solution.routes[k]!;
    const without = route.filter((n) => n !== p.pickupNode[r] && n !== p.dropoffNode[r]);
    const delta = routeCost(p, k, route) - routeCost(p, k, without);
    const w = built.riderWaitWeight;
    const waited = w > 0 ? (routeWaitCost(p, k, route) - routeWaitCost(p, k, without)) / w : 0;
    terms = [
      travelTerm(delta),
      ...(waited !== 0 ? [waitTerm(waited, w)] : []),
      ...(built.terms[r * K + k] ?? []),
    ];
  }
  const total = totalOf(terms);
  const others: Exclusion[] = [];
  for (let v = 0; v < K; v++) {
    if (v === k) continue;
    const vehicleId = built.vehicles[v]!.id;
    const reason = row.reason[v];
    if (reason !== undefined) others.push({ vehicleId, reason });
    else {
      const t = row.total[v]!;
      others.push({
        vehicleId,
        reason: k >= 0 && t < total ? 'taken-by-another-request' : 'costlier',
        total: t,
      });
    }
  }
  const waiting = k >= 0 ? undefined : waitingFor(others);
  return {
    requestId: request.id,
    vehicleId: k >= 0 ? built.vehicles[k]!.id : undefined,
    stage: k >= 0 ? stage : 'unserved',
    terms,
    total,
    others,
    ...(waiting ? { waitingFor: waiting } : {}),
  };
}
