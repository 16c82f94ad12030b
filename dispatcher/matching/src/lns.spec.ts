import { improve } from './index.js';
import { aRideOnLine, aVanOnLine, solutionOnLine } from './fixtures/on-a-line.js';

/** A plan with room to improve: six rides on a line, each van serving rides at the other's end. */
function aPlan() {
  const rides = [0, 1, 2, 3, 4, 5].map((i) =>
    aRideOnLine(`r${i}`, i < 3 ? 100 * i : 5000 + 100 * i, i < 3 ? 100 * i + 50 : 5050 + 100 * i),
  );
  const vans = [aVanOnLine('west', 0), aVanOnLine('east', 5500)];
  return solutionOnLine(rides, vans, [
    [3, 4, 5],
    [0, 1, 2],
  ]);
}

describe('the LNS time budget', () => {
  it('starts no iteration that the longest so far would not finish within the budget', () => {
    // A clock read once per iteration that advances 7 ms a read: every iteration lasts 7 ms.
    let reads = 0;
    const clock = () => 7 * reads++;
    const stats = improve(aPlan(), { seed: 1, iterations: 1000, timeLimitMs: 100, clock, recombineAt: [] });
    // Iteration i starts at read i + 1 and ends at the next read: the last one ends at 7 × (n + 1).
    expect(stats.iterations).toBeGreaterThan(1);
    expect(7 * (stats.iterations + 1)).toBeLessThanOrEqual(100);
    expect(7 * (stats.iterations + 2)).toBeGreaterThan(100);
  });
});
