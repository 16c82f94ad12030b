// bench:statements, small: the built script runs on a scratch database, finds the same rows named
// and unnamed for each statement, and prints every figure it measures (infra/adr/0036).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serverUrl } from '../test/test-database.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

it('bench:statements measures each hot statement both ways and finds the same rows', async () => {
  const { stdout } = await run(
    process.execPath,
    ['api/dist/bench/statements-bench.js', '--drivers', '20', '--rounds', '2', '--calls', '20'],
    { cwd: root, env: { ...process.env, DATABASE_URL: serverUrl } },
  );
  expect(stdout).toMatch(/^floor: SELECT 1/m);
  for (const statement of [
    'ride view by id',
    'trip view for its driver',
    'position report \\(a write, and its riders\\)',
  ]) {
    expect(stdout).toMatch(new RegExp(`^${statement} \\(same rows either way: true\\)$`, 'm'));
  }
  const ratios = [...stdout.matchAll(/named ÷ unnamed, mean: ([\d.]+)/g)].map((m) => Number(m[1]));
  expect(ratios).toHaveLength(3);
  for (const ratio of ratios) expect(ratio).toBeGreaterThan(0);
  expect(
    [...stdout.matchAll(/p50 [\d.]+ {2}p99 [\d.]+ {2}mean [\d.]+ ms {2}\((\d+) calls\)/g)].map((m) => m[1]),
  ).toEqual(Array(7).fill('40'));
}, 120_000);
