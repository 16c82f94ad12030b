import { bestInsertion, noInsertion } from './insert.js';
import type { Prng } from './prng.js';
import type { Solution } from './solution.js';

/** How requests are put back into routes. */
export interface RepairOptions {
  /**
   * Regret degree: 1 = greedy (cheapest first), k ≥ 2 = regret-k (the request that would lose most by
   * waiting goes first). Default 2.
   */
  readonly regret?: number;
  /** Random noise on insertion costs, as a fraction of `noiseScale` (0 = none). */
  readonly noise?: number;
  readonly noiseScale?: number;
  readonly prng?: Prng;
}

const BIG = 1e9;

/**
 * Inserts every request of `pool` into `solution` by regret-k insertion, each time into the route
 * where it is cheapest (added travel and riders' wait plus the caller's terms). Insertion costs are
 * cached per (request, vehicle) and recomputed only for the route that changed; they are first screened
 * (necessary conditions only) and checked exactly when chosen. Returns the requests that could not be
 * inserted anywhere.
 */
export function repair(solution: Solution, pool: readonly number[], options: RepairOptions = {}): number[] {
  const p = solution.problem;
  const K = p.vehicleCount;
  const regret = Math.max(1, options.regret ?? 2);
  const noise = options.noise ?? 0;
  const scale = options.noiseScale ?? 0;
  const prng = options.prng;
  const open = [...pool];
  const n = open.length;
  const value = new Float64Array(n * K).fill(Infinity);
  const pickAt = new Int32Array(n * K);
  const dropAt = new Int32Array(n * K);
  const ins = noInsertion();
  const sorted = new Float64Array(Math.max(regret, 1));

  const exact = new Uint8Array(n * K);
  // The rounds below scan only the vehicles each request may go to (a vehicle not on its list
  // stays at Infinity, which the scan skipped anyway: the same choices, in the same order).
  const allowedOf = open.map((r) => p.allowedVehicles[r]!);
  const evaluate = (slot: number, k: number, check: boolean): void => {
    const r = open[slot]!;
    const at = slot * K + k;
    if (!p.allowed[r * K + k]) {
      value[at] = Infinity;
      return;
    }
    exact[at] = check ? 1 : 0;
    bestInsertion(p, k, r, solution.caches[k]!, ins, Infinity, check);
    if (ins.delta === Infinity) {
      value[at] = Infinity;
      return;
    }
    let v = ins.delta + p.extraCost[r * K + k]!;
    if (noise > 0 && prng !== undefined) v += (prng.next() * 2 - 1) * noise * scale;
    value[at] = v;
    pickAt[at] = ins.pickupAt;
    dropAt[at] = ins.dropoffAt;
  };

  const alive = new Uint8Array(n).fill(1);
  for (let slot = 0; slot < n; slot++) {
    const ks = allowedOf[slot]!;
    for (let i = 0; i < ks.length; i++) evaluate(slot, ks[i]!, false);
  }
  const left: number[] = [];
  for (let round = 0; round < n;) {
    let chosen = -1;
    let chosenK = -1;
    let bestScore = -Infinity;
    let bestCost = Infinity;
    for (let slot = 0; slot < n; slot++) {
      if (!alive[slot]) continue;
      sorted.fill(Infinity);
      let k1 = -1;
      const ks = allowedOf[slot]!;
      for (let i = 0; i < ks.length; i++) {
        const k = ks[i]!;
        const v = value[slot * K + k]!;
        if (v >= sorted[regret - 1]!) continue;
        let h = regret - 1;
        while (h > 0 && sorted[h - 1]! > v) {
          sorted[h] = sorted[h - 1]!;
          h--;
        }
        sorted[h] = v;
        if (h === 0) k1 = k;
      }
      const c1 = sorted[0]!;
      if (c1 === Infinity) continue;
      let score = 0;
      if (regret > 1) {
        for (let h = 1; h < regret; h++) {
          const ch = sorted[h]!;
          score += (ch === Infinity ? BIG : ch) - c1;
        }
      } else score = -c1;
      if (score > bestScore || (score === bestScore && c1 < bestCost)) {
        bestScore = score;
        bestCost = c1;
        chosen = slot;
        chosenK = k1;
      }
    }
    if (chosen < 0) break;
    const at = chosen * K + chosenK;
    if (!exact[at]) {
      // Ranked on a screened estimate: check it exactly, then choose again.
      evaluate(chosen, chosenK, true);
      continue;
    }
    round++;
    const r = open[chosen]!;
    ins.pickupAt = pickAt[at]!;
    ins.dropoffAt = dropAt[at]!;
    solution.insert(r, chosenK, ins);
    alive[chosen] = 0;
    for (let slot = 0; slot < n; slot++) if (alive[slot]) evaluate(slot, chosenK, false);
  }
  for (let slot = 0; slot < n; slot++) if (alive[slot]) left.push(open[slot]!);
  return left;
}

/**
 * Inserts the requests of `pool` one at a time in the given order, each at its cheapest exactly
 * checked place (added travel and riders' wait plus the caller's terms, plus noise when asked): a
 * cheaper repair than regret-k, which re-ranks every request after each insertion (the "recreate"
 * of SISR, Christiaens & Vanden Berghe 2020). Returns the requests that fitted nowhere.
 */
export function repairInOrder(
  solution: Solution,
  pool: readonly number[],
  options: RepairOptions = {},
): number[] {
  const p = solution.problem;
  const K = p.vehicleCount;
  const noise = options.noise ?? 0;
  const scale = options.noiseScale ?? 0;
  const prng = options.prng;
  const ins = noInsertion();
  const best = noInsertion();
  const left: number[] = [];
  const estimate = new Float64Array(K);
  const extra = new Float64Array(K);
  const order: number[] = [];
  for (const r of pool) {
    // Screen every route (a lower bound), then check exactly in that order while it can still win.
    order.length = 0;
    const ks = p.allowedVehicles[r]!;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      const jitter = noise > 0 && prng !== undefined ? (prng.next() * 2 - 1) * noise * scale : 0;
      extra[k] = p.extraCost[r * K + k]! + jitter;
      bestInsertion(p, k, r, solution.caches[k]!, ins, Infinity, false);
      if (ins.delta === Infinity) continue;
      estimate[k] = ins.delta + extra[k];
      order.push(k);
    }
    order.sort((a, b) => estimate[a]! - estimate[b]!);
    let bestK = -1;
    let bestValue = Infinity;
    for (const k of order) {
      if (estimate[k]! >= bestValue) break;
      bestInsertion(p, k, r, solution.caches[k]!, ins, bestValue - extra[k]!);
      if (ins.delta + extra[k]! < bestValue) {
        bestValue = ins.delta + extra[k]!;
        bestK = k;
        best.pickupAt = ins.pickupAt;
        best.dropoffAt = ins.dropoffAt;
        best.delta = ins.delta;
      }
    }
    if (bestK < 0) left.push(r);
    else solution.insert(r, bestK, best);
  }
  return left;
}
