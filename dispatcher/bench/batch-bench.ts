// Batch assignment against an exact MILP solver (HiGHS, WebAssembly) on the same assignment problem,
// in the same process. npm run bench:batch [-- --seed <n>]
import highsModule from 'highs';
import { performance } from 'node:perf_hooks';
import {
  assignBatch,
  assignmentStage,
  buildProblem,
  createPrng,
  assignWithPenalty,
  Solution,
} from '@navette/matching';
import { cityFleet, cityRequest, roadTravel } from './city.js';
import { machineFloorMs } from './floor.js';

const args = process.argv.slice(2);
const seed = Number(args[args.indexOf('--seed') + 1] ?? 1) || 1;
const travel = roadTravel();
// The package's CommonJS typings do not model its ESM default export under NodeNext.
const highsLoader = highsModule as unknown as () => Promise<{
  solve(lp: string, options?: object): { Status: string; ObjectiveValue: number };
}>;
const highs = await highsLoader();
const floor = machineFloorMs();
console.log(
  `machine floor: ${floor.toFixed(0)} ms for 50 M xorshift steps (node ${process.version}); seed ${seed}\n`,
);

/** The assignment problem as an LP-format MILP: x_r_k binary for feasible pairs, u_r for "unassigned". */
function toLp(matrix: Float64Array, rows: number, vehicles: number, penalty: Float64Array): string {
  const objective: string[] = [];
  const perRequest: string[][] = Array.from({ length: rows }, () => []);
  const perVehicle: string[][] = Array.from({ length: vehicles }, () => []);
  const binaries: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < vehicles; k++) {
      const c = matrix[r * vehicles + k]!;
      if (c === Infinity) continue;
      const x = `x${r}_${k}`;
      objective.push(`+ ${c} ${x}`);
      perRequest[r]!.push(x);
      perVehicle[k]!.push(x);
      binaries.push(x);
    }
    objective.push(`+ ${penalty[r]} u${r}`);
    perRequest[r]!.push(`u${r}`);
    binaries.push(`u${r}`);
  }
  const lines = ['Minimize', ` obj: ${objective.join(' ')}`, 'Subject To'];
  perRequest.forEach((xs, r) => lines.push(` r${r}: ${xs.join(' + ')} = 1`));
  perVehicle.forEach((xs, k) => {
    if (xs.length > 0) lines.push(` v${k}: ${xs.join(' + ')} <= 1`);
  });
  lines.push('Binary', ` ${binaries.join(' ')}`, 'End');
  return lines.join('\n');
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);
console.log(
  `${'batch'.padEnd(9)} | ${pad('matrix ms', 9)} | ${pad('Hungarian', 12)} ${pad('ms', 7)} | ${pad('HiGHS MILP', 12)} ${pad('ms', 8)} | ${pad('cost ratio', 10)} ${pad('time ratio', 10)} | ${pad('full batch', 11)} ${pad('ms', 7)} ${pad('served', 7)}`,
);
const sizes: [number, number][] = [
  [25, 25],
  [50, 50],
  [100, 100],
  [200, 100],
  [200, 200],
];
for (const [R, K] of sizes) {
  const now = 0;
  const prng = createPrng(seed * 1000 + R * 7 + K);
  const vehicles = cityFleet(seed * 31 + K, K, now);
  const requests = Array.from({ length: R }, () => cityRequest(prng, now));
  const input = { requests, vehicles, travel, now, unassignedPenalty: 10_000 };

  const built = buildProblem(input);
  const solution = new Solution(built.problem, built.initialRoutes);
  let t = performance.now();
  const stage = assignmentStage(built, solution);
  const matrixMs = performance.now() - t;

  // Our exact assignment on the matrix (best of 3 runs, to keep JIT warm-up out).
  let hungarianMs = Infinity;
  let hungarianCost = 0;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const vehicleOf = assignWithPenalty(stage.matrix, R, K, built.problem.unassignedPenalty);
    hungarianMs = Math.min(hungarianMs, performance.now() - t);
    hungarianCost = 0;
    for (let r = 0; r < R; r++) {
      const k = vehicleOf[r]!;
      hungarianCost += k >= 0 ? stage.matrix[r * K + k]! : built.problem.unassignedPenalty[r]!;
    }
  }

  // HiGHS on the same problem: LP text building plus solve, best of 3.
  let highsMs = Infinity;
  let highsCost = NaN;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const lp = toLp(stage.matrix, R, K, built.problem.unassignedPenalty);
    const result = highs.solve(lp, {});
    highsMs = Math.min(highsMs, performance.now() - t);
    if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
    highsCost = result.ObjectiveValue;
  }

  t = performance.now();
  const full = assignBatch(input);
  const fullMs = performance.now() - t;
  const ratio = hungarianCost / highsCost;
  console.log(
    `${`${R}×${K}`.padEnd(9)} | ${pad(matrixMs.toFixed(1), 9)} | ${pad(hungarianCost.toFixed(1), 12)} ${pad(hungarianMs.toFixed(2), 7)} | ${pad(highsCost.toFixed(1), 12)} ${pad(highsMs.toFixed(1), 8)} | ${pad(ratio.toFixed(5), 10)} ${pad((hungarianMs / highsMs).toFixed(4), 10)} | ${pad(full.addedCost.toFixed(0), 11)} ${pad(fullMs.toFixed(1), 7)} ${pad(`${R - full.unassigned.length}/${R}`, 7)}`,
  );
}
console.log(`
cost = sum over requests of insertion travel seconds + caller terms, or the 10,000 penalty when left to repair.
cost ratio = Hungarian / HiGHS (target ≤ 1.005); time ratio = Hungarian ms / HiGHS ms on the same matrix (target ≤ 0.1).
"full batch" = assignBatch end to end (matrix, Hungarian, regret repair, in-batch pooling): added travel+terms, its time, requests served.`);
