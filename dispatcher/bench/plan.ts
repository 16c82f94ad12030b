// CLI: plan one Cordeau instance and print one JSON object.
//   npm run plan -- <instance-file> [--time-limit <seconds>] [--seed <n>] [--insertion] --json
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseCordeau } from './darp/cordeau.js';
import { solveCordeau } from './darp/solve.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const file = args.find(
  (a, i) => !a.startsWith('--') && !['--time-limit', '--seed'].includes(args[i - 1] ?? ''),
);
if (file === undefined) {
  console.error(
    'usage: npm run plan -- <instance-file> [--time-limit <seconds>] [--seed <n>] [--insertion] --json',
  );
  process.exit(2);
}
const timeLimit = Number(option('--time-limit') ?? 3);
const seed = Number(option('--seed') ?? 1);
const text = readFileSync(file, 'utf8');
const started = performance.now();
const { plan, solution } = solveCordeau(
  parseCordeau(text),
  args.includes('--insertion') ? 'insertion' : 'alns',
  {
    // Keep a margin for parsing and output inside the limit.
    timeLimitMs: timeLimit * 1000 * 0.95,
    seed,
    clock: () => performance.now(),
  },
);
const seconds = (performance.now() - started) / 1000;
const result = {
  instance: basename(file).replace(/\.txt$/, ''),
  cost: Math.round(plan.travelCost * 1000) / 1000,
  feasible: plan.feasible && plan.unassigned.length === 0,
  seconds: Math.round(seconds * 1000) / 1000,
  routes: solution.routes,
};
if (args.includes('--json')) console.log(JSON.stringify(result));
else
  console.log(
    `${result.instance}: cost ${result.cost}, feasible ${result.feasible}, ${result.seconds} s, ${plan.stats.iterations} iterations`,
  );
