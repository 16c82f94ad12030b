import { isLngLat, pointProblem } from './geojson.validators.js';

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
