import { explain, type BatchResult } from './assign.js';
import { evaluateCandidates } from './candidates.js';
import { noInsertion } from './insert.js';
import { describe } from './plan.js';
import { buildProblem, type ProblemInput } from './problem.js';
import { repair } from './repair.js';
import { Solution } from './solution.js';

/**
 * Live dispatch of one request: its cheapest feasible insertion (added travel and riders' wait plus
 * the caller's terms) over the given vehicles — pass only the k nearest (see `nearest`) to bound the
 * work.
 * `input.requests` must hold exactly that one request. Returns the same shape as `assignBatch`.
 */
export function insertRequest(input: ProblemInput): BatchResult {
  if (input.requests.length !== 1) throw new Error('insertRequest: exactly one request');
  const built = buildProblem(input);
  const p = built.problem;
  const solution = new Solution(p, built.initialRoutes);
  if (built.pendingFixed.length > 0) repair(solution, built.pendingFixed, { regret: 2 });
  const before = solution.routes.slice();
  const beforeCost = solution.caches.reduce((s, c) => s + c.cost, 0);
  const row = evaluateCandidates(built, solution, 0);
  let best = -1;
  for (let k = 0; k < p.vehicleCount; k++)
    if (row.total[k]! < (best < 0 ? Infinity : row.total[best]!)) best = k;
  if (best >= 0 && row.total[best]! < p.unassignedPenalty[0]!) {
    const ins = noInsertion();
    ins.pickupAt = row.pickupAt[best]!;
    ins.dropoffAt = row.dropoffAt[best]!;
    solution.insert(0, best, ins);
  }
  const explanation = explain(built, solution, 0, row, 'insertion');
  const plan = describe(built, solution, { iterations: 0, improvements: 0, elapsedMs: 0 });
  const afterCost = solution.caches.reduce((s, c) => s + c.cost, 0);
  return {
    explanations: [explanation],
    routes: plan.routes.filter((_, k) => solution.routes[k] !== before[k]),
    unassigned: explanation.vehicleId === undefined ? [explanation.requestId] : [],
    assignmentCost: best >= 0 ? row.total[best]! : p.unassignedPenalty[0]!,
    addedCost: afterCost - beforeCost + (best >= 0 ? p.extraCost[best]! : 0),
  };
}
