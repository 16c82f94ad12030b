import { boundsOf } from './bounds.js';

describe('boundsOf', () => {
  it('spans polygons and multipolygons together', () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [24.9, 60.15],
          [25.0, 60.15],
          [25.0, 60.2],
          [24.9, 60.15],
        ],
      ],
    };
    const multi = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [24.95, 60.18],
            [24.96, 60.21],
            [24.94, 60.19],
            [24.95, 60.18],
          ],
        ],
      ],
    };
    expect(boundsOf([{ geometry: polygon }, { geometry: multi }])).toEqual([
      [24.9, 60.15],
      [25.0, 60.21],
    ]);
  });

  it('has no bounds without positions', () => {
    expect(boundsOf([])).toBeUndefined();
    expect(boundsOf([{ geometry: null }])).toBeUndefined();
  });
});
