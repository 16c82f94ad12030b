import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { validateDarpSolution, type DarpStop } from './validate-darp.js';

/*
 * Two requests on a 3-4-5 grid, so every leg but one is a whole number.
 *   K=2 vehicles, 2n=4 nodes, T=100, Q=1, L=30.
 *   request 1: pickup node 1 at (0,3), dropoff node 3 at (0,6)
 *   request 2: pickup node 2 at (4,0), dropoff node 4 at (4,3), which opens at 10
 * Depots at the origin. Legs: 0→1 = 3, 1→3 = 3, 3→0 = 6, 0→2 = 4, 2→4 = 3, 4→0 = 5, 1→2 = 5,
 * 3→4 = 5, 3→2 = √52.
 */
const INSTANCE = `2 4 100 1 30
0\t0.000\t0.000\t0\t0\t0\t200
1\t0.000\t3.000\t1\t1\t0\t100
2\t4.000\t0.000\t1\t1\t0\t200
3\t0.000\t6.000\t1\t-1\t0\t200
4\t4.000\t3.000\t1\t-1\t10\t200
5\t0.000\t0.000\t0\t0\t0\t200
`;

const stop = (node: number, arrival: number, start = arrival): DarpStop => ({ node, arrival, start });

/** Request 1 alone: leave at 0, reach 1 at 3, reach 3 at 3+1+3 = 7, home at 14. */
const route1 = (): DarpStop[] => [stop(1, 3), stop(3, 7)];
/** Request 2 alone: reach 2 at 4, reach 4 at 8 but wait until it opens at 10, home at 16. */
const route2 = (): DarpStop[] => [stop(2, 4), stop(4, 8, 10)];

const SQRT52 = Math.sqrt(52);

