/** A set-partitioning problem: choose columns covering every row exactly once, at least cost. */
export interface SetPartitionInput {
  readonly rowCount: number;
  readonly columns: readonly {
    /** Rows covered, distinct, each in `0 .. rowCount - 1`. */
    readonly rows: readonly number[];
    readonly cost: number;
    /** At most `groupLimit[group]` columns of a group may be chosen. */
    readonly group: number;
  }[];
  readonly groupLimit: readonly number[];
  /** Only a partition cheaper than this is wanted. */
  readonly upperBound: number;
  /** The caller's budget, asked now and then: once it answers true, the best partition found so far is returned. */
  readonly stop?: () => boolean;
}

/** Solves a set-partitioning problem; returns the chosen columns' indices, or undefined when none beats the bound. */
export type SetPartitionSolver = (input: SetPartitionInput) => readonly number[] | undefined;

/** The columns in flat arrays: rows of column j at `rows[start[j] .. start[j + 1])`. */
interface Flat {
  readonly start: Int32Array;
  readonly rows: Int32Array;
  readonly cost: Float64Array;
  /** Columns of each row, and of each group. */
  readonly byRow: number[][];
  readonly byGroup: number[][];
}

function flatten(input: SetPartitionInput): Flat {
  const { rowCount, columns, groupLimit } = input;
  const start = new Int32Array(columns.length + 1);
  columns.forEach((c, j) => (start[j + 1] = start[j]! + c.rows.length));
  const rows = new Int32Array(start[columns.length]!);
  const cost = new Float64Array(columns.length);
  const byRow: number[][] = Array.from({ length: rowCount }, () => []);
  const byGroup: number[][] = groupLimit.map(() => []);
  columns.forEach((c, j) => {
    rows.set(c.rows, start[j]);
    cost[j] = c.cost;
    for (const r of c.rows) byRow[r]!.push(j);
    byGroup[c.group]!.push(j);
  });
  return { start, rows, cost, byRow, byGroup };
}

/** Reduced costs of every column under multipliers u. */
function reducedCosts(f: Flat, u: Float64Array, out: Float64Array): void {
  const { start, rows, cost } = f;
  for (let j = 0; j < cost.length; j++) {
    let v = cost[j]!;
    for (let x = start[j]!; x < start[j + 1]!; x++) v -= u[rows[x]!]!;
    out[j] = v;
  }
}

/** Of columns `js`, the at most `limit` of least `rc` below `below`, least first (no full sort). */
function least(rc: Float64Array, js: readonly number[], limit: number, top: number[], below = 0): number[] {
  top.length = 0;
  if (limit <= 0) return top;
  for (const j of js) {
    const v = rc[j]!;
    if (v >= below || (top.length === limit && v >= rc[top[limit - 1]!]!)) continue;
    let h = top.length < limit ? top.length : limit - 1;
    top[h] = j;
    while (h > 0 && rc[top[h - 1]!]! > v) {
      top[h] = top[h - 1]!;
      top[h - 1] = j;
      h--;
    }
  }
  return top;
}

/**
 * Lower-bound multipliers for the rows (a feasible solution of the LP relaxation's dual: for every
 * column, the multipliers of its rows add up to at most its cost), by dual ascent from the columns'
 * cost shares: each row in turn is raised by the least slack of the columns covering it.
 */
function dualAscent(f: Flat, rowCount: number): Float64Array {
  const { start, rows, cost, byRow } = f;
  const u = new Float64Array(rowCount).fill(Infinity);
  for (let j = 0; j < cost.length; j++) {
    const share = cost[j]! / (start[j + 1]! - start[j]!);
    for (let x = start[j]!; x < start[j + 1]!; x++) if (share < u[rows[x]!]!) u[rows[x]!] = share;
  }
  for (let r = 0; r < rowCount; r++) if (u[r] === Infinity) u[r] = 0;
  const slack = new Float64Array(cost.length);
  reducedCosts(f, u, slack);
  for (let r = 0; r < rowCount; r++) {
    let least = Infinity;
    for (const j of byRow[r]!) if (slack[j]! < least) least = slack[j]!;
    if (least === Infinity || least <= 1e-9) continue;
    u[r] = u[r]! + least;
    for (const j of byRow[r]!) slack[j] = slack[j]! - least;
  }
  return u;
}

