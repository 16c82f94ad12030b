import type { TerritoryCollection } from '@navette/contracts';
import { finestTerritories } from './rider-view.js';

const square = (west: number, south: number, size: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
});

const territory = (
  id: string,
  level: 'region' | 'town' | 'neighbourhood',
  geometry: ReturnType<typeof square>,
) =>
  ({
    type: 'Feature',
    properties: { id, name: id, level },
    geometry,
  }) as TerritoryCollection['features'][number];

describe('finestTerritories', () => {
  it('opens on the finest territories there are', () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        territory('region', 'region', square(24, 60, 1)),
        territory('town', 'town', square(24.8, 60.1, 0.2)),
        territory('a', 'neighbourhood', square(24.9, 60.15, 0.02)),
        territory('b', 'neighbourhood', square(24.95, 60.18, 0.02)),
      ],
    } as TerritoryCollection;
    expect(finestTerritories(collection).map((f) => f.properties.id)).toEqual(['a', 'b']);
  });

  it('falls back to a coarser level, and to nothing without territories', () => {
    const town = {
      type: 'FeatureCollection',
      features: [territory('town', 'town', square(24.8, 60.1, 0.2))],
    };
    expect(finestTerritories(town as TerritoryCollection).map((f) => f.properties.id)).toEqual(['town']);
    expect(finestTerritories({ type: 'FeatureCollection', features: [] })).toEqual([]);
  });
});
