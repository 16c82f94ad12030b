import type { Point } from '@navette/matching';

/** A zone of the simulated day: a neighbourhood (its outer ring, `[lng, lat]`) and its demand. */
export interface Zone {
  id: string;
  ring: readonly Point[];
  /** Requests per hour starting here. */
  requestsPerHour: number;
}

/** The town of the simulated day: its neighbourhoods, and the whole town's ring for destinations. */
export interface Town {
  name: string;
  zones: readonly Zone[];
  /** Outer ring of the town; some trips end anywhere in it. Default: only in the zones. */
  area?: readonly Point[];
}

/**
 * Requests per hour starting in each demo neighbourhood: busiest at the centre (Kamppi, the
 * station and shops), thinning out toward Töölö's residential north and Sörnäinen in the east.
 * Uneven on purpose: a dispatcher minimising driving alone serves the thin zones worse.
 */
export const DEMAND_PER_HOUR: Readonly<Record<string, number>> = {
  kamppi: 30,
  kluuvi: 22,
  kallio: 20,
  toolo: 10,
  sornainen: 8,
};

const METERS_PER_DEGREE = 111_195;

/** A GeoJSON feature of the territories file, as far as the simulator reads it. */
export interface TerritoryFeature {
  geometry: { type: string; coordinates: unknown };
  properties: { key: string; name?: string; level: string; parent?: string | null };
}

/**
 * The town from a territories GeoJSON (neighbourhood ⊂ town ⊂ region): each neighbourhood a zone
 * with its demand (`demand[key]`, default 10/h), the first town's ring as the area.
 */
export function townFromGeoJson(
  features: readonly TerritoryFeature[],
  demand: Readonly<Record<string, number>> = DEMAND_PER_HOUR,
): Town {
  const ringOf = (f: TerritoryFeature): Point[] => {
    const c = f.geometry.coordinates as number[][][] | number[][][][];
    const outer =
      f.geometry.type === 'MultiPolygon' ? (c as number[][][][])[0]![0]! : (c as number[][][])[0]!;
    return outer.map(([lng, lat]) => [lng!, lat!] as Point);
  };
  const town = features.find((f) => f.properties.level === 'town');
  const zones = features
    .filter((f) => f.properties.level === 'neighbourhood')
    .map((f) => ({ id: f.properties.key, ring: ringOf(f), requestsPerHour: demand[f.properties.key] ?? 10 }));
  if (zones.length === 0) throw new Error('no neighbourhood in the territories');
  return { name: town?.properties.name ?? 'town', zones, area: town ? ringOf(town) : undefined };
}

/** A zone drawn as a disc (a 24-sided polygon) around a centre. */
export function discZone(id: string, centre: Point, radiusMeters: number, requestsPerHour: number): Zone {
  const kLng = METERS_PER_DEGREE * Math.cos((centre[1] * Math.PI) / 180);
  const ring: Point[] = Array.from({ length: 25 }, (_, i) => {
    const a = (2 * Math.PI * (i % 24)) / 24;
    return [
      centre[0] + (radiusMeters * Math.cos(a)) / kLng,
      centre[1] + (radiusMeters * Math.sin(a)) / METERS_PER_DEGREE,
    ];
  });
  return { id, ring, requestsPerHour };
}

/** Helsinki without the territories file: five real neighbourhoods as discs, the same demand. */
export const HELSINKI_FALLBACK: Town = {
  name: 'Helsinki (built-in discs)',
  zones: [
    discZone('kamppi', [24.931, 60.168], 600, DEMAND_PER_HOUR.kamppi!),
    discZone('kluuvi', [24.949, 60.171], 600, DEMAND_PER_HOUR.kluuvi!),
    discZone('kallio', [24.947, 60.185], 800, DEMAND_PER_HOUR.kallio!),
    discZone('toolo', [24.922, 60.182], 900, DEMAND_PER_HOUR.toolo!),
    discZone('sornainen', [24.967, 60.187], 700, DEMAND_PER_HOUR.sornainen!),
  ],
};

/** Ray casting on a ring (closed or not). */
export function insideRing([x, y]: Point, ring: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The first zone holding the point, or undefined. */
export function zoneOf(zones: readonly Zone[], point: Point): Zone | undefined {
  return zones.find((z) => insideRing(point, z.ring));
}

/** The zone's centre: the mean of its ring's corners (the closing corner once). */
export function centreOf(zone: Zone): Point {
  const ring = zone.ring;
  const closed = ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1];
  const corners = closed ? ring.slice(0, -1) : ring;
  const lng = corners.reduce((s, p) => s + p[0], 0) / corners.length;
  const lat = corners.reduce((s, p) => s + p[1], 0) / corners.length;
  return [lng, lat];
}

/** A uniformly random point inside the ring (rejection sampling in its bounding box). */
export function pointInRing(ring: readonly Point[], random: () => number): Point {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [west, east, south, north] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const p: Point = [west + random() * (east - west), south + random() * (north - south)];
    if (insideRing(p, ring)) return p;
  }
  throw new Error('no point found inside the ring');
}

/** A uniformly random point within the zone. */
export function pointIn(zone: Zone, random: () => number): Point {
  return pointInRing(zone.ring, random);
}

/** Inequality of non-negative values: 0 when all equal, (n − 1) / n when one holds everything. */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((s, v) => s + v, 0);
  if (n === 0 || total === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += (i + 1) * sorted[i]!;
  return (2 * weighted) / (n * total) - (n + 1) / n;
}
