// Planner quality on Cordeau's dial-a-ride instances: ALNS and plain insertion against the proven
// optima, feasibility and cost judged by the independent validator.
//   npm run bench:darp [-- --time-limit <seconds>] [--seed <n>] [--only <name>]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseCordeau } from './darp/cordeau.js';
import { solveCordeau, type DarpRoutes } from './darp/solve.js';
import { loadValidator } from './darp/validator.js';
import { machineFloorMs } from './floor.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const timeLimit = Number(option('--time-limit') ?? 3);
const seed = Number(option('--seed') ?? 1);
const only = option('--only');

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const shared = join(repo, '..', 'shared', 'benchmarks', 'darp');
const dir = existsSync(join(shared, 'optimal.tsv'))
  ? shared
  : join(repo, 'dispatcher', 'bench', 'darp', 'instances');
const optimal = new Map(
  readFileSync(join(dir, 'optimal.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map((f) => [f[0]!, Number(f[3])] as const),
);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace(/\.txt$/, ''))
  .filter((n) => optimal.has(n) && (only === undefined || n === only))
  .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]) || a.localeCompare(b));

const validate = await loadValidator();
if (validate === undefined) {
  console.log(
    "WARNING: dispatcher/bench/validate/validate-darp.ts not found: feasibility and cost below are the planner's own exact check, NOT independent.",
  );
}
const floor = machineFloorMs();
console.log(`machine floor: ${floor.toFixed(0)} ms for 50 M xorshift steps (node ${process.version})`);
console.log(`time limit ${timeLimit} s per instance, seed ${seed}, instances from ${dir}\n`);

interface Row {
  cost: number;
  feasible: boolean;
  seconds: number;
  violations: string[];
}
const judge = (
  text: string,
  solution: DarpRoutes,
  own: { cost: number; feasible: boolean },
  seconds: number,
): Row => {
  if (validate === undefined) return { ...own, seconds, violations: [] };
  const v = validate(text, solution);
  return { cost: v.cost, feasible: v.feasible, seconds, violations: v.violations };
};
const gap = (cost: number, opt: number): number => (100 * (cost - opt)) / opt;
const pad = (s: string | number, n: number): string => String(s).padStart(n);

console.log(
  `${'instance'.padEnd(9)} ${pad('optimal', 8)} | ${pad('ALNS', 8)} ${pad('gap %', 6)} ${pad('s', 5)} ${pad('feasible', 8)} | ${pad('insertion', 9)} ${pad('gap %', 6)} ${pad('s', 5)} ${pad('feasible', 8)}`,
);
const gaps: number[] = [];
const insertionGaps: number[] = [];
let allFeasible = true;
let worstSeconds = 0;
for (const name of names) {
  const text = readFileSync(join(dir, `${name}.txt`), 'utf8');
  const instance = parseCordeau(text);
  const opt = optimal.get(name)!;
  const rows: Row[] = [];
  for (const method of ['alns', 'insertion'] as const) {
    const started = performance.now();
    const { plan, solution } = solveCordeau(instance, method, {
      timeLimitMs: timeLimit * 1000 * 0.95,
      seed,
      clock: () => performance.now(),
    });
    const seconds = (performance.now() - started) / 1000;
    rows.push(
      judge(
        text,
        solution,
        { cost: plan.travelCost, feasible: plan.feasible && plan.unassigned.length === 0 },
        seconds,
      ),
    );
  }
  const [a, b] = rows as [Row, Row];
  gaps.push(gap(a.cost, opt));
  insertionGaps.push(gap(b.cost, opt));
  allFeasible &&= a.feasible;
  worstSeconds = Math.max(worstSeconds, a.seconds);
  console.log(
    `${name.padEnd(9)} ${pad(opt.toFixed(2), 8)} | ${pad(a.cost.toFixed(2), 8)} ${pad(gap(a.cost, opt).toFixed(2), 6)} ${pad(a.seconds.toFixed(2), 5)} ${pad(String(a.feasible), 8)} | ${pad(b.cost.toFixed(2), 9)} ${pad(gap(b.cost, opt).toFixed(2), 6)} ${pad(b.seconds.toFixed(2), 5)} ${pad(String(b.feasible), 8)}`,
  );
  for (const v of [...a.violations, ...b.violations].slice(0, 5)) console.log(`    violation: ${v}`);
}
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
console.log(
  `\nALNS:      mean gap ${mean(gaps).toFixed(2)} %, worst ${Math.max(...gaps).toFixed(2)} %, all feasible: ${allFeasible}, slowest ${worstSeconds.toFixed(2)} s`,
);
console.log(
  `insertion: mean gap ${mean(insertionGaps).toFixed(2)} %, worst ${Math.max(...insertionGaps).toFixed(2)} %`,
);
console.log('targets:   mean ≤ 1 %, worst ≤ 3 %, no infeasible route, ≤ 3 s per instance on one core');
