import { haversineMeters, pointKey, type Point, type TravelTimes } from '@navette/matching';
import {
  keepAtMost,
  nearestVertexOf,
  type SnappedTravelTimes,
} from '../../src/travel/snapped-travel-times.js';
import type { Turn } from '../sim/movement.js';
import type { RoadGraph, RoadPath } from './road-graph.js';

/** Rows and paths kept at most, each (a day asks a few thousand; beyond, the oldest go). */
const KEPT = 4096;

/**
 * A road table (`SnappedTravelTimes`, from pgRouting) with the streets themselves (`RoadGraph`), so
 * that a vehicle can change course on its way rather than only at its next stop: `turn` says which
 * vertex of its fastest road it reaches next, and the travel times then answer from that vertex
 * exactly (its own Dijkstra row), not through the nearest vertex of the table, which would add an
 * access leg at every replan. Every other point is answered by the table.
 */
export class TurningRoads implements TravelTimes {
  private readonly graphOf: Int32Array;
  private readonly inTable = new Set<number>();
  /** Vertices not in the table where a vehicle turned, by `pointKey`. */
  private readonly turnVertices = new Map<string, number>();
  private readonly rows = new Map<number, { seconds: Float64Array; meters: Float64Array }>();
  private readonly paths = new Map<string, RoadPath | undefined>();

  constructor(
    private readonly table: SnappedTravelTimes,
    private readonly graph: RoadGraph,
  ) {
    const nearest = nearestVertexOf(graph.vertices);
    this.graphOf = Int32Array.from(table.vertices, (p) => {
      const v = nearest(p);
      if (haversineMeters(p, graph.vertices[v]!) > 0.01) {
        throw new RangeError(`the table's vertex ${p.join(', ')} is not a vertex of the road graph`);
      }
      this.inTable.add(v);
      return v;
    });
  }

  seconds(from: Point, to: Point): number {
    const x = this.turnVertices.get(pointKey(from));
    if (x === undefined) return this.table.seconds(from, to);
    if (this.turnVertices.get(pointKey(to)) === x) return 0;
    const s = this.table.snap(to);
    return this.rowOf(x).seconds[s.index]! + s.meters / this.table.accessSpeed;
  }

  meters(from: Point, to: Point): number {
    const x = this.turnVertices.get(pointKey(from));
    if (x === undefined) return this.table.meters(from, to);
    if (this.turnVertices.get(pointKey(to)) === x) return 0;
    const s = this.table.snap(to);
    return this.rowOf(x).meters[s.index]! + s.meters;
  }

  /**
   * Where a vehicle that left `from` for `to` `elapsedSeconds` ago can next change course: its start
   * vertex while still on the straight line to it, else the next vertex of its fastest road (the
   * vertex it is at, if exactly there); `to` itself once there, or when both ends share a vertex.
   */
  turn(from: Point, to: Point, elapsedSeconds: number): Turn {
    const leg = this.seconds(from, to);
    // The whole leg: its meters are read only when it is the answer (this runs for every vehicle on its way, every batch).
    const whole = (): Turn => ({ at: to, seconds: leg, meters: this.meters(from, to) });
    if (elapsedSeconds >= leg) return whole();
    const x = this.turnVertices.get(pointKey(from));
    const start = x === undefined ? this.table.snap(from) : undefined;
    const a = x ?? this.graphOf[start!.index]!;
    const accessMeters = start?.meters ?? 0;
    const access = accessMeters / this.table.accessSpeed;
    const b = this.graphOf[this.table.snap(to).index]!;
    if (a === b) return whole();
    if (elapsedSeconds <= access) return this.turnAt(a, access, accessMeters);
    const path = this.pathOf(a, b);
    if (!path) return whole();
    const on = elapsedSeconds - access;
    let i = 0;
    while (i < path.vertices.length - 1 && path.seconds[i]! < on) i++;
    // Past the road's last vertex: on the straight line to `to`, which it reaches first.
    if (path.seconds[i]! < on) return whole();
    return this.turnAt(path.vertices[i]!, access + path.seconds[i]!, accessMeters + path.meters[i]!);
  }

  private turnAt(v: number, seconds: number, meters: number): Turn {
    const at = this.graph.vertices[v]!;
    if (!this.inTable.has(v)) this.turnVertices.set(pointKey(at), v);
    return { at, seconds, meters };
  }

  private rowOf(x: number): { seconds: Float64Array; meters: Float64Array } {
    let row = this.rows.get(x);
    if (!row) {
      row = this.graph.from(x, this.graphOf);
      keepAtMost(this.rows, KEPT, x, row);
    }
    return row;
  }

  private pathOf(a: number, b: number): RoadPath | undefined {
    const key = `${a} ${b}`;
    if (!this.paths.has(key)) keepAtMost(this.paths, KEPT, key, this.graph.path(a, b));
    return this.paths.get(key);
  }
}
