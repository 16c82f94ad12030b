import { createPrng, type Point } from '@navette/matching';
import {
  discZone,
  gini,
  HELSINKI_FALLBACK,
  insideRing,
  pointIn,
  townFromGeoJson,
  zoneOf,
  type TerritoryFeature,
} from './zones.js';

const square = (x: number, y: number): Point[] => [
  [x, y],
  [x + 1, y],
  [x + 1, y + 1],
  [x, y + 1],
  [x, y],
];

const feature = (key: string, level: string, ring: Point[]): TerritoryFeature => ({
  geometry: { type: 'Polygon', coordinates: [ring] },
  properties: { key, level },
});

describe('simulated zones', () => {
  it('finds the zone holding a point, and none outside every zone', () => {
    const zones = [
      { id: 'west', ring: square(0, 0), requestsPerHour: 1 },
      { id: 'east', ring: square(1, 0), requestsPerHour: 1 },
    ];
    expect(zoneOf(zones, [0.5, 0.5])?.id).toBe('west');
    expect(zoneOf(zones, [1.5, 0.2])?.id).toBe('east');
    expect(zoneOf(zones, [3, 3])).toBeUndefined();
  });

  it('draws points inside a concave zone, never in its notch', () => {
    const ell: Point[] = [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ];
    const prng = createPrng(3);
    for (let i = 0; i < 200; i++) {
      const p = pointIn({ id: 'ell', ring: ell, requestsPerHour: 1 }, () => prng.next());
      expect(insideRing(p, ell)).toBe(true);
      expect(p[0] > 1 && p[1] > 1).toBe(false);
    }
  });

  it('draws a disc zone of the given radius around its centre', () => {
    const zone = discZone('kamppi', [24.931, 60.168], 600, 1);
    const prng = createPrng(5);
    for (let i = 0; i < 100; i++) {
      const [lng, lat] = pointIn(zone, () => prng.next());
      const dx = (lng - 24.931) * 111_195 * Math.cos((60.168 * Math.PI) / 180);
      const dy = (lat - 60.168) * 111_195;
      expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(600);
    }
    expect(HELSINKI_FALLBACK.zones.map((z) => z.id)).toHaveLength(5);
  });

  it('takes the neighbourhoods of a territories file as zones and the town as the area', () => {
    const town = townFromGeoJson(
      [
        feature('region', 'region', square(-5, -5)),
        feature('town', 'town', square(0, 0)),
        feature('north', 'neighbourhood', square(0, 1)),
        feature('south', 'neighbourhood', square(0, 0)),
      ],
      { north: 12 },
    );
    expect(town.zones.map((z) => [z.id, z.requestsPerHour])).toEqual([
      ['north', 12],
      ['south', 10],
    ]);
    expect(town.area).toEqual(square(0, 0));
    expect(() => townFromGeoJson([feature('town', 'town', square(0, 0))])).toThrow();
  });

  it('measures inequality with the Gini coefficient', () => {
    expect(gini([0.1, 0.1, 0.1])).toBeCloseTo(0);
    expect(gini([0, 0, 1, 1])).toBeCloseTo(0.5);
    expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75);
    expect(gini([3, 1, 2])).toBeCloseTo(gini([1, 2, 3]));
    expect(gini([])).toBe(0);
    expect(gini([0, 0])).toBe(0);
  });
});
