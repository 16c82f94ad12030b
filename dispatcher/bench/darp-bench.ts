// Planner quality on Cordeau's dial-a-ride instances: ALNS and plain insertion against the proven
// optima, feasibility and cost judged by the independent validator.
//   npm run bench:darp [-- --time-limit <seconds>] [--seeds 1,2,3] [--only <name>] [--clock cpu|wall]
// The time limit runs on this thread's CPU time by default (the machine is shared); wall time is
// printed beside it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseCordeau } from './darp/cordeau.js';
import { solveCordeau, type DarpRoutes } from './darp/solve.js';
import { loadValidator } from './darp/validator.js';
import { cpuClockSource, plannerClock, type ClockKind } from './darp/clock.js';
import { machineFloorMs } from './floor.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const timeLimit = Number(option('--time-limit') ?? 3);
const seeds = (option('--seeds') ?? option('--seed') ?? '1,2,3').split(',').map(Number);
const only = option('--only')?.split(',');
const clockKind: ClockKind = option('--clock') === 'wall' ? 'wall' : 'cpu';
const clock = plannerClock(clockKind);

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
  .filter((n) => optimal.has(n) && (only === undefined || only.includes(n)))
  .sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]) || a.localeCompare(b));

const validate = await loadValidator();
if (validate === undefined) {
  console.log(
    "WARNING: dispatcher/bench/validate/validate-darp.ts not found: feasibility and cost below are the planner's own exact check, NOT independent.",
  );
}
const floor = machineFloorMs();
console.log(`machine floor: ${floor.toFixed(0)} ms for 50 M xorshift steps (node ${process.version})`);
console.log(
  `time limit ${timeLimit} s per instance on ${
    clockKind === 'cpu'
      ? cpuClockSource === 'process.threadCpuUsage'
        ? "this thread's CPU time (process.threadCpuUsage)"
        : "this process's CPU time (process.cpuUsage; Node < 23.9 has no per-thread clock)"
      : 'wall-clock time'
  }, seeds ${seeds.join(',')}, instances from ${dir}`,
);
console.log('optimum reached = cost within 0.005 % of the proven optimum (optimal.tsv is given to 0.01)\n');

interface Row {
  cost: number;
  feasible: boolean;
  /** Time on the limit's clock and on the wall, seconds. */
  seconds: number;
  wall: number;
  violations: string[];
}
const judge = (
  text: string,
  solution: DarpRoutes,
  own: { cost: number; feasible: boolean },
  seconds: number,
  wall: number,
): Row => {
  if (validate === undefined) return { ...own, seconds, wall, violations: [] };
  const v = validate(text, solution);
  return { cost: v.cost, feasible: v.feasible, seconds, wall, violations: v.violations };
};
const gap = (cost: number, opt: number): number => (100 * (cost - opt)) / opt;
const optimumGap = 0.005;
const pad = (s: string | number, n: number): string => String(s).padStart(n);
const clockName = clockKind === 'cpu' ? 'cpu s' : 's';

console.log(
  `${'instance'.padEnd(9)} ${pad('seed', 4)} ${pad('optimal', 8)} | ${pad('ALNS', 8)} ${pad('gap %', 6)} ${pad(clockName, 5)} ${pad('wall s', 6)} ${pad('iter', 7)} ${pad('sp', 5)} ${pad('feasible', 8)} | ${pad('insertion', 9)} ${pad('gap %', 6)} ${pad('feasible', 8)}`,
);
const gaps: number[] = [];
const insertionGaps: number[] = [];
const optimaBySeed = new Map<number, number>(seeds.map((s) => [s, 0]));
let allFeasible = true;
let worstSeconds = 0;
let worstWall = 0;
for (const name of names) {
  const text = readFileSync(join(dir, `${name}.txt`), 'utf8');
  const instance = parseCordeau(text);
  const opt = optimal.get(name)!;
  for (const seed of seeds) {
    const rows: Row[] = [];
    let iterations = 0;
    let recombined = '';
    for (const method of ['alns', 'insertion'] as const) {
      if (method === 'insertion' && seed !== seeds[0]) break;
      const started = clock();
      const wallStarted = performance.now();
      const { plan, solution } = solveCordeau(instance, method, {
        timeLimitMs: timeLimit * 1000 * 0.95,
        seed,
        clock,
      });
      const seconds = (clock() - started) / 1000;
      const wall = (performance.now() - wallStarted) / 1000;
      if (method === 'alns') {
        iterations = plan.stats.iterations;
        recombined = `${plan.stats.recombinationGains ?? 0}/${plan.stats.recombinations ?? 0}`;
      }
      rows.push(
        judge(
          text,
          solution,
          { cost: plan.travelCost, feasible: plan.feasible && plan.unassigned.length === 0 },
          seconds,
          wall,
        ),
      );
    }
    const a = rows[0]!;
    const b = rows[1];
    const g = gap(a.cost, opt);
    gaps.push(g);
    if (g <= optimumGap) optimaBySeed.set(seed, optimaBySeed.get(seed)! + 1);
    if (b !== undefined) insertionGaps.push(gap(b.cost, opt));
    allFeasible &&= a.feasible;
    worstSeconds = Math.max(worstSeconds, a.seconds);
    worstWall = Math.max(worstWall, a.wall);
    const right =
      b === undefined
        ? ''
        : `${pad(b.cost.toFixed(2), 9)} ${pad(gap(b.cost, opt).toFixed(2), 6)} ${pad(String(b.feasible), 8)}`;
    console.log(
      `${name.padEnd(9)} ${pad(seed, 4)} ${pad(opt.toFixed(2), 8)} | ${pad(a.cost.toFixed(2), 8)} ${pad(g.toFixed(2), 6)} ${pad(a.seconds.toFixed(2), 5)} ${pad(a.wall.toFixed(2), 6)} ${pad(iterations, 7)} ${pad(recombined, 5)} ${pad(String(a.feasible), 8)} | ${right}`,
    );
    for (const v of [...a.violations, ...(b?.violations ?? [])].slice(0, 5))
      console.log(`    violation: ${v}`);
  }
}
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const worst = Math.max(...gaps);
const needed = Math.ceil(0.75 * names.length);
const fewestOptima = Math.min(...optimaBySeed.values());
console.log(
  `\nALNS:      mean gap ${mean(gaps).toFixed(2)} %, worst ${worst.toFixed(2)} % over ${gaps.length} runs, all feasible: ${allFeasible}, slowest ${worstSeconds.toFixed(2)} ${clockName} (${worstWall.toFixed(2)} s wall)`,
);
console.log(
  `optima:    ${[...optimaBySeed].map(([s, n]) => `seed ${s}: ${n}/${names.length}`).join(', ')} (within ${optimumGap} %)`,
);
console.log(
  `insertion: mean gap ${mean(insertionGaps).toFixed(2)} %, worst ${Math.max(...insertionGaps).toFixed(2)} %`,
);
const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
console.log(
  `target worst gap ≤ 1 % on every instance and seed: ${verdict(worst <= 1)} (${worst.toFixed(2)} %)`,
);
console.log(
  `target optimum on ≥ 3/4 of the instances (${needed}/${names.length}) for every seed: ${verdict(fewestOptima >= needed)} (fewest ${fewestOptima})`,
);
console.log(
  `target every route feasible (independent validator): ${verdict(allFeasible && validate !== undefined)}`,
);
console.log(
  `target ≤ ${timeLimit} s per instance on ${clockKind === 'cpu' ? 'CPU time' : 'the wall clock'}: ${verdict(worstSeconds <= timeLimit)} (slowest ${worstSeconds.toFixed(2)})`,
);
