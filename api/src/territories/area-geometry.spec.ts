import { areaProblem, countPositions } from './area-geometry.js';

const ring = [
  [24.9, 60.1],
  [25.0, 60.1],
  [25.0, 60.2],
  [24.9, 60.1],
];

describe('GeoJSON area validation', () => {
  it('accepts a Polygon and a MultiPolygon in [lng, lat] order', () => {
    expect(areaProblem({ type: 'Polygon', coordinates: [ring] })).toBeUndefined();
    expect(
      areaProblem({ type: 'MultiPolygon', coordinates: [[ring], [ring]], bbox: [0, 0, 1, 1] }),
    ).toBeUndefined();
  });

  it.each([
    [null, '', 'must be a GeoJSON Polygon or MultiPolygon object'],
    [{ type: 'Point', coordinates: [24.9, 60.1] }, '', '"type"'],
    [{ type: 'Polygon', coordinates: [ring], crs: {} }, '', 'unexpected member "crs"'],
    [{ type: 'Polygon', coordinates: [] }, 'coordinates', 'non-empty array of linear rings'],
    [{ type: 'Polygon', coordinates: [ring.slice(0, 3)] }, 'coordinates[0]', 'at least 4 positions, got 3'],
    [
      { type: 'Polygon', coordinates: [[...ring.slice(0, 3), [24.95, 60.15]]] },
      'coordinates[0]',
      'must be closed',
    ],
    [
      { type: 'Polygon', coordinates: [[ring[0], [60.1, 124.9], ...ring.slice(2)]] },
      'coordinates[0][1]',
      '[longitude, latitude]',
    ],
    [
      { type: 'Polygon', coordinates: [[ring[0], ['25', 60.1], ...ring.slice(2)]] },
      'coordinates[0][1]',
      '[longitude, latitude]',
    ],
    [{ type: 'MultiPolygon', coordinates: [] }, 'coordinates', 'non-empty array of polygons'],
    [{ type: 'MultiPolygon', coordinates: [[ring], [ring.slice(1)]] }, 'coordinates[1][0]', 'at least 4'],
  ])('refuses %j', (value, path, message) => {
    const problem = areaProblem(value);
    expect(problem?.path).toBe(path);
    expect(problem?.message).toContain(message);
  });

  it('accepts positions with an altitude, and foreign members (RFC 7946 §3.1.1, §6.1)', () => {
    const high = ring.map(([lng, lat]) => [lng, lat, 12.5]);
    expect(areaProblem({ type: 'Polygon', coordinates: [high] })).toBeUndefined();
    expect(areaProblem({ type: 'Polygon', coordinates: [ring], title: 'Kallio', style: {} })).toBeUndefined();
    expect(
      areaProblem({ type: 'Polygon', coordinates: [[...high.slice(0, 3), [24.9, 60.1, 0]]] })?.message,
    ).toContain('closed');
    expect(
      areaProblem({ type: 'Polygon', coordinates: [[ring[0], [25, 60.1, 'up'], ...ring.slice(2)]] })?.path,
    ).toBe('coordinates[0][1]');
  });

  it('counts positions across rings and polygons', () => {
    expect(countPositions({ type: 'Polygon', coordinates: [ring, ring] })).toBe(8);
    expect(countPositions({ type: 'MultiPolygon', coordinates: [[ring], [ring, ring]] })).toBe(12);
  });
});