/**
 * Lagrangian lower bound (rows relaxed, group limits kept) by subgradient optimisation from a dual
 * ascent: for multipliers u the bound is Σ u plus, per group, the `groupLimit` most negative reduced
 * costs. Returns the best multipliers and their bound (the LP relaxation's bound when it converges).
 */
function lagrangian(
  input: SetPartitionInput,
  f: Flat,
  maxIterations: number,
  from?: Float64Array,
): { multipliers: Float64Array; bound: number } {
  const { rowCount, groupLimit } = input;
  const { start, rows } = f;
  const u = from?.slice() ?? dualAscent(f, rowCount);
  let best = u.slice();
  let bestBound = -Infinity;
  const rc = new Float64Array(f.cost.length);
  const s = new Float64Array(rowCount);
  const top: number[] = [];
  let lambda = 2;
  let stale = 0;
  for (let it = 0; it < maxIterations && lambda > 1e-4 && !(input.stop?.() ?? false); it++) {
    let bound = 0;
    for (let r = 0; r < rowCount; r++) bound += u[r]!;
    reducedCosts(f, u, rc);
    s.fill(1);
    f.byGroup.forEach((js, g) => {
      for (const j of least(rc, js, groupLimit[g]!, top)) {
        bound += rc[j]!;
        for (let x = start[j]!; x < start[j + 1]!; x++) s[rows[x]!] = s[rows[x]!]! - 1;
      }
    });
    if (bound > bestBound + 1e-9) {
      bestBound = bound;
      best = u.slice();
      stale = 0;
    } else if (++stale >= 15) {
      lambda /= 2;
      stale = 0;
    }
    let norm = 0;
    for (let r = 0; r < rowCount; r++) norm += s[r]! * s[r]!;
    const target = Number.isFinite(input.upperBound) ? input.upperBound : bestBound * 1.01 + 1;
    if (norm === 0 || target - bestBound < 1e-6) break;
    const step = (lambda * Math.max(target - bound, 1e-6)) / norm;
    for (let r = 0; r < rowCount; r++) u[r] = u[r]! + step * s[r]!;
  }
  return { multipliers: best, bound: bestBound };
}

/** `lagrangian` on a problem as given (exported for tests and measurements). */
export function lagrangianBound(
  input: SetPartitionInput,
  maxIterations = 200,
): { multipliers: Float64Array; bound: number } {
  return lagrangian(input, flatten(input), maxIterations);
}

/**
 * Depth-first branch and bound for set partitioning, pure and small. Lagrangian multipliers
 * (`lagrangianBound`, on a core of `coreSize` columns per row re-priced against all) give every column a reduced cost and the problem a lower bound; columns that
 * cannot lead below `upperBound` are dropped. Rows are covered in a fixed order (fewest columns
 * first): at each node the first uncovered row is branched on, over the columns that cover it and no
 * covered row, by increasing reduced cost, pruned when the node's bound (cost so far, multipliers of
 * the uncovered rows, the most negative reduced costs the groups' remaining room allows) reaches the
 * best cost known. Stops after `maxSteps` columns examined (or when `stop` says so), returning the best partition found so far
 * (a heuristic when the limit binds), or undefined when none beats `upperBound`.
 */
