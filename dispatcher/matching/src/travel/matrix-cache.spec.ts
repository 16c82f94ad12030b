import { describe, expect, it } from '@jest/globals';
import type { Point, TravelTimes } from '../travel-times.js';
import { GreatCircleTravelTimes } from './great-circle-travel-times.js';
import { CachedTravelTimes, pointKey, TravelMatrix } from './matrix-cache.js';

/** A real provider that also counts what it was asked, per ordered pair and quantity. */
class CountingTravelTimes implements TravelTimes {
  readonly calls = new Map<string, number>();
  private readonly real = new GreatCircleTravelTimes();

  seconds(from: Point, to: Point): number {
    this.count('seconds', from, to);
    return this.real.seconds(from, to);
  }

  meters(from: Point, to: Point): number {
    this.count('meters', from, to);
    return this.real.meters(from, to);
  }

  get total(): number {
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }

  private count(what: string, from: Point, to: Point): void {
    const key = `${what} ${from.join(',')}→${to.join(',')}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }
}

const A: Point = [2.35, 48.85];
const B: Point = [2.36, 48.86];
const C: Point = [2.37, 48.84];

describe('pointKey', () => {
  it('rounds to 1e-6 degrees', () => {
    expect(pointKey([2.3522, 48.8566])).toBe('2352200,48856600');
    expect(pointKey([2.3522000000000003, 48.8566])).toBe(pointKey([2.3522, 48.8566]));
    expect(pointKey([2.35220049, 48.8566])).toBe(pointKey([2.3522, 48.8566]));
    expect(pointKey([2.3522011, 48.8566])).not.toBe(pointKey([2.3522, 48.8566]));
    expect(pointKey([-0.0000001, 0])).toBe('0,0');
  });
});

describe('CachedTravelTimes', () => {
  it('asks the inner provider once per ordered pair and quantity', () => {
    const inner = new CountingTravelTimes();
    const cached = new CachedTravelTimes(inner);
    for (let round = 0; round < 5; round++) {
      for (const from of [A, B, C]) {
        for (const to of [A, B, C]) {
          expect(cached.seconds(from, to)).toBe(new GreatCircleTravelTimes().seconds(from, to));
          expect(cached.meters(from, to)).toBe(new GreatCircleTravelTimes().meters(from, to));
        }
      }
    }
    expect(inner.calls.size).toBe(18);
    expect([...inner.calls.values()].every((n) => n === 1)).toBe(true);
    expect(cached.size).toBe(9);
  });

  it('treats points equal after rounding as one', () => {
    const inner = new CountingTravelTimes();
    const cached = new CachedTravelTimes(inner);
    cached.seconds(A, B);
    cached.seconds([A[0] + 1e-9, A[1]], [B[0], B[1] - 1e-9]);
    expect(inner.total).toBe(1);
  });

  it('keeps directions apart', () => {
    const inner = new CountingTravelTimes();
    const cached = new CachedTravelTimes(inner);
    cached.seconds(A, B);
    cached.seconds(B, A);
    expect(inner.total).toBe(2);
  });

  it('evicts the least recently used pair past maxEntries', () => {
    const inner = new CountingTravelTimes();
    const cached = new CachedTravelTimes(inner, { maxEntries: 2 });
    cached.seconds(A, B);
    cached.seconds(A, C);
    cached.seconds(A, B); // A→B is now the most recent
    cached.seconds(B, C); // evicts A→C
    expect(cached.size).toBe(2);
    cached.seconds(A, B);
    expect(inner.total).toBe(3);
    cached.seconds(A, C);
    expect(inner.total).toBe(4);
  });

  it('forgets everything on clear()', () => {
    const inner = new CountingTravelTimes();
    const cached = new CachedTravelTimes(inner);
    cached.meters(A, B);
    cached.clear();
    cached.meters(A, B);
    expect(inner.total).toBe(2);
  });

  it('rejects a non-positive bound', () => {
    expect(() => new CachedTravelTimes(new CountingTravelTimes(), { maxEntries: 0 })).toThrow(RangeError);
  });
});

describe('TravelMatrix', () => {
  it('asks each quantity of a pair when it is first read, once, never the diagonal', () => {
    const inner = new CountingTravelTimes();
    const matrix = TravelMatrix.build(inner, [A, B, C, [...A]]);
    expect(inner.total).toBe(0);
    matrix.seconds(A, B);
    expect(inner.total).toBe(1); // meters not asked until read
    for (let round = 0; round < 3; round++) {
      matrix.seconds(A, B);
      matrix.metersAt(3, 1); // the same pair: index 3 is A again
      matrix.seconds(A, [...A]);
    }
    expect(inner.total).toBe(2);
    // Every ordered pair of the 3 distinct points, by every reader: 6 pairs × 2 quantities.
    const rows = matrix.rowsOf([A, B, C]);
    for (const i of rows) {
      for (const j of rows) {
        matrix.secondsBetweenRows(i, j);
        matrix.metersBetweenRows(i, j);
      }
    }
    for (const from of [A, B, C]) for (const to of [A, B, C]) matrix.meters(from, to);
    expect(inner.calls.size).toBe(12);
    expect(inner.total).toBe(12);
  });

  it('keeps only the columns into points read as a destination (a fleet’s starts are none)', () => {
    const real = new GreatCircleTravelTimes();
    // 200 drivers' positions, then 2 stops: a batch reads each driver to each stop, and stop to stop.
    const drivers = Array.from({ length: 200 }, (_, i): Point => [2.3 + i * 1e-3, 48.8]);
    const matrix = TravelMatrix.build(real, [...drivers, A, B]);
    expect(matrix.columnsKept).toBe(0);
    const rows = matrix.rowsOf([...drivers, A, B]);
    for (const i of rows) for (const j of rows.slice(-2)) matrix.secondsBetweenRows(i, j);
    expect(matrix.columnsKept).toBe(2);
    expect(matrix.seconds(drivers[7]!, B)).toBe(real.seconds(drivers[7]!, B));
    expect(matrix.meters(A, drivers[7]!)).toBe(real.meters(A, drivers[7]!));
    expect(matrix.columnsKept).toBe(3);
  });

  it('answers by index and by point with the inner values', () => {
    const real = new GreatCircleTravelTimes();
    const points = [A, B, C, [...A] as Point];
    const matrix = TravelMatrix.build(real, points);
    points.forEach((from, i) =>
      points.forEach((to, j) => {
        expect(matrix.secondsAt(i, j)).toBe(real.seconds(from, to));
        expect(matrix.metersAt(i, j)).toBe(real.meters(from, to));
        expect(matrix.seconds(from, to)).toBe(real.seconds(from, to));
      }),
    );
    expect(matrix.secondsAt(0, 3)).toBe(0);
    expect(matrix.indexOf([...C])).toBe(2);
    expect(matrix.indexOf([0, 0])).toBeUndefined();
  });

  it('throws for a point or an index not in the matrix', () => {
    const matrix = TravelMatrix.build(new GreatCircleTravelTimes(), [A, B]);
    expect(() => matrix.seconds(A, C)).toThrow(
      /point \[2\.37, 48\.84\] is not in the travel matrix of 2 points/,
    );
    expect(() => matrix.metersAt(0, 2)).toThrow(RangeError);
    expect(matrix.has(C)).toBe(false);
  });

  it('wraps a routing table, asymmetric, with an unreachable cell as Infinity', () => {
    const matrix = TravelMatrix.fromRows(
      [A, B, C],
      [
        [0, 10, 20],
        [11, 0, null],
        [21, 31, 0],
      ],
      [
        [0, 100, 200],
        [110, 0, null],
        [210, 310, 0],
      ],
    );
    expect(matrix.seconds(A, B)).toBe(10);
    expect(matrix.seconds(B, A)).toBe(11);
    expect(matrix.meters(C, B)).toBe(310);
    expect(matrix.secondsAt(1, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(
      TravelMatrix.fromRows(
        [A, B],
        [
          [0, Number.NaN],
          [1, 0],
        ],
        [
          [0, 1],
          [1, 0],
        ],
      ).secondsAt(0, 1),
    ).toBe(Number.POSITIVE_INFINITY);
    expect(() => TravelMatrix.fromRows([A, B], [[0, 1]], [[0, 1]])).toThrow(/not 2 × 2/);
  });
});

describe('TravelMatrix over the great-circle model', () => {
  it('answers exactly what the model answers, for every pair', () => {
    const model = new GreatCircleTravelTimes({ speedMetersPerSecond: 7.5, circuity: 1.4 });
    const points: Point[] = [
      [24.9384, 60.1699],
      [24.9521, 60.1867],
      [25.0331, 60.2094],
      [24.8268, 60.1791],
    ];
    const matrix = TravelMatrix.build(model, points);
    for (const a of points) {
      for (const b of points) {
        expect(matrix.seconds(a, b)).toBe(a === b ? 0 : model.seconds(a, b));
        expect(matrix.meters(a, b)).toBe(a === b ? 0 : model.meters(a, b));
      }
    }
  });
});
