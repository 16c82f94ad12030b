// The benchmarks are not run by CI at full size (minutes each); these small runs of the built
// scripts keep them working and check the verdicts they compute themselves: the independent
// validator's feasibility, HiGHS's cost beside the Hungarian stage's, the SQL trust distances
// beside the in-memory ones, both fairness runs on the same demand.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serverUrl } from '../../api/test/test-database.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const bench = async (name: string, ...args: string[]): Promise<string> => {
  const { stdout } = await run(process.execPath, [`dispatcher/dist/bench/${name}.js`, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: serverUrl },
    maxBuffer: 1 << 24,
  });
  const floor = /machine floor: (\d+) ms/.exec(stdout);
  expect(Number(floor?.[1])).toBeGreaterThan(0);
  return stdout;
};

describe('the benchmarks, small', () => {
  it('bench:darp plans an instance feasibly, by the independent validator, at its proven optimum or above, and prints its verdicts', async () => {
    const out = await bench('darp-bench', '--only', 'a2-16', '--time-limit', '0.3', '--seeds', '1,2');
    const rows = [
      ...out.matchAll(
        /^a2-16\s+(\d+)\s+([\d.]+) \|\s+([\d.]+)\s+(-?[\d.]+)\s+[\d.]+\s+[\d.]+\s+\d+\s+\d+\/\d+\s+(\w+) \|/gm,
      ),
    ];
    expect(rows.map((row) => Number(row[1]))).toEqual([1, 2]);
    for (const row of rows) {
      expect(row[5]).toBe('true');
      expect(Number(row[3])).toBeGreaterThanOrEqual(Number(row[2]) - 0.01);
    }
    expect(out).toMatch(/all feasible: true/);
    expect(out).toMatch(/on this (thread|process)'s CPU time/);
    expect(out).toMatch(/^target worst gap ≤ 1 % on every instance and seed: (met|MISSED)/m);
    expect(out).toMatch(/^target optimum on ≥ 3\/4 of the instances \(1\/1\) for every seed: (met|MISSED)/m);
  });

  it('bench:batch finds the exact optimum HiGHS finds on every batch', async () => {
    const out = await bench('batch-bench');
    const ratios = [...out.matchAll(/^\d+×\d+ .*\|\s+([\d.]+)\s+[\d.]+ \|/gm)].map((m) => Number(m[1]));
    expect(ratios).toHaveLength(5);
    for (const ratio of ratios) expect(ratio).toBeLessThanOrEqual(1.005);
  });

  it('bench:fleet decides the same offers with the whole fleet and with the drivers near the rides', async () => {
    const out = await bench('fleet-bench', '--rides', '6', '--fleets', '60,150');
    const rows = [
      ...out.matchAll(
        /^\s+(60|150) \|\s+(\d+)\s+[\d.]+\s+(\d+)\/6 \|\s+(\d+)\s+[\d.]+\s+(\d+)\/6 \|\s+(\w+)/gm,
      ),
    ];
    expect(rows.map((row) => row[1])).toEqual(['60', '150']);
    for (const row of rows) {
      expect(row[6]).toBe('true');
      expect(row[5]).toBe(row[3]);
    }
    // With 150 drivers the 6 rides keep fewer than the whole fleet.
    expect(Number(rows[1]![4])).toBeLessThan(Number(rows[1]![2]));
  });

  it('bench:matcher decides every request and serves most', async () => {
    const out = await bench('matcher-bench', '--requests', '300');
    const served = /served (\d+)\/300/.exec(out);
    expect(Number(served?.[1])).toBeGreaterThan(250);
    expect(out).toMatch(/p99 [\d.]+ ms/);
  });

  it('bench:trust gets the same distances from recursive SQL as from the graph in memory', async () => {
    const out = await bench('trust-bench', '--members', '2000', '--batches', '2', '--sql-batches', '1');
    expect(out).toMatch(/same pairs as in memory/);
    expect(out).not.toMatch(/differ/i);
  });

  it('bench:fairness runs the same days with the rules off and on (drivers following waiting spots) and prints its verdicts', async () => {
    const out = await bench(
      'fairness-bench',
      ...['--days', '3', '--hours', '1', '--workers', '2', '--rebalance', '--by-hour'],
    );
    const requests = /^requests\s+(\d+)\s+(\d+)$/m.exec(out);
    expect(Number(requests?.[1])).toBeGreaterThan(100);
    expect(requests?.[2]).toBe(requests?.[1]);
    expect(out).toMatch(/rebalancing \(on only\): idle drivers suggested waiting spots, gain [\d.]+/);
    expect(out).toMatch(/day by day on − off: mean -?[\d.]+ point, standard error [\d.]+, 95 % interval/);
    // Refusals by zone and hour (one hour here): the five zones' cells add up to the row of all.
    const cells = [...out.matchAll(/^(\w+) +(\d+)\/(\d+)\(([+-]\d+)\)$/gm)];
    expect(cells.map((c) => c[1])).toHaveLength(6);
    const [all, ...zones] = [cells.at(-1)!, ...cells.slice(0, -1)];
    expect(all[1]).toBe('all');
    for (const side of [2, 3]) expect(zones.reduce((s, c) => s + Number(c[side]), 0)).toBe(Number(all[side]));
    expect(Number(all[4])).toBe(Number(all[3]) - Number(all[2]));
    const verdicts = [...out.matchAll(/^(PASS|FAIL) {2}(.*)$/gm)];
    expect(verdicts).toHaveLength(3);
    const far = /far end, ≥ −0\.2 point \((-?[\d.]+)\)/.exec(out);
    expect(verdicts[2]![1]).toBe(Number(far?.[1]) >= -0.2 ? 'PASS' : 'FAIL');
    const met = verdicts.every((v) => v[1] === 'PASS');
    expect(out).toMatch(new RegExp(`^target \\(issue 13\\): ${met ? 'met' : 'missed'}$`, 'm'));
  });
});