export function setPartitionSearch(
  input: SetPartitionInput,
  maxSteps = 20_000_000,
  coreSize = 25,
): number[] | undefined {
  const { rowCount, columns, groupLimit } = input;
  if (rowCount === 0) return 0 < input.upperBound ? [] : undefined;
  const f = flatten(input);
  // Multipliers from a core of the columns (those of least reduced cost for each row), re-priced
  // against all columns: the subgradient's cost grows with the columns, and the pool has thousands.
  let u = dualAscent(f, rowCount);
  const reduced = new Float64Array(columns.length);
  reducedCosts(f, u, reduced);
  const inCore = new Uint8Array(columns.length);
  const top: number[] = [];
  for (const list of f.byRow) for (const j of least(reduced, list, coreSize, top, Infinity)) inCore[j] = 1;
  for (let round = 0; round < 3; round++) {
    const core: number[] = [];
    inCore.forEach((x, j) => x && core.push(j));
    const coreInput = { ...input, columns: core.map((j) => columns[j]!) };
    u = lagrangian(coreInput, flatten(coreInput), 300, u).multipliers;
    reducedCosts(f, u, reduced);
    let added = 0;
    reduced.forEach((v, j) => {
      if (v < 0 && !inCore[j]) {
        inCore[j] = 1;
        added++;
      }
    });
    if (added === 0 || input.stop?.() === true) break;
  }
  // negative[g][m]: sum of the m most negative reduced costs of group g.
  const negative = f.byGroup.map((js, g) => {
    const limit = groupLimit[g]!;
    const out = new Float64Array(limit + 1);
    least(reduced, js, limit, top).forEach((j, m) => (out[m + 1] = out[m]! + reduced[j]!));
    for (let m = top.length + 1; m <= limit; m++) out[m] = out[m - 1]!;
    return out;
  });
  let rest0 = 0;
  for (let r = 0; r < rowCount; r++) rest0 += u[r]!;
  let neg0 = 0;
  groupLimit.forEach((limit, g) => (neg0 += negative[g]![limit]!));
  // The Lagrangian bound of u over every column: a valid lower bound.
  if (rest0 + neg0 >= input.upperBound - 1e-7) return undefined;
  const W = (rowCount + 31) >>> 5;
  const bits = new Uint32Array(columns.length * W);
  const byRow: number[][] = Array.from({ length: rowCount }, () => []);
  // A column whose reduced cost alone lifts the bound to the incumbent is in no better partition.
  const kept: number[] = [];
  columns.forEach((c, j) => {
    const g = c.group;
    const limit = groupLimit[g]!;
    if (
      limit > 0 &&
      rest0 + neg0 - negative[g]![limit]! + negative[g]![limit - 1]! + reduced[j]! < input.upperBound
    )
      kept.push(j);
  });
  // In increasing reduced cost (one sort), so that each row's list comes out sorted.
  kept.sort((a, b) => reduced[a]! - reduced[b]!);
  for (const j of kept)
    for (const r of columns[j]!.rows) {
      bits[j * W + (r >>> 5)] = bits[j * W + (r >>> 5)]! | (1 << (r & 31));
      byRow[r]!.push(j);
    }
  const order = Array.from({ length: rowCount }, (_, r) => r).sort(
    (a, b) => byRow[a]!.length - byRow[b]!.length || a - b,
  );

  const covered = new Uint32Array(W);
  const used = new Int32Array(groupLimit.length);
  const chosen: number[] = [];
  let best: number[] | undefined;
  let bestCost = input.upperBound;
  let steps = 0;
  const eps = 1e-7;

  // A completion costs its columns' reduced costs plus the multipliers of the rows it covers: at
  // least `rest` (multipliers of uncovered rows) plus `neg` (the most negative reduced costs left room for).
  const dfs = (at: number, cost: number, rest: number, neg: number): void => {
    while (at < rowCount && covered[order[at]! >>> 5]! & (1 << (order[at]! & 31))) at++;
    if (at === rowCount) {
      if (cost < bestCost - eps) {
        bestCost = cost;
        best = chosen.slice();
      }
      return;
    }
    for (const j of byRow[order[at]!]!) {
      if (cost + rest + reduced[j]! + neg >= bestCost - eps) break;
      if (++steps > maxSteps || ((steps & 4095) === 0 && input.stop?.() === true)) {
        steps = Infinity;
        break;
      }
      const c = columns[j]!;
      const g = c.group;
      const room = groupLimit[g]! - used[g]!;
      if (room <= 0) continue;
      const childNeg = neg - negative[g]![room]! + negative[g]![room - 1]!;
      if (cost + rest + reduced[j]! + childNeg >= bestCost - eps) continue;
      let clash = false;
      for (let w = 0; w < W; w++)
        if (covered[w]! & bits[j * W + w]!) {
          clash = true;
          break;
        }
      if (clash) continue;
      for (let w = 0; w < W; w++) covered[w] = covered[w]! | bits[j * W + w]!;
      used[g] = used[g]! + 1;
      chosen.push(j);
      dfs(at + 1, cost + c.cost, rest + reduced[j]! - c.cost, childNeg);
      chosen.pop();
      used[g] = used[g] - 1;
      for (let w = 0; w < W; w++) covered[w] = covered[w]! & ~bits[j * W + w]!;
    }
  };
  dfs(0, 0, rest0, neg0);
  return best;
}
