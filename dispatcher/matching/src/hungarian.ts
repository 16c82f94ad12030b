/**
 * Exact minimum-cost assignment of every row to a distinct column (rows ≤ columns), by shortest
 * augmenting paths with potentials (the Hungarian method in Jonker-Volgenant form). `cost` is
 * row-major `rows × cols`; use a large finite number for forbidden cells. O(rows² × cols).
 * Returns the column of each row.
 */
export function solveAssignment(cost: Float64Array, rows: number, cols: number): Int32Array {
  if (rows > cols) throw new Error('solveAssignment: more rows than columns');
  // 1-based arrays; column 0 is the virtual start of each augmenting path.
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const rowOfCol = new Int32Array(cols + 1);
  const way = new Int32Array(cols + 1);
  const minv = new Float64Array(cols + 1);
  const used = new Uint8Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    rowOfCol[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOfCol[j0]!;
      const base = (i0 - 1) * cols - 1;
      const ui0 = u[i0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const cur = cost[base + j]! - ui0 - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[rowOfCol[j]!] = u[rowOfCol[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (rowOfCol[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOfCol[j0] = rowOfCol[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const colOfRow = new Int32Array(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (rowOfCol[j]! > 0) colOfRow[rowOfCol[j]! - 1] = j - 1;
  return colOfRow;
}

/** Stands for a forbidden cell inside `solveAssignment`. */
const FORBIDDEN = 1e13;

/**
 * Exact minimum-cost assignment of requests to distinct vehicles where a request may also stay
 * unassigned at its `penalty`: minimises Σ cost(r, vehicle(r)) + Σ penalty(r) over unassigned r.
 * `cost` is `requests × vehicles`, row-major, Infinity when forbidden. Solved as a square-free
 * assignment on the smaller side (requests × (vehicles + opt-outs), or vehicles × (requests +
 * idle)), with costs relative to the penalty. Returns the vehicle of each request, or -1.
 */
export function assignWithPenalty(
  cost: Float64Array,
  requests: number,
  vehicles: number,
  penalty: Float64Array,
): Int32Array {
  const out = new Int32Array(requests).fill(-1);
  if (requests === 0 || vehicles === 0) return out;
  const rel = (r: number, k: number): number => {
    const c = cost[r * vehicles + k]!;
    const saving = c - penalty[r]!;
    return saving < 0 ? saving : FORBIDDEN;
  };
  if (requests <= vehicles) {
    const cols = vehicles + requests;
    const m = new Float64Array(requests * cols);
    for (let r = 0; r < requests; r++) for (let k = 0; k < vehicles; k++) m[r * cols + k] = rel(r, k);
    const colOf = solveAssignment(m, requests, cols);
    for (let r = 0; r < requests; r++) {
      const k = colOf[r]!;
      if (k < vehicles && m[r * cols + k]! < 0) out[r] = k;
    }
  } else {
    const cols = requests + vehicles;
    const m = new Float64Array(vehicles * cols);
    for (let k = 0; k < vehicles; k++) for (let r = 0; r < requests; r++) m[k * cols + r] = rel(r, k);
    const colOf = solveAssignment(m, vehicles, cols);
    for (let k = 0; k < vehicles; k++) {
      const r = colOf[k]!;
      if (r < requests && m[k * cols + r]! < 0) out[r] = k;
    }
  }
  return out;
}
