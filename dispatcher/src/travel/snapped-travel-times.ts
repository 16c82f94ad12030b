import { around } from 'geokdbush';
import KDBush from 'kdbush';
import {
  DEFAULT_SPEED_METERS_PER_SECOND,
  haversineMeters,
  pointKey,
  type Point,
  type TravelTimes,
} from '@navette/matching';

/** A road table between some vertices of a network. */
export interface VertexTable {
  /** The vertices, `[lng, lat]` in degrees. */
  vertices: readonly Point[];
  /** Road seconds from vertex i to vertex j at `i * n + j`; `Infinity` where there is no road. */
  seconds: Float64Array;
  /** Road meters from vertex i to vertex j at `i * n + j`; `Infinity` where there is no road. */
  meters: Float64Array;
}

export interface SnappedOptions {
  /** Speed on the straight line between a point and its vertex, m/s. Default 30 km/h. */
  accessSpeedMetersPerSecond?: number;
}

/** The index, in `vertices`, of the vertex nearest a point on the sphere (a kd-tree, built once). */
export function nearestVertexOf(vertices: readonly Point[]): (point: Point) => number {
  const index = new KDBush(vertices.length);
  for (const [lng, lat] of vertices) index.add(lng, lat);
  index.finish();
  return ([lng, lat]) => around(index, lng, lat, 1)[0]!;
}

/** Points whose snap is kept (a day asks a few thousand places; beyond, the oldest go). */
const SNAPS_KEPT = 65_536;

/** Sets `key` in `cache`, first dropping the oldest entry when it holds `limit` already (a FIFO bound). */
export function keepAtMost<K, V>(cache: Map<K, V>, limit: number, key: K, value: V): void {
  if (cache.size >= limit && !cache.has(key)) cache.delete(cache.keys().next().value as K);
  cache.set(key, value);
}

interface Snap {
  vertex: number;
  meters: number;
}

/**
 * Travel times on a road network known only between some of its vertices: a table of road times
 * and distances from every one of those vertices to every other (from pgRouting, say). Any point is
 * answered: it is snapped to the nearest of the table's vertices, and the straight line between the
 * point and its vertex is driven at `accessSpeedMetersPerSecond`. Two points on the same vertex are
 * that straight line apart. Synchronous, as the core asks; build it once for a batch or a day.
 */
export class SnappedTravelTimes implements TravelTimes {
  private readonly nearest: (point: Point) => number;
  private readonly snaps = new Map<string, Snap>();
  private readonly n: number;
  private readonly speed: number;

  constructor(
    private readonly table: VertexTable,
    options: SnappedOptions = {},
  ) {
    this.n = table.vertices.length;
    if (this.n === 0) throw new RangeError('a road table needs at least one vertex');
    if (table.seconds.length !== this.n * this.n || table.meters.length !== this.n * this.n) {
      throw new RangeError(`a road table of ${this.n} vertices needs ${this.n * this.n} cells per measure`);
    }
    this.speed = options.accessSpeedMetersPerSecond ?? DEFAULT_SPEED_METERS_PER_SECOND;
    if (!(this.speed > 0 && Number.isFinite(this.speed))) {
      throw new RangeError(`access speed must be a positive number, got ${this.speed}`);
    }
    this.nearest = nearestVertexOf(table.vertices);
  }

  /** How many vertices the table holds. */
  get vertexCount(): number {
    return this.n;
  }

  /** The table vertex `point` is snapped to (and its index in the table), and the straight-line meters to it. */
  snap(point: Point): { vertex: Point; index: number; meters: number } {
    const s = this.snapOf(point);
    return { vertex: this.table.vertices[s.vertex]!, index: s.vertex, meters: s.meters };
  }

  /** The table's vertices, `[lng, lat]`. */
  get vertices(): readonly Point[] {
    return this.table.vertices;
  }

  /** The speed on the straight line between a point and its vertex, m/s. */
  get accessSpeed(): number {
    return this.speed;
  }

  seconds(from: Point, to: Point): number {
    const a = this.snapOf(from);
    const b = this.snapOf(to);
    if (a.vertex === b.vertex) return haversineMeters(from, to) / this.speed;
    return (a.meters + b.meters) / this.speed + this.table.seconds[a.vertex * this.n + b.vertex]!;
  }

  meters(from: Point, to: Point): number {
    const a = this.snapOf(from);
    const b = this.snapOf(to);
    if (a.vertex === b.vertex) return haversineMeters(from, to);
    return a.meters + b.meters + this.table.meters[a.vertex * this.n + b.vertex]!;
  }

  private snapOf(point: Point): Snap {
    const key = pointKey(point);
    let snap = this.snaps.get(key);
    if (snap === undefined) {
      const vertex = this.nearest(point);
      snap = { vertex, meters: haversineMeters(point, this.table.vertices[vertex]!) };
      keepAtMost(this.snaps, SNAPS_KEPT, key, snap);
    }
    return snap;
  }
}
