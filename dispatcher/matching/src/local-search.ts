import { bestInsertion, noInsertion, type Insertion } from './insert.js';
import { removalGain } from './removal.js';
import type { Problem } from './problem.js';
import type { Solution } from './solution.js';
import { twoOptStar } from './two-opt-star.js';

const ins = noInsertion();
const other = noInsertion();

function cheapest(solution: Solution, r: number, skip: number, out: Insertion): number {
  const p = solution.problem;
  const K = p.vehicleCount;
  let bestK = -1;
  let best = Infinity;
  const ks = p.allowedVehicles[r]!;
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i]!;
    if (k === skip) continue;
    const extra = p.extraCost[r * K + k]!;
    bestInsertion(p, k, r, solution.caches[k]!, ins, best - extra);
    if (ins.delta + extra < best) {
      best = ins.delta + extra;
      bestK = k;
      out.pickupAt = ins.pickupAt;
      out.dropoffAt = ins.dropoffAt;
      out.delta = ins.delta;
    }
  }
  return bestK;
}

const neighbourhoods = new WeakMap<Problem, Map<number, { movable: number[]; near: number[][] }>>();

/**
 * The requests local search may move and, for each, the `neighbours` whose pickups and dropoffs are
 * closest: fixed for a problem, so computed once (the search calls local search on every new best).
 */
function neighbourhood(p: Problem, neighbours: number): { movable: number[]; near: number[][] } {
  let byCount = neighbourhoods.get(p);
  if (byCount === undefined) {
    byCount = new Map<number, { movable: number[]; near: number[][] }>();
    neighbourhoods.set(p, byCount);
  }
  const known = byCount.get(neighbours);
  if (known !== undefined) return known;
  const N = p.nodeCount;
  const movable: number[] = [];
  for (let r = 0; r < p.requestCount; r++)
    if (p.fixedVehicle[r]! < 0 && p.pickupNode[r]! >= 0) movable.push(r);
  const near = movable.map((r) => {
    const pr = p.pickupNode[r]!;
    return movable
      .filter((s) => s !== r)
      .map((s) => ({
        s,
        d: p.cost[pr * N + p.pickupNode[s]!]! + p.cost[p.dropoffNode[r]! * N + p.dropoffNode[s]!]!,
      }))
      .sort((a, b) => a.d - b.d)
      .slice(0, neighbours)
      .map((x) => x.s);
  });
  const made = { movable, near };
  byCount.set(neighbours, made);
  return made;
}

/**
 * Relocate: moves single requests to their cheapest feasible place (in another route or elsewhere in
 * their own) while that
 * lowers the total, then exchange: swaps two requests of different routes whose pickups are close
 * (each to its best place in the other's route) when that lowers the total, then 2-opt* (tails of
 * two routes swapped where both vehicles are empty: `two-opt-star.ts`). First improvement,
 * repeated until no move helps or `maxPasses` is reached. Returns the total improvement.
 */
export function localSearch(solution: Solution, maxPasses = 3, neighbours = 5): number {
  const p = solution.problem;
  const K = p.vehicleCount;
  const { movable, near } = neighbourhood(p, neighbours);
  let gained = 0;
  const place = noInsertion();
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (const r of movable) {
      const from = solution.vehicleOf[r]!;
      if (from < 0) continue;
      const gain = removalGain(solution, r);
      const route = solution.routes[from]!;
      const wasChecked = solution.checked[from] === 1;
      // Out of its route, then back at its cheapest place anywhere, its own route included.
      solution.remove(r);
      const to = cheapest(solution, r, -1, place);
      if (to >= 0 && place.delta + p.extraCost[r * K + to]! < gain - 1e-9) {
        solution.insert(r, to, place);
        gained += gain - place.delta - p.extraCost[r * K + to]!;
        improved = true;
      } else {
        solution.setRoute(from, route, wasChecked);
        solution.vehicleOf[r] = from;
      }
    }
    movable.forEach((a, i) => {
      for (const b of near[i]!) {
        const ka = solution.vehicleOf[a]!;
        const kb = solution.vehicleOf[b]!;
        if (ka < 0 || kb < 0 || ka === kb || !p.allowed[a * K + kb] || !p.allowed[b * K + ka]) continue;
        const before =
          solution.caches[ka]!.cost +
          solution.caches[kb]!.cost +
          p.extraCost[a * K + ka]! +
          p.extraCost[b * K + kb]!;
        const routeA = solution.routes[ka]!;
        const routeB = solution.routes[kb]!;
        solution.remove(a);
        solution.remove(b);
        bestInsertion(p, kb, a, solution.caches[kb]!, ins);
        bestInsertion(p, ka, b, solution.caches[ka]!, other);
        const after =
          solution.caches[ka]!.cost +
          solution.caches[kb]!.cost +
          ins.delta +
          other.delta +
          p.extraCost[a * K + kb]! +
          p.extraCost[b * K + ka]!;
        if (after < before - 1e-9) {
          solution.insert(a, kb, ins);
          solution.insert(b, ka, other);
          gained += before - after;
          improved = true;
        } else {
          solution.setRoute(ka, routeA, true);
          solution.setRoute(kb, routeB, true);
          solution.vehicleOf[a] = ka;
          solution.vehicleOf[b] = kb;
        }
      }
    });
    const swapped = twoOptStar(solution);
    if (swapped > 0) {
      gained += swapped;
      improved = true;
    }
    if (!improved) break;
  }
  return gained;
}
