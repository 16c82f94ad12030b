import { bboxProblem, isLngLat, normalisedPoint, pointProblem } from './geojson.validators.js';

describe('GeoJSON point validation', () => {
  it('accepts a point in [lng, lat] order', () => {
    expect(pointProblem({ type: 'Point', coordinates: [24.95, 60.18] })).toBeUndefined();
  });

  it.each([
    [null, 'must be a GeoJSON Point object'],
    [[24.9, 60.1], 'must be a GeoJSON Point object'],
    [{ type: 'LineString', coordinates: [24.9, 60.1] }, 'must be a GeoJSON Point ("type": "Point")'],
    [{ type: 'Point', coordinates: [24.9] }, 'coordinates must be [longitude, latitude]'],
    [{ type: 'Point', coordinates: ['24.9', 60.1] }, 'coordinates must be [longitude, latitude]'],
    [{ type: 'Point', coordinates: [200, 60.1] }, 'coordinates must be [longitude, latitude]'],
    [{ type: 'Point', coordinates: [24.9, 91] }, 'coordinates must be [longitude, latitude]'],
    [{ type: 'Point', coordinates: [24.9, 60.1], crs: 'x' }, 'has unexpected member "crs"'],
  ])('refuses %j', (value, problem) => {
    expect(pointProblem(value)).toContain(problem);
  });

  it('refuses non-finite numbers', () => {
    expect(isLngLat([Number.NaN, 1])).toBe(false);
    expect(isLngLat([1, Number.POSITIVE_INFINITY])).toBe(false);
  });
});

describe('GeoJSON bbox validation', () => {
  it('accepts a 2D or 3D box, across the antimeridian too', () => {
    expect(bboxProblem([24.9, 60.1, 25.0, 60.3])).toBeUndefined();
    expect(bboxProblem([24.9, 60.1, -10, 25.0, 60.3, 120])).toBeUndefined();
    expect(bboxProblem([179, -17, -179, -16])).toBeUndefined();
    expect(
      pointProblem({ type: 'Point', coordinates: [24.95, 60.18], bbox: [24.95, 60.18, 24.95, 60.18] }),
    ).toBeUndefined();
  });

  it.each([
    ['not an array', 'box'],
    ['too short', [1, 2, 3]],
    ['five numbers', [1, 2, 3, 4, 5]],
    ['a string inside', [1, '2', 3, 4]],
    ['a null inside', [1, null, 3, 4]],
    ['out of range', [1, 2, 300, 4]],
    ['south above north', [24.9, 60.3, 25.0, 60.1]],
    ['low above high', [24.9, 60.1, 100, 25.0, 60.3, 0]],
  ])('refuses a bbox %s', (_name, bbox) => {
    expect(bboxProblem(bbox)).toContain('bbox must be [west, south, east, north]');
    expect(pointProblem({ type: 'Point', coordinates: [24.95, 60.18], bbox })).toContain('bbox must be');
  });
});

describe('normalisedPoint (RFC 7946 §3.1.1, §6.1)', () => {
  it('drops an altitude and foreign members, keeps a bbox to be checked', () => {
    expect(normalisedPoint({ type: 'Point', coordinates: [24.9, 60.1, 15], title: 'x' })).toEqual({
      type: 'Point',
      coordinates: [24.9, 60.1],
    });
    expect(normalisedPoint({ type: 'Point', coordinates: [24.9, 60.1], bbox: [1, 2, 3, 4] })).toEqual({
      type: 'Point',
      coordinates: [24.9, 60.1],
      bbox: [1, 2, 3, 4],
    });
  });

  it('leaves anything else as it came, for the validator to name', () => {
    const badAltitude = { type: 'Point', coordinates: [24.9, 60.1, 'high'] };
    expect(pointProblem(normalisedPoint(badAltitude))).toMatch(/coordinates/);
    expect(normalisedPoint('Point')).toBe('Point');
    expect(normalisedPoint(null)).toBe(null);
    const polygon = { type: 'Polygon', coordinates: [] };
    expect(normalisedPoint(polygon)).toBe(polygon);
  });
});
