import { bestInsertion, noInsertion } from './insert.js';
import type { BuiltProblem } from './problem.js';
import type { Solution } from './solution.js';

/** One request's evaluation on every vehicle: its total cost there, or why it cannot go there. */
export interface CandidateRow {
  /** Added travel and riders' wait plus caller terms per vehicle; Infinity when infeasible or excluded. */
  readonly total: Float64Array;
  readonly pickupAt: Int32Array;
  readonly dropoffAt: Int32Array;
  /** Reason per vehicle when infeasible or excluded. */
  readonly reason: (string | undefined)[];
}

/** Exact cheapest insertion of request r into every vehicle's current route. */
export function evaluateCandidates(built: BuiltProblem, solution: Solution, r: number): CandidateRow {
  const p = built.problem;
  const K = p.vehicleCount;
  const total = new Float64Array(K).fill(Infinity);
  const pickupAt = new Int32Array(K).fill(-1);
  const dropoffAt = new Int32Array(K).fill(-1);
  const reason: (string | undefined)[] = new Array<string | undefined>(K);
  const ins = noInsertion();
  for (let k = 0; k < K; k++) {
    if (!p.allowed[r * K + k]) {
      reason[k] = built.exclusion[r * K + k] ?? 'excluded-by-rule';
      continue;
    }
    bestInsertion(p, k, r, solution.caches[k]!, ins);
    if (ins.delta === Infinity) {
      reason[k] = ins.violation ?? 'time-window';
      continue;
    }
    total[k] = ins.delta + p.extraCost[r * K + k]!;
    pickupAt[k] = ins.pickupAt;
    dropoffAt[k] = ins.dropoffAt;
  }
  return { total, pickupAt, dropoffAt, reason };
}
