import { readFileSync } from 'node:fs';
import {
  cityBlockPath,
  insideRing,
  meters,
  pathLength,
  pointAlong,
  randomPointIn,
  seeded,
  stepToward,
  type LngLat,
} from './geometry.js';
import { HELSINKI_STREETS } from './helsinki-streets.js';

const kallio: LngLat[] = [
  [24.9345, 60.1775],
  [24.9645, 60.1775],
  [24.9645, 60.1925],
  [24.9345, 60.1925],
  [24.9345, 60.1775],
];

describe('simulator geometry', () => {
  it('draws the same points from the same seed, all inside the ring', () => {
    const a = seeded(42);
    const b = seeded(42);
    for (let i = 0; i < 50; i++) {
      const p = randomPointIn(kallio, a);
      expect(randomPointIn(kallio, b)).toEqual(p);
      expect(insideRing(p, kallio)).toBe(true);
    }
    expect(insideRing([24.9, 60.18], kallio)).toBe(false);
  });

  it('draws different points from different seeds', () => {
    expect(randomPointIn(kallio, seeded(1))).not.toEqual(randomPointIn(kallio, seeded(2)));
  });

  it('finds points inside a concave ring, never in its notch', () => {
    // An L: the square's north-east quarter is cut out.
    const ell: LngLat[] = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ];
    const random = seeded(3);
    for (let i = 0; i < 200; i++) {
      const [x, y] = randomPointIn(ell, random);
      expect(x > 1 && y > 1).toBe(false);
    }
  });

  it('measures about 1.1 km per hundredth of a degree of latitude', () => {
    expect(meters([24.95, 60.18], [24.95, 60.19])).toBeCloseTo(1112, 0);
  });

  it('interpolates along a polyline, clamped at both ends', () => {
    const path: LngLat[] = [
      [24.94, 60.18],
      [24.94, 60.19],
      [24.96, 60.19],
    ];
    const first = meters(path[0]!, path[1]!);
    expect(pathLength(path)).toBeCloseTo(first + meters(path[1]!, path[2]!), 6);
    expect(pointAlong(path, -5)).toEqual(path[0]);
    expect(pointAlong(path, first / 2)[1]).toBeCloseTo(60.185, 9);
    expect(pointAlong(path, first)).toEqual(path[1]);
    const further = pointAlong(path, first + 100);
    expect(further[1]).toBe(60.19);
    expect(meters(path[1]!, further)).toBeCloseTo(100, 6);
    expect(pointAlong(path, 1e9)).toEqual(path[2]);
    expect(() => pointAlong([], 1)).toThrow();
  });

  it('moves along city blocks and arrives exactly', () => {
    const from: LngLat = [24.94, 60.18];
    const to: LngLat = [24.95, 60.19];
    expect(cityBlockPath(from, to)).toEqual([from, [24.95, 60.18], to]);
    const total = pathLength(cityBlockPath(from, to));
    const quarter = stepToward(from, to, total / 4);
    expect(quarter[1]).toBe(60.18);
    expect(quarter[0]).toBeGreaterThan(24.94);
    expect(stepToward(from, to, total + 10)).toEqual(to);
    const late = stepToward(from, to, total - 100);
    expect(late[0]).toBe(24.95);
    expect(meters(late, to)).toBeCloseTo(100, 3);
  });
});

describe('Helsinki streets', () => {
  const town = (
    JSON.parse(readFileSync(new URL('../seeds/helsinki-territories.geojson', import.meta.url), 'utf8')) as {
      features: { properties: { key: string }; geometry: { coordinates: LngLat[][] } }[];
    }
  ).features.find((f) => f.properties.key === 'helsinki')!.geometry.coordinates[0]!;

  it.each(Object.entries(HELSINKI_STREETS))(
    '%s runs inside the town, a few hundred meters at least',
    (_, street) => {
      for (const point of street) expect(insideRing(point, town)).toBe(true);
      expect(pathLength(street)).toBeGreaterThan(500);
      expect(pathLength(street)).toBeLessThan(5000);
    },
  );
});
