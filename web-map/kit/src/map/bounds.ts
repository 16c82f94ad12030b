import type { LngLat } from '@navette/contracts';

/** A bounding box as `[[west, south], [east, north]]`, degrees. */
export type Bounds = [LngLat, LngLat];

interface AnyGeometry {
  type: string;
  coordinates?: unknown;
}

function visit(coordinates: unknown, into: (position: LngLat) => void): void {
  if (!Array.isArray(coordinates)) return;
  if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
    into([coordinates[0], coordinates[1]]);
    return;
  }
  for (const inner of coordinates) visit(inner, into);
}

/** The smallest box holding every position of every feature; undefined when there is none. */
export function boundsOf(features: readonly { geometry: AnyGeometry | null }[]): Bounds | undefined {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const feature of features) {
    visit(feature.geometry?.coordinates, ([lng, lat]) => {
      west = Math.min(west, lng);
      east = Math.max(east, lng);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    });
  }
  return west <= east
    ? [
        [west, south],
        [east, north],
      ]
    : undefined;
}
