// CLI: plan one Cordeau instance and print one JSON object.
//   npm run plan -- <instance-file> [--time-limit <seconds>] [--seed <n>] [--clock cpu|wall] [--insertion] --json
// The limit runs on this thread's CPU time by default; `seconds` is that, `wallSeconds` the wall clock.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { plannerClock } from './darp/clock.js';
import { parseCordeau } from './darp/cordeau.js';
import { solveCordeau } from './darp/solve.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const file = args.find(
  (a, i) => !a.startsWith('--') && !['--time-limit', '--seed', '--clock'].includes(args[i - 1] ?? ''),
);
if (file === undefined) {
  console.error(
    'usage: npm run plan -- <instance-file> [--time-limit <seconds>] [--seed <n>] [--clock cpu|wall] [--insertion] --json',
  );
  process.exit(2);
}
const timeLimit = Number(option('--time-limit') ?? 3);
const seed = Number(option('--seed') ?? 1);
const clockKind = option('--clock') === 'wall' ? 'wall' : 'cpu';
const clock = plannerClock(clockKind);
const text = readFileSync(file, 'utf8');
const started = clock();
const wallStarted = performance.now();
const { plan, solution } = solveCordeau(
  parseCordeau(text),
  args.includes('--insertion') ? 'insertion' : 'alns',
  {
    // Keep a margin for parsing and output inside the limit.
    timeLimitMs: timeLimit * 1000 * 0.95,
    seed,
    clock,
  },
);
const seconds = (clock() - started) / 1000;
const wallSeconds = (performance.now() - wallStarted) / 1000;
const result = {
  instance: basename(file).replace(/\.txt$/, ''),
  cost: Math.round(plan.travelCost * 1000) / 1000,
  feasible: plan.feasible && plan.unassigned.length === 0,
  seconds: Math.round(seconds * 1000) / 1000,
  clock: clockKind,
  wallSeconds: Math.round(wallSeconds * 1000) / 1000,
  routes: solution.routes,
};
if (args.includes('--json')) console.log(JSON.stringify(result));
else
  console.log(
    `${result.instance}: cost ${result.cost}, feasible ${result.feasible}, ${result.seconds} s ${clockKind}, ${result.wallSeconds} s wall, ${plan.stats.iterations} iterations`,
  );
