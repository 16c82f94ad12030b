import { createPrng } from '@navette/matching';
import type { OsmNetwork, OsmNode, OsmWay } from './osm-xml.js';

/**
 * A made-up street grid over a box, for running the road-network travel model where no
 * OpenStreetMap extract can be downloaded (this project's CI). Not a town's real streets: a grid of
 * blocks `spacingMeters` wide, every `arterialEvery`-th street an arterial at 50 km/h that runs the
 * whole way, the others residential at 30 km/h, every third residential street one-way (alternating
 * direction), and `missingShare` of the residential blocks' sides left out (a park, a railway), so
 * that routes detour and the road is longer than the straight line. The same seed gives the same grid.
 */
export interface StreetGridOptions {
  /** `[minLng, minLat, maxLng, maxLat]` in degrees. */
  bbox: readonly [number, number, number, number];
  /** Block size, meters. Default 200. */
  spacingMeters?: number;
  /** Every n-th street (both ways) is an arterial. Default 5. */
  arterialEvery?: number;
  /** Share of residential street segments left out, 0..1. Default 0.08. */
  missingShare?: number;
  seed?: number;
}

const METERS_PER_DEGREE_LAT = 110_574;

export function streetGrid(options: StreetGridOptions): OsmNetwork {
  const [minLng, minLat, maxLng, maxLat] = options.bbox;
  if (!(maxLng > minLng && maxLat > minLat)) throw new RangeError(`not a box: ${options.bbox.join(', ')}`);
  const spacing = options.spacingMeters ?? 200;
  const arterialEvery = options.arterialEvery ?? 5;
  const missingShare = options.missingShare ?? 0.08;
  const prng = createPrng(options.seed ?? 1);
  const midLat = ((minLat + maxLat) / 2) * (Math.PI / 180);
  const dLat = spacing / METERS_PER_DEGREE_LAT;
  const dLng = spacing / (METERS_PER_DEGREE_LAT * Math.cos(midLat));
  const columns = Math.floor((maxLng - minLng) / dLng) + 1;
  const rows = Math.floor((maxLat - minLat) / dLat) + 1;
  const nodes: OsmNode[] = [];
  const id = (c: number, r: number) => r * columns + c + 1;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++)
      nodes.push({ id: id(c, r), lng: minLng + c * dLng, lat: minLat + r * dLat });

  const ways: OsmWay[] = [];
  /** One street along `line` (node ids in order): cut where a segment is missing, each run one way. */
  const street = (line: number[], index: number, kind: 'row' | 'column') => {
    const arterial = index % arterialEvery === 0;
    const oneWay = !arterial && index % 3 === 1;
    // One-way streets alternate: east- or northbound, then west- or southbound.
    const ordered = oneWay && Math.floor(index / 3) % 2 === 1 ? [...line].reverse() : line;
    const tags: Record<string, string> = arterial
      ? { highway: 'secondary', maxspeed: '50', name: `${kind === 'row' ? 'Avenue' : 'Boulevard'} ${index}` }
      : { highway: 'residential', maxspeed: '30', name: `${kind === 'row' ? 'Street' : 'Lane'} ${index}` };
    if (oneWay) tags.oneway = 'yes';
    let run: number[] = [ordered[0]!];
    const close = () => {
      if (run.length > 1) ways.push({ id: ways.length + 1, nodes: run, tags });
    };
    for (let i = 1; i < ordered.length; i++) {
      if (!arterial && prng.next() < missingShare) {
        close();
        run = [ordered[i]!];
      } else run.push(ordered[i]!);
    }
    close();
  };
  for (let r = 0; r < rows; r++)
    street(
      Array.from({ length: columns }, (_, c) => id(c, r)),
      r,
      'row',
    );
  for (let c = 0; c < columns; c++)
    street(
      Array.from({ length: rows }, (_, r) => id(c, r)),
      c,
      'column',
    );
  return { nodes, ways };
}
