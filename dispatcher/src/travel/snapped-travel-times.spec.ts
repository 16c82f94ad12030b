import { createPrng, haversineMeters, type Point } from '@navette/matching';
import { keepAtMost, SnappedTravelTimes } from './snapped-travel-times.js';

// Three vertices on a line 1 km apart, west to east; the road from W to E is 2 km long one way (a
// detour), 1 km the other; each pair's seconds at 10 m/s.
const W: Point = [24.9, 60.17];
const M: Point = [24.918, 60.17];
const E: Point = [24.936, 60.17];
const meters = Float64Array.from([0, 1000, 2000, 1000, 0, 1000, 1000, 1000, 0]);
const roads = new SnappedTravelTimes(
  { vertices: [W, M, E], seconds: meters.map((m) => m / 10), meters },
  { accessSpeedMetersPerSecond: 5 },
);

describe('travel times snapped to a road table', () => {
  it('answers the table between its vertices, one-way detours included', () => {
    expect(roads.meters(W, E)).toBe(2000);
    expect(roads.meters(E, W)).toBe(1000);
    expect(roads.seconds(W, E)).toBe(200);
    expect(roads.seconds(W, W)).toBe(0);
  });

  it('drives from any point to its nearest vertex in a straight line at the access speed', () => {
    const nearM: Point = [M[0] + 0.001, 60.1705];
    expect(roads.snap(nearM).vertex).toEqual(M);
    const access = haversineMeters(nearM, M);
    expect(roads.meters(nearM, E)).toBeCloseTo(access + 1000, 6);
    expect(roads.seconds(nearM, E)).toBeCloseTo(access / 5 + 100, 6);
  });

  it('takes the straight line between two points of the same vertex', () => {
    const a: Point = [W[0] + 0.0005, W[1]];
    const b: Point = [W[0], W[1] + 0.0005];
    expect(roads.meters(a, b)).toBeCloseTo(haversineMeters(a, b), 6);
    expect(roads.seconds(a, b)).toBeCloseTo(haversineMeters(a, b) / 5, 6);
  });

  it('keeps the triangle inequality: a stop on the way never makes the way shorter', () => {
    const prng = createPrng(3);
    const point = (): Point => [24.89 + prng.next() * 0.06, 60.165 + prng.next() * 0.01];
    for (let i = 0; i < 500; i++) {
      const [a, b, c] = [point(), point(), point()];
      expect(roads.seconds(a, c)).toBeLessThanOrEqual(roads.seconds(a, b) + roads.seconds(b, c) + 1e-9);
      expect(roads.meters(a, c)).toBeLessThanOrEqual(roads.meters(a, b) + roads.meters(b, c) + 1e-9);
    }
  });

  it('refuses a table whose cells do not match its vertices', () => {
    expect(() => new SnappedTravelTimes({ vertices: [W, E], seconds: new Float64Array(3), meters })).toThrow(
      /needs 4 cells/,
    );
    expect(() => new SnappedTravelTimes({ vertices: [], seconds: new Float64Array(), meters })).toThrow(
      /at least one vertex/,
    );
  });

  it('keeps a bounded number of snaps: the oldest go first, a key set again stays', () => {
    const cache = new Map<string, number>();
    for (const [i, key] of ['a', 'b', 'c', 'b', 'd'].entries()) keepAtMost(cache, 3, key, i);
    expect([...cache]).toEqual([
      ['b', 3],
      ['c', 2],
      ['d', 4],
    ]);
  });
});
