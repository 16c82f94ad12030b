import type { Prng } from './prng.js';
import type { Solution } from './solution.js';

/** The destroy operators of the large-neighbourhood search. */
export type RemovalKind = 'random' | 'worst' | 'related' | 'route';

function served(solution: Solution): number[] {
  const out: number[] = [];
  solution.vehicleOf.forEach((k, r) => {
    if (k >= 0) out.push(r);
  });
  return out;
}

/** Picks an index of a list sorted best-first, biased towards the front: ⌊yᵖ·n⌋ (Ropke & Pisinger). */
function biased(prng: Prng, n: number, power: number): number {
  return Math.min(n - 1, Math.floor(Math.pow(prng.next(), power) * n));
}

/**
 * Reorders `items` (with `keys` alongside) so that position `n` holds the n-th smallest key
 * (quickselect, Hoare partition); returns n.
 */
function select(items: number[], keys: Float64Array, n: number): number {
  let lo = 0;
  let hi = items.length - 1;
  const swap = (a: number, b: number): void => {
    const x = items[a]!;
    items[a] = items[b]!;
    items[b] = x;
    const y = keys[a]!;
    keys[a] = keys[b]!;
    keys[b] = y;
  };
  while (lo < hi) {
    const pivot = keys[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i]! < pivot) i++;
      while (keys[j]! > pivot) j--;
      if (i <= j) {
        swap(i, j);
        i++;
        j--;
      }
    }
    if (n <= j) hi = j;
    else if (n >= i) lo = i;
    else break;
  }
  return n;
}

/** Cost saved by taking request r out of its route: travel, riders' wait (earliest schedule), terms. */
export function removalGain(solution: Solution, r: number): number {
  const p = solution.problem;
  const k = solution.vehicleOf[r]!;
  const route = solution.routes[k]!;
  const N = p.nodeCount;
  const C = p.cost;
  const T = p.time;
  const pn = p.pickupNode[r]!;
  const dn = p.dropoffNode[r]!;
  let prev = 2 * k;
  let kept = 0;
  let all = 0;
  let prevAll = 2 * k;
  // Both routes on their earliest schedules, for the riders' waits (the cache may be stale here:
  // `destroy` reads gains between removals).
  let tAll = p.earliest[prev]!;
  let t = tAll;
  let wait = 0;
  for (const node of route) {
    all += C[prevAll * N + node]!;
    const e = p.earliest[node]!;
    const q = p.requestOf[node]!;
    const w = p.pickupNode[q] === node ? p.waitWeight[q]! : 0;
    const arrivalAll = tAll + p.service[prevAll]! + T[prevAll * N + node]!;
    tAll = arrivalAll > e ? arrivalAll : e;
    wait += w * (tAll - e);
    prevAll = node;
    if (node === pn || node === dn) continue;
    kept += C[prev * N + node]!;
    const arrival = t + p.service[prev]! + T[prev * N + node]!;
    t = arrival > e ? arrival : e;
    wait -= w * (t - e);
    prev = node;
  }
  all += C[prevAll * N + 2 * k + 1]!;
  kept += C[prev * N + 2 * k + 1]!;
  return all - kept + wait + p.extraCost[r * p.vehicleCount + k]!;
}

/**
 * Removes about q served requests from `solution` with the given operator; returns them.
 * - random: uniformly;
 * - worst: those whose removal saves most, with a randomised bias (power 3);
 * - related (Shaw): requests close in space and time to a random seed request;
 * - route: every request of one random non-empty route.
 */
export function destroy(solution: Solution, kind: RemovalKind, q: number, prng: Prng): number[] {
  const p = solution.problem;
  const candidates = served(solution).filter((r) => p.fixedVehicle[r]! < 0 || p.pickupNode[r]! >= 0);
  if (candidates.length === 0) return [];
  q = Math.min(q, candidates.length);
  const removed: number[] = [];
  // Caches are refreshed once per route at the end: no operator reads them after a removal.
  const touched = new Set<number>();
  if (kind === 'random') {
    for (let i = 0; i < q; i++) {
      const at = i + prng.int(candidates.length - i);
      const r = candidates[at]!;
      candidates[at] = candidates[i]!;
      candidates[i] = r;
      touched.add(solution.remove(r, false));
      removed.push(r);
    }
  } else if (kind === 'worst') {
    // Gains change only on the route a request left: recompute those alone.
    const pool = candidates;
    const gains = pool.map((r) => removalGain(solution, r));
    const order = pool.map((_, i) => i);
    const keys = new Float64Array(order.length);
    while (removed.length < q && order.length > 0) {
      // The at-th largest gain without sorting them all (at is biased to the front).
      for (let i = 0; i < order.length; i++) keys[i] = -gains[order[i]!]!;
      const at = select(order, keys, biased(prng, order.length, 3));
      const r = pool[order[at]!]!;
      order[at] = order[order.length - 1]!;
      order.pop();
      const k = solution.remove(r, false);
      touched.add(k);
      removed.push(r);
      for (const i of order)
        if (solution.vehicleOf[pool[i]!] === k) gains[i] = removalGain(solution, pool[i]!);
    }
  } else if (kind === 'related') {
    const N = p.nodeCount;
    const time = new Float64Array(N);
    solution.caches.forEach((cache) => {
      for (let x = 1; x <= cache.len; x++) time[cache.nodes[x]!] = cache.start[x]!;
    });
    const C = p.cost;
    const relatedness = (a: number, b: number): number => {
      const pa = p.pickupNode[a]!;
      const pb = p.pickupNode[b]!;
      const da = p.dropoffNode[a]!;
      const db = p.dropoffNode[b]!;
      const dist = (pa >= 0 && pb >= 0 ? C[pa * N + pb]! : 0) + C[da * N + db]!;
      const dt = (pa >= 0 && pb >= 0 ? Math.abs(time[pa]! - time[pb]!) : 0) + Math.abs(time[da]! - time[db]!);
      return dist + 0.5 * dt;
    };
    const pool = [...candidates];
    const at0 = prng.int(pool.length);
    const first = pool[at0]!;
    pool[at0] = pool[pool.length - 1]!;
    pool.pop();
    touched.add(solution.remove(first, false));
    removed.push(first);
    const scores = new Float64Array(pool.length);
    while (removed.length < q && pool.length > 0) {
      const seed = removed[prng.int(removed.length)]!;
      for (let i = 0; i < pool.length; i++) scores[i] = relatedness(seed, pool[i]!);
      // The b-th most related without sorting them all (b is biased to the front).
      const at = select(pool, scores, biased(prng, pool.length, 6));
      const r = pool[at]!;
      pool[at] = pool[pool.length - 1]!;
      scores[at] = scores[pool.length - 1]!;
      pool.pop();
      touched.add(solution.remove(r, false));
      removed.push(r);
    }
  } else {
    const busy = solution.routes.map((route, k) => (route.length > 0 ? k : -1)).filter((k) => k >= 0);
    const k = busy[prng.int(busy.length)]!;
    for (const r of candidates) {
      if (solution.vehicleOf[r] === k) {
        touched.add(solution.remove(r, false));
        removed.push(r);
      }
    }
  }
  for (const k of touched) if (k >= 0) solution.refresh(k);
  return removed;
}
