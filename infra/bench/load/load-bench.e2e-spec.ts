// bench:load in CI, small: the real stack, a handful of drivers and riders for a few seconds. It
// checks that the run completes and that every figure and verdict is computed from what it
// measured, not that the targets are met (timings belong to the benchmark, not to a test).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { redisUrl, serverUrl } from '../../../api/test/test-database.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const number = '(?:\\d+(?:\\.\\d+)?|–)';

describe('bench:load, small', () => {
  it('runs the stack under two steps and prints floors, per-step figures and verdicts', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        'infra/dist/bench/load/load-bench.js',
        ...['--drivers', '6', '--riders', '3', '--steps', '1,3', '--step-seconds', '2'],
        ...['--driver-threads', '1', '--position-every', '1', '--trip-seconds', '2', '--drain-seconds', '2'],
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: serverUrl, REDIS_URL: redisUrl },
        maxBuffer: 1 << 24,
      },
    );
    expect(stdout).toMatch(/online in [\d.]+ s: 6 drivers on shift, 3 riders/);
    for (const floor of [
      'loopback HTTP round trip',
      'Redis PING',
      'PostgreSQL SELECT 1',
      'BullMQ add → pick-up',
      'socket.io echo',
    ]) {
      const line = new RegExp(`${floor}\\s+([\\d.]+) / ([\\d.]+)`).exec(stdout);
      expect(Number(line?.[1])).toBeGreaterThan(0);
    }
    const steps = [...stdout.matchAll(/^== (\d+) req\/s for \d+ s ==$/gm)].map((m) => Number(m[1]));
    expect(steps).toEqual([1, 3]);
    const requests = [...stdout.matchAll(/^ {2}requests (\d+), offered (\d+)/gm)].map((m) => Number(m[1]));
    expect(requests.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(stdout.match(new RegExp(`request → offer ${number} / ${number}: batch window`, 'g'))).toHaveLength(
      2,
    );
    expect(stdout.match(/CPU \(% of a core\) \/ RSS: API \d+ % \/ \d+ MB, dispatcher \d+ %/g)).toHaveLength(
      2,
    );
    // The API's pooled connections are found by the socket holding them (each step, and the
    // "what saturates first" block).
    expect(stdout.match(/PostgreSQL connections by process: API [1-9]\d* of 10 \(busy mean/g)).toHaveLength(
      3,
    );
    // Six verdicts, each computed: met, missed, or said not measured when no step applies.
    expect(stdout.match(/^(MET {3}|MISSED|N\/A {3}) /gm)).toHaveLength(6);
    expect(stdout).toMatch(/^N\/A {4}at 100 req\/s: time beyond the batch window/m);
    expect(stdout).toMatch(
      /^(MET|MISSED) +at 1 req\/s: request → offer p50 ≤ 300 ms \(adaptive window\) — p50 [\d.]+ ms$/m,
    );
    expect(stdout).toMatch(/^ {2}verdict: \S/m);
    expect(stdout).toMatch(
      /^ {2}CPU per matched request (\(1 → 3 req\/s\): API [\d.]+, .* ms in all, so \d+ cores would match about \d+ req\/s|: no later step matched more than the first)/m,
    );
  });
});
