import { DIMS, type Problem } from './problem.js';
import { routeObjective } from './recombine.js';
import { EPS, checkRoute } from './route.js';
import type { Solution } from './solution.js';

/** Positions of vehicle k's cached route after which the vehicle is empty (every load dimension 0). */
function emptyCuts(solution: Solution, k: number): number[] {
  const cache = solution.caches[k]!;
  const L = cache.loadAfter;
  const cuts: number[] = [];
  for (let x = 0; x <= cache.len; x++) {
    let empty = true;
    for (let d = 0; d < DIMS && empty; d++) if (L[x * DIMS + d]! !== 0) empty = false;
    if (empty) cuts.push(x);
  }
  return cuts;
}

/** Whether every request with a stop in `stops[from..)` may ride vehicle k (and is not aboard at a start). */
function tailMayMove(p: Problem, stops: readonly number[], from: number, k: number): boolean {
  const K = p.vehicleCount;
  for (let x = from; x < stops.length; x++) {
    const r = p.requestOf[stops[x]!]!;
    if (!p.allowed[r * K + k] || p.pickupNode[r]! < 0) return false;
  }
  return true;
}

interface TailSwap {
  /** Travel change of the swap. */
  readonly delta: number;
  readonly k: number;
  readonly l: number;
  /** Cut after position i of k's route and j of l's (0 = the start). */
  readonly i: number;
  readonly j: number;
}

/**
 * Whether vehicle k, leaving stop `a` at position i of its cached route, could still serve the
 * stops of vehicle l's route after position j (or reach its own end when there are none): the
 * earliest arrival must not push them past their forward time slack (Savelsbergh). A necessary
 * condition only; the exact check decides.
 */
function tailReachable(solution: Solution, k: number, i: number, l: number, j: number): boolean {
  const p = solution.problem;
  const N = p.nodeCount;
  const ck = solution.caches[k]!;
  const cl = solution.caches[l]!;
  const a = ck.nodes[i]!;
  const leave = ck.start[i]! + p.service[a]!;
  if (j === cl.len) return leave + p.time[a * N + 2 * k + 1]! <= p.latest[2 * k + 1]! + EPS;
  const b = cl.nodes[j + 1]!;
  const arrival = leave + p.time[a * N + b]!;
  const push = (arrival > p.earliest[b]! ? arrival : p.earliest[b]!) - cl.start[j + 1]!;
  // A slack bound by l's own end says nothing of k's end: the exact check decides then.
  return push <= cl.slack[j + 1]! + EPS || cl.slackAtEnd[j + 1] === 1;
}

/**
 * Every tail swap between two routes, cut where both vehicles are empty, that lowers travel and
 * passes the time screen, cheapest first.
 */
function travelSaving(solution: Solution): TailSwap[] {
  const p = solution.problem;
  const K = p.vehicleCount;
  const N = p.nodeCount;
  const C = p.cost;
  const out: TailSwap[] = [];
  const cuts: number[][] = [];
  for (let k = 0; k < K; k++) cuts.push(emptyCuts(solution, k));
  for (let k = 0; k < K; k++) {
    const ck = solution.caches[k]!;
    const mk = ck.len;
    const lastK = ck.nodes[mk]!;
    for (let l = k + 1; l < K; l++) {
      const cl = solution.caches[l]!;
      const ml = cl.len;
      // Two idle vehicles have nothing to swap: skipping them keeps a batch with a large fleet and
      // few routes at busy × fleet pairs instead of fleet².
      if (mk === 0 && ml === 0) continue;
      const lastL = cl.nodes[ml]!;
      for (const i of cuts[k]!) {
        const a = ck.nodes[i]!;
        const aNext = ck.nodes[i + 1]!;
        // k's stops after i go to l and end at l's end; l's stops after j come to k.
        const intoL = i < mk ? C[lastK * N + 2 * l + 1]! - C[lastK * N + 2 * k + 1]! : 0;
        for (const j of cuts[l]!) {
          if ((i === mk && j === ml) || (i === 0 && j === 0)) continue;
          const b = cl.nodes[j]!;
          const bNext = cl.nodes[j + 1]!;
          const toK = j < ml ? bNext : 2 * k + 1;
          const toL = i < mk ? aNext : 2 * l + 1;
          const intoK = j < ml ? C[lastL * N + 2 * k + 1]! - C[lastL * N + 2 * l + 1]! : 0;
          const delta =
            C[a * N + toK]! + C[b * N + toL]! - C[a * N + aNext]! - C[b * N + bNext]! + intoK + intoL;
          if (delta < -1e-9 && tailReachable(solution, k, i, l, j) && tailReachable(solution, l, j, k, i))
            out.push({ delta, k, l, i, j });
        }
      }
    }
  }
  return out.sort((x, y) => x.delta - y.delta);
}

/** Makes the swap when both routes pass the exact check and the total falls; returns the gain or 0. */
function trySwap(solution: Solution, s: TailSwap): number {
  const p = solution.problem;
  const rk = solution.routes[s.k]!;
  const rl = solution.routes[s.l]!;
  if (!tailMayMove(p, rk, s.i, s.l) || !tailMayMove(p, rl, s.j, s.k)) return 0;
  const nk = [...rk.slice(0, s.i), ...rl.slice(s.j)];
  const nl = [...rl.slice(0, s.j), ...rk.slice(s.i)];
  const gain =
    routeObjective(p, s.k, rk) +
    routeObjective(p, s.l, rl) -
    routeObjective(p, s.k, nk) -
    routeObjective(p, s.l, nl);
  if (gain <= 1e-9) return 0;
  if (checkRoute(p, s.k, nk) !== undefined || checkRoute(p, s.l, nl) !== undefined) return 0;
  solution.setRoute(s.k, nk, true);
  solution.setRoute(s.l, nl, true);
  for (const node of nk) solution.vehicleOf[p.requestOf[node]!] = s.k;
  for (const node of nl) solution.vehicleOf[p.requestOf[node]!] = s.l;
  return gain;
}

/**
 * 2-opt* between routes (Potvin & Rousseau 1995) for pickup and delivery: cuts two routes where
 * both vehicles are empty and swaps their tails, so the rest of one vehicle's day moves to another
 * in one step, which moving requests one at a time cannot do without passing through worse plans.
 * Tails holding a request not allowed on the other vehicle, or aboard at the start, stay. Swaps are
 * tried in increasing travel change; the first whose two routes pass the exact route check and
 * lower the total (travel, riders' wait, the caller's terms) is made, at most `maxMoves` times.
 * Returns the total improvement.
 */
export function twoOptStar(solution: Solution, maxMoves = 20): number {
  let gained = 0;
  for (let move = 0; move < maxMoves; move++) {
    let gain = 0;
    for (const s of travelSaving(solution)) {
      gain = trySwap(solution, s);
      if (gain > 0) break;
    }
    if (gain <= 0) break;
    gained += gain;
  }
  return gained;
}
