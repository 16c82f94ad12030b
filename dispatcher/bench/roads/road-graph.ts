import FlatQueue from 'flatqueue';
import type { Point } from '@navette/matching';
import { tableName, type Queryable } from '../../src/travel/pgrouting-travel-times.js';

/**
 * A street as pgRouting stores it (osm2pgrouting's `ways`): between two vertices (indexes into the
 * graph's vertices), driven source → target in `seconds` and back in `reverseSeconds`, `meters` long.
 * A negative cost is no way in that direction (a one-way street), as in pgRouting.
 */
export interface RoadEdge {
  source: number;
  target: number;
  seconds: number;
  reverseSeconds: number;
  meters: number;
}

/** The fastest road from one vertex to another: its vertices, and the seconds and meters driven to each. */
export interface RoadPath {
  vertices: number[];
  seconds: number[];
  meters: number[];
}

/** Outgoing arcs of every vertex, packed (compressed sparse rows). */
interface Arcs {
  start: Int32Array;
  to: Int32Array;
  cost: Float64Array;
  /** The street's length, whatever the arc's cost measures. */
  meters: Float64Array;
}

/**
 * A street network held in memory, for what pgRouting answers only a query at a time: the simulator
 * asks synchronously where a vehicle on its way can next turn (a vertex on its fastest road), and
 * how far it is from there. Seconds are the fastest road's and meters the shortest road's, the same
 * directions and the same measures as `pgRoutingTravelTimes`'s tables (its integration spec checks
 * they agree), by Dijkstra's algorithm over a binary heap (`flatqueue`).
 */
export class RoadGraph {
  private readonly bySeconds: Arcs;
  private readonly byMeters: Arcs;
  private readonly queue: FlatQueue<number>;
  private readonly best: Float64Array;
  private readonly along: Float64Array;
  private readonly previous: Int32Array;
  private readonly done: Uint8Array;

  constructor(
    readonly vertices: readonly Point[],
    edges: readonly RoadEdge[],
  ) {
    const n = vertices.length;
    const seconds: [number, number, number, number][] = [];
    const meters: [number, number, number, number][] = [];
    for (const e of edges) {
      if (!(e.source >= 0 && e.source < n && e.target >= 0 && e.target < n)) {
        throw new RangeError(`a street joins vertices ${e.source} and ${e.target}, not among the ${n}`);
      }
      if (e.seconds >= 0) seconds.push([e.source, e.target, e.seconds, e.meters]);
      if (e.reverseSeconds >= 0) seconds.push([e.target, e.source, e.reverseSeconds, e.meters]);
      // As pgRoutingTravelTimes's meters: the way forward always, back unless one-way.
      meters.push([e.source, e.target, e.meters, e.meters]);
      if (e.reverseSeconds >= 0) meters.push([e.target, e.source, e.meters, e.meters]);
    }
    this.bySeconds = packed(n, seconds);
    this.byMeters = packed(n, meters);
    this.queue = new FlatQueue<number>();
    this.best = new Float64Array(n);
    this.along = new Float64Array(n);
    this.previous = new Int32Array(n);
    this.done = new Uint8Array(n);
  }

  /** The fastest road from vertex `a` to vertex `b`, or `undefined` when none leads there. */
  path(a: number, b: number): RoadPath | undefined {
    this.search(this.bySeconds, a, b);
    if (this.best[b] === Infinity) return undefined;
    const vertices: number[] = [];
    for (let v = b; v !== -1; v = this.previous[v]!) vertices.push(v);
    vertices.reverse();
    return {
      vertices,
      seconds: vertices.map((v) => this.best[v]!),
      meters: vertices.map((v) => this.along[v]!),
    };
  }

  /** From vertex `a` to each of `targets`: the fastest road's seconds and the shortest road's meters (`Infinity` where none leads). */
  from(a: number, targets: ArrayLike<number>): { seconds: Float64Array; meters: Float64Array } {
    const seconds = new Float64Array(targets.length);
    const meters = new Float64Array(targets.length);
    this.search(this.bySeconds, a);
    for (let i = 0; i < targets.length; i++) seconds[i] = this.best[targets[i]!]!;
    this.search(this.byMeters, a);
    for (let i = 0; i < targets.length; i++) meters[i] = this.best[targets[i]!]!;
    return { seconds, meters };
  }

  /** Dijkstra from `a` over `arcs`, to every vertex or until `stop` is settled. */
  private search(arcs: Arcs, a: number, stop = -1): void {
    const { best, along, previous, done, queue } = this;
    best.fill(Infinity);
    done.fill(0);
    best[a] = 0;
    along[a] = 0;
    previous[a] = -1;
    queue.clear();
    queue.push(a, 0);
    while (queue.length > 0) {
      const v = queue.pop()!;
      if (done[v]) continue;
      done[v] = 1;
      if (v === stop) break;
      for (let k = arcs.start[v]!; k < arcs.start[v + 1]!; k++) {
        const w = arcs.to[k]!;
        const d = best[v]! + arcs.cost[k]!;
        if (d < best[w]!) {
          best[w] = d;
          along[w] = along[v]! + arcs.meters[k]!;
          previous[w] = v;
          queue.push(w, d);
        }
      }
    }
  }
}

function packed(n: number, arcs: readonly [number, number, number, number][]): Arcs {
  const start = new Int32Array(n + 1);
  for (const [from] of arcs) start[from + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const next = start.slice(0, n);
  const to = new Int32Array(arcs.length);
  const cost = new Float64Array(arcs.length);
  const meters = new Float64Array(arcs.length);
  for (const [from, target, c, m] of arcs) {
    const k = next[from]!++;
    to[k] = target;
    cost[k] = c;
    meters[k] = m;
  }
  return { start, to, cost, meters };
}

/** Reads the street network of an osm2pgrouting import (`ways` and its vertices table) into memory. */
export async function loadRoadGraph(
  db: Queryable,
  options: { edges?: string; vertices?: string } = {},
): Promise<RoadGraph> {
  const edges = tableName(options.edges ?? 'ways');
  const verticesTable = tableName(options.vertices ?? `${edges}_vertices_pgr`);
  const { rows: vertices } = await db.query<{ id: string; lng: number; lat: number }>(
    `SELECT id::text AS id, ST_X(the_geom) AS lng, ST_Y(the_geom) AS lat FROM ${verticesTable} ORDER BY id`,
  );
  const index = new Map(vertices.map((v, i) => [v.id, i]));
  const { rows: ways } = await db.query<{ source: string; target: string; s: number; r: number; m: number }>(
    `SELECT source::text AS source, target::text AS target, cost_s AS s, reverse_cost_s AS r, length_m AS m FROM ${edges}`,
  );
  return new RoadGraph(
    vertices.map((v) => [v.lng, v.lat] as Point),
    ways.map((w) => ({
      source: index.get(w.source) ?? -1,
      target: index.get(w.target) ?? -1,
      seconds: Number(w.s),
      reverseSeconds: Number(w.r),
      meters: Number(w.m),
    })),
  );
}