describe('validateDarpSolution', () => {
  it('accepts a feasible solution and sums every leg, depot legs included', () => {
    const verdict = validateDarpSolution(INSTANCE, { routes: [route1(), route2()] });
    expect(verdict).toEqual({ feasible: true, cost: 24, violations: [] });
  });

  it('costs an empty route 0 and accepts fewer routes than vehicles', () => {
    const both = [...route1(), stop(2, 8 + SQRT52), stop(4, 12 + SQRT52)];
    const verdict = validateDarpSolution(INSTANCE, { routes: [both, []] });
    expect(verdict.violations).toEqual([]);
    expect(verdict.cost).toBeCloseTo(14 + SQRT52, 12);
  });

  it('tolerates rounding within the relative epsilon', () => {
    const routes = [[stop(1, 3 - 1e-9), stop(3, 7 - 1e-9)], route2()];
    expect(validateDarpSolution(INSTANCE, { routes }).feasible).toBe(true);
  });

  it('catches a service start before the time window opens', () => {
    const verdict = validateDarpSolution(INSTANCE, { routes: [route1(), [stop(2, 4), stop(4, 8)]] });
    expect(verdict.feasible).toBe(false);
    expect(verdict.violations).toEqual([
      expect.stringMatching(/route 1, stop 1 \(node 4.*time window.*opens at 10/),
    ]);
  });

  it('catches a service start after the time window closes', () => {
    // Leave late: reach node 1 at 101, its window closed at 100.
    const verdict = validateDarpSolution(INSTANCE, { routes: [[stop(1, 101), stop(3, 105)], route2()] });
    expect(verdict.violations).toEqual([
      expect.stringMatching(/route 0, stop 0 \(node 1.*time window.*closes at 100/),
    ]);
  });

  it('catches capacity exceeded', () => {
    const pooled = [stop(1, 3), stop(2, 9), stop(3, 10 + SQRT52), stop(4, 16 + SQRT52)];
    const verdict = validateDarpSolution(INSTANCE, { routes: [pooled] });
    expect(verdict.violations).toEqual([
      expect.stringMatching(/route 0, stop 1 \(node 2.*capacity.*load 2 > Q = 1/),
    ]);
  });

  it('catches a ride time above L', () => {
    // Wait at the dropoff until 40: ride = 40 − (3 + 1) = 36 > 30.
    const verdict = validateDarpSolution(INSTANCE, { routes: [[stop(1, 3), stop(3, 7, 40)], route2()] });
    expect(verdict.violations).toEqual([
      expect.stringMatching(/route 0, node 3: ride time of request 1 is 36.*L = 30/),
    ]);
  });

  it('catches a route duration above T', () => {
    // One vehicle, both requests, idling before node 2 until 150: leaves at 0, home at 160.
    const slow = [...route1(), stop(2, 8 + SQRT52, 150), stop(4, 154)];
    const verdict = validateDarpSolution(INSTANCE, { routes: [slow, []] });
    expect(verdict.violations).toEqual([
      expect.stringMatching(/route 0: route duration 160 exceeds T = 100/),
    ]);
  });

  it('counts the duration from the latest possible departure, not from time 0', () => {
    // Same route shifted so the vehicle leaves at 60: duration 100, home at 160.
    const late = [stop(1, 63), stop(3, 67), stop(2, 68 + SQRT52, 150), stop(4, 154)];
    expect(validateDarpSolution(INSTANCE, { routes: [late] }).feasible).toBe(true);
  });

  it('catches a return after the end depot closes', () => {
    const text = INSTANCE.replace(/^5\t.*$/m, '5\t0.000\t0.000\t0\t0\t0\t15');
    const verdict = validateDarpSolution(text, { routes: [route1(), route2()] });
    expect(verdict.violations).toEqual([
      expect.stringMatching(/route 1, end depot \(node 5\): returns at 16.*closes at 15/),
    ]);
  });

  it('catches a missing request', () => {
    const verdict = validateDarpSolution(INSTANCE, { routes: [route1()] });
    expect(verdict.violations).toEqual(['request 2 (nodes 2, 4) is not served']);
  });

  it('catches a request served twice', () => {
    const twice = [...route2(), stop(1, 16), stop(3, 20)];
    const verdict = validateDarpSolution(INSTANCE, { routes: [route1(), twice] });
    expect(verdict.violations).toEqual([
      'request 1: pickup node 1 visited 2 times',
      'request 1: dropoff node 3 visited 2 times',
    ]);
  });

  it('catches a dropoff before its pickup', () => {
    // 0→3 = 6, 3→1 = 3.
    const verdict = validateDarpSolution(INSTANCE, { routes: [[stop(3, 6), stop(1, 10)], route2()] });
    expect(verdict.violations).toEqual([
      expect.stringMatching(/route 0, node 3: dropoff of request 1 at stop 0 comes before its pickup/),
    ]);
  });

  it('catches a pickup and its dropoff on different vehicles', () => {
    // 0→1 = 3, 1→4 = 4; 0→2 = 4, 2→3 = √52.
    const routes = [
      [stop(1, 3), stop(4, 10)],
      [stop(2, 4), stop(3, 5 + SQRT52)],
    ];
    const verdict = validateDarpSolution(INSTANCE, { routes });
    expect(verdict.violations).toContain(
      'request 1: picked up on route 0 (node 1) but dropped off on route 1 (node 3)',
    );
    expect(verdict.violations).toContain(
      'request 2: picked up on route 1 (node 2) but dropped off on route 0 (node 4)',
    );
  });

  it('catches an arrival sooner than the travel allows', () => {
    // Node 3 cannot be reached before 3 + 1 + 3 = 7.
    const verdict = validateDarpSolution(INSTANCE, { routes: [[stop(1, 3), stop(3, 5, 7)], route2()] });
    expect(verdict.violations).toEqual([
      expect.stringMatching(
        /route 0, stop 1 \(node 3.*arrival 5 is inconsistent with travel from node 1 \(earliest 7\)/,
      ),
    ]);
  });

  it('catches a start before the arrival', () => {
    const verdict = validateDarpSolution(INSTANCE, { routes: [route1(), [stop(2, 4), stop(4, 12, 10)]] });
    expect(verdict.violations).toEqual([
      expect.stringMatching(/route 1, stop 1 \(node 4.*starts at 10, before arrival 12/),
    ]);
  });

  it('catches more routes than vehicles', () => {
    const verdict = validateDarpSolution(INSTANCE, { routes: [route1(), route2(), []] });
    expect(verdict.violations).toEqual(['3 routes for 2 vehicles (K)']);
  });

  it('rejects a depot or unknown node inside a route', () => {
    const verdict = validateDarpSolution(INSTANCE, {
      routes: [
        [stop(0, 0), ...route1()],
        [...route2(), stop(9, 20)],
      ],
    });
    expect(verdict.violations).toEqual([
      'route 0, stop 0: node 0 is not a request node (1..4)',
      'route 1, stop 2: node 9 is not a request node (1..4)',
    ]);
  });

  it('takes a missing end-depot line to be the start depot', () => {
    const text =
      '2 4 480 3 30\n0 0 0 0 0 0 1440\n1 3 0 1 1 0 1440\n2 3 4 1 1 0 1440\n3 3 4 1 -1 0 1440\n4 0 4 1 -1 0 1440\n';
    const verdict = validateDarpSolution(text, {
      routes: [[stop(1, 3), stop(2, 8), stop(3, 9), stop(4, 13)], []],
    });
    expect(verdict).toEqual({ feasible: true, cost: 3 + 4 + 0 + 3 + 4, violations: [] });
  });

  it('reads a real Cordeau instance and reports every request of empty routes unserved', () => {
    const text = readFileSync(new URL('../darp/instances/a2-16.txt', import.meta.url), 'utf8');
    const verdict = validateDarpSolution(text, { routes: [[], []] });
    expect(verdict.cost).toBe(0);
    expect(verdict.violations).toHaveLength(16);
    expect(verdict.violations[15]).toBe('request 16 (nodes 16, 32) is not served');
  });
});
